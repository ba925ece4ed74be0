package org.nslab.cmd;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.nslab.ns.NsWordException;
import org.nslab.sys.SyscallException;
import org.nslab.text.Key;
import org.nslab.text.Said;
import org.nslab.text.Text;

/**
 * Runs one line: splits it, finds the command, parses its options, runs it, and is the one
 * place that catches what commands throw and turns it into a message. Nothing a user types
 * ends the shell or prints a stack trace, unless --debug asked for traces.
 */
public final class Interpreter {
  /** $? of a line that could not run: unknown command, bad usage. */
  public static final int USAGE = 2;

  private final Registry registry;
  private final boolean debug;

  public Interpreter(Registry registry, boolean debug) {
    this.registry = registry;
    this.debug = debug;
  }

  public Registry registry() {
    return registry;
  }

  /**
   * Something that wants to see (and may wrap) each line a user types: workshop progress,
   * recording. It must call {@code proceed} once to run the line, and return its status.
   */
  public interface Typed {
    int run(Session session, String line, java.util.function.IntSupplier proceed);
  }

  private final List<Typed> typed = new java.util.ArrayList<>();

  public void onTyped(Typed t) {
    typed.add(t);
  }

  /**
   * Runs a line the user typed (the shell's loops call this; commands composed by other
   * commands, and checks, call {@link #execute}): the same, seen by every {@link Typed}.
   */
  public int executeTyped(Session session, String line) {
    java.util.function.IntSupplier run = () -> execute(session, line);
    for (Typed t : typed) {
      java.util.function.IntSupplier inner = run;
      run = () -> t.run(session, line, inner);
    }
    return run.getAsInt();
  }

  /** Runs a line and returns its status; blank lines and comments return 0. */
  public int execute(Session session, String line) {
    PrintWriter err = session.err();
    String name = "nslab";
    Spec spec = null;
    try {
      List<String> words = Words.split(line);
      if (words.isEmpty()) {
        return 0;
      }
      name = words.get(0);
      Command command = registry.find(name);
      if (command == null) {
        String near = registry.suggest(name);
        err.println(
            session.paint(
                Paint.Tone.ERROR,
                wrap(session, "nslab: " + (near == null
                    ? session.text().get(Key.UNKNOWN_COMMAND, Wrap.cut(name, 60, session.text()))
                    : session.text().get(Key.UNKNOWN_COMMAND_NEAR,
                        Wrap.cut(name, 60, session.text()), near)))));
        return 127;
      }
      spec = command.spec();
      name = spec.name();
      Args args = Args.parse(spec, words.subList(1, words.size()));
      if (args.helpRequested()) {
        session.out().print(spec.help(session.text(), session.console().width()));
        return 0;
      }
      return command.run(session, args);
    } catch (UsageException | IllegalArgumentException e) {
      String message = describe(e, session.text());
      err.println(session.paint(Paint.Tone.ERROR, wrap(session, name + ": " + message)));
      if (spec != null) {
        err.println(spec.usageLines(session.text(), session.console().width()) + "\n"
            + wrap(session, session.text().get(Key.USAGE_TRY_HELP, spec.name())));
      }
      trace(err, e);
      return USAGE;
    } catch (SyscallException | CommandException | IOException | TaskUnavailableException e) {
      err.println(session.paint(Paint.Tone.ERROR,
          wrap(session, name + ": " + describe(e, session.text()))));
      trace(err, e);
      return e instanceof CommandException c ? c.status() : 1;
    } catch (Exception | LinkageError e) {
      err.println(
          session.paint(
              Paint.Tone.ERROR,
              name + ": " + session.text().get(debug ? Key.INTERNAL_ERROR
                  : Key.INTERNAL_ERROR_DEBUG, String.valueOf(e))));
      trace(err, e);
      return 70;
    } finally {
      session.out().flush();
      err.flush();
    }
  }

  /**
   * As {@link #describe(Exception)}, in the language of text: a failed call's lesson, a
   * command's reason, a usage mistake, sys's words ({@link Said}) and ns's ({@link NsWords}).
   */
  public static String describe(Exception e, Text text) {
    if (e instanceof Said s) {
      return s.message(text);
    }
    if (e instanceof NsWordException w) {
      return new NsWords(w).message(text);
    }
    if (e instanceof java.nio.file.NoSuchFileException f) {
      return text.get(Key.FILE_NOT_FOUND, f.getFile());
    }
    if (e instanceof java.nio.file.AccessDeniedException f) {
      return text.get(Key.FILE_ACCESS_DENIED, f.getFile());
    }
    return describe(e);
  }

  /** Text wrapped to the terminal's width at blanks; as it is when there is no terminal. */
  public static String wrap(Session session, String text) {
    return Wrap.text(text, session.console().width());
  }

  /**
   * Text wrapped to the terminal's width at blanks, every continuation {@code hang} columns in
   * (a note under its words, a check under its text); as it is when there is no terminal.
   */
  public static String wrap(Session session, String text, int hang) {
    return Wrap.hanging(text, session.console().width(), hang);
  }

  /** nslab's own note or lesson, wrapped as {@link Wrap#note} wraps it. */
  public static String note(Session session, String text) {
    return Wrap.note(text, session.console().width());
  }

  /** Java's file exceptions carry only the path as their message: say what happened to it. */
  public static String describe(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException f) {
      return "no such file or directory: " + f.getFile();
    }
    if (e instanceof java.nio.file.AccessDeniedException f) {
      return "permission denied: " + f.getFile();
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getFile() + ": " + f.getReason();
    }
    return e.getMessage();
  }

  private void trace(PrintWriter err, Throwable e) {
    if (debug) {
      printTrace(err, e);
    }
  }

  /** The Java stack trace, only with --debug: for nslab's developers, not its students. */
  public static void printTrace(PrintWriter err, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      err.println((t == e ? "" : "Caused by: ") + t);
      for (StackTraceElement frame : t.getStackTrace()) {
        err.println("\tat " + frame);
      }
    }
  }
}
