package org.nslab.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.nslab.cmd.Console;
import org.nslab.cmd.Interpreter;
import org.nslab.cmd.Paint;
import org.nslab.cmd.Registry;
import org.nslab.cmd.Session;
import org.nslab.sys.LabTask;
import org.nslab.text.Key;

/** The two ways nslab reads commands: a JLine REPL on a terminal, or lines from a pipe. */
public final class Shell {
  private Shell() {}

  /** Reads commands from a pipe or file: no prompt, no colour, no history. */
  public static int script(
      CompletableFuture<LabTask> task, BufferedReader in, PrintWriter out, PrintWriter err,
      ShellOptions options, Map<String, String> env, boolean ownsChildren)
      throws IOException {
    return script(task, in, out, err, options, env, ownsChildren, i -> { });
  }

  /** As above, with {@code setup} adding words to the shell first (the workshop's). */
  public static int script(
      CompletableFuture<LabTask> task, BufferedReader in, PrintWriter out, PrintWriter err,
      ShellOptions options, Map<String, String> env, boolean ownsChildren,
      java.util.function.Consumer<Interpreter> setup)
      throws IOException {
    Registry registry = Registry.standard();
    try (Session session =
        Session.open(task, ownsChildren, out, err, Paint.NONE, Console.NONE, env)) {
      session.setText(options.text());
      Interpreter interpreter = new Interpreter(registry, options.debug());
      setup.accept(interpreter);
      return ScriptLoop.run(in, session, interpreter);
    }
  }

  /** The interactive REPL on the process's terminal. */
  public static int interactive(
      CompletableFuture<LabTask> task, ShellOptions options, Map<String, String> env,
      String banner, boolean ownsChildren)
      throws IOException {
    return interactive(task, options, env, banner, ownsChildren, i -> { });
  }

  /** As above, with {@code setup} adding words to the shell first (the workshop's). */
  public static int interactive(
      CompletableFuture<LabTask> task, ShellOptions options, Map<String, String> env,
      String banner, boolean ownsChildren, java.util.function.Consumer<Interpreter> setup)
      throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      // Ctrl-C while a child runs goes to the whole foreground process group: the child
      // must get it and nslab must not die of it. Ignoring it here once is enough: the
      // child's dispositions are reset by posix_spawn, and the reader handles Ctrl-C itself.
      terminal.handle(Terminal.Signal.INT, Terminal.SignalHandler.SIG_IGN);
      return repl(task, terminal, options, env, banner, ownsChildren, setup);
    }
  }

  /** The read-eval-print loop on a given terminal (the system's, or a test's). */
  static int repl(
      CompletableFuture<LabTask> task, Terminal terminal, ShellOptions options,
      Map<String, String> env, String banner, boolean ownsChildren)
      throws IOException {
    return repl(task, terminal, options, env, banner, ownsChildren, i -> { });
  }

  static int repl(
      CompletableFuture<LabTask> task, Terminal terminal, ShellOptions options,
      Map<String, String> env, String banner, boolean ownsChildren,
      java.util.function.Consumer<Interpreter> setup)
      throws IOException {
    PrintWriter out = terminal.writer();
    Paint paint = options.color() ? new TerminalPaint(terminal) : Paint.NONE;
    Registry registry = Registry.standard();
    try (Session session =
        Session.open(
            task, ownsChildren, out, out, paint, new TerminalConsole(terminal), env)) {
      session.setText(options.text());
      Interpreter interpreter = new Interpreter(registry, options.debug());
      setup.accept(interpreter);
      DefaultParser parser = new DefaultParser();
      parser.setEscapeChars(new char[] {'\\'});
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("nslab")
              .parser(parser)
              .completer(new ShellCompleter(registry, session.text()))
              .highlighter(options.color() ? new ShellHighlighter(registry) : null)
              .variable(LineReader.HISTORY_FILE, historyFile(env))
              .variable(LineReader.HISTORY_SIZE, 1000)
              .variable(LineReader.HISTORY_FILE_SIZE, 5000)
              .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
              .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
              .build();
      Typeahead.install(reader);
      if (banner != null) {
        out.println(paint.paint(Paint.Tone.WARN, banner));
      }
      out.println(
          paint.paint(Paint.Tone.DIM, "nslab: " + session.text().get(Key.SHELL_BANNER)));
      while (session.exitRequest() == null) {
        String line;
        try {
          line = reader.readLine(Prompt.text(session, terminal, options.color()));
        } catch (UserInterruptException e) {
          continue; // Ctrl-C at the prompt drops the line, as in bash
        } catch (EndOfFileException e) {
          break;
        }
        interpreter.executeTyped(session, line);
      }
      reader.getHistory().save();
      return session.exitRequest() == null ? 0 : session.exitRequest();
    }
  }

  /**
   * nslab demo: presents {@code stage} on the terminal, a key between steps (Enter, space, n or
   * right arrow: on; b, p or left arrow: back a step; r: this step again; q: quit). Without a
   * terminal, or with wait false, it runs straight through.
   */
  public static int demo(
      CompletableFuture<LabTask> task, ShellOptions options, Map<String, String> env,
      boolean ownsChildren, boolean wait, Stage stage) throws Exception {
    boolean tty = System.console() != null;
    if (!tty) {
      PrintWriter out = new PrintWriter(
          new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8),
          true);
      try (Session session =
          Session.open(task, ownsChildren, out, out, Paint.NONE, Console.NONE, env)) {
        session.setText(options.text());
        return stage.present(session, new Interpreter(Registry.standard(), options.debug()),
            () -> Stage.Key.NEXT, () -> 80);
      }
    }
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      terminal.handle(Terminal.Signal.INT, Terminal.SignalHandler.SIG_IGN);
      PrintWriter out = terminal.writer();
      Paint paint = options.color() ? new TerminalPaint(terminal) : Paint.NONE;
      try (Session session = Session.open(
          task, ownsChildren, out, out, paint, new TerminalConsole(terminal), env)) {
        session.setText(options.text());
        Stage.Keys keys = wait ? () -> key(terminal) : () -> Stage.Key.NEXT;
        return stage.present(session, new Interpreter(Registry.standard(), options.debug()),
            keys, terminal::getWidth);
      }
    }
  }

  /** One key, in raw mode, as the presenter understands it. */
  private static Stage.Key key(Terminal terminal) throws IOException {
    org.jline.terminal.Attributes saved = terminal.enterRawMode();
    try {
      org.jline.utils.NonBlockingReader r = terminal.reader();
      while (true) {
        // Timed reads only, as JLine's own line reader does. An untimed read() reads the tty
        // directly while holding the stream's lock; if JLine's pump thread (started by an
        // earlier timed read) is also blocked in read(2), it gets the key and then waits for
        // that lock forever: a lost Enter, seen under load.
        int c = r.read(100);
        switch (c) {
          case org.jline.utils.NonBlockingReader.READ_EXPIRED -> { }
          case -1, 'q', 'Q', 3, 4 -> {
            return Stage.Key.QUIT;
          }
          case '\r', '\n', ' ', 'n', 'N', 'j' -> {
            return Stage.Key.NEXT;
          }
          case 'b', 'B', 'p', 'P', 'k' -> {
            return Stage.Key.BACK;
          }
          case 'r', 'R' -> {
            return Stage.Key.AGAIN;
          }
          case 27 -> {
            // ESC [ C (right) and ESC [ D (left); anything else is ignored.
            int b = r.read(50);
            int d = b == '[' || b == 'O' ? r.read(50) : -2;
            if (d == 'C') {
              return Stage.Key.NEXT;
            }
            if (d == 'D') {
              return Stage.Key.BACK;
            }
          }
          default -> { }
        }
      }
    } finally {
      terminal.setAttributes(saved);
    }
  }

  /** $NSLAB_HISTORY, else $XDG_STATE_HOME/nslab/history, else ~/.local/state/nslab/history. */
  static Path historyFile(Map<String, String> env) throws IOException {
    Path file;
    if (env.containsKey("NSLAB_HISTORY")) {
      file = Path.of(env.get("NSLAB_HISTORY"));
    } else {
      String state = env.get("XDG_STATE_HOME");
      Path base =
          state != null && !state.isEmpty()
              ? Path.of(state)
              : Path.of(System.getProperty("user.home"), ".local", "state");
      file = base.resolve("nslab").resolve("history");
    }
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    return file;
  }
}
