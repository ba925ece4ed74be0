package org.nslab;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.nslab.cli.DemoMain;
import org.nslab.cli.GradeMain;
import org.nslab.cli.LabMain;
import org.nslab.cli.Program;
import org.nslab.cmd.Args;
import org.nslab.cmd.Interpreter;
import org.nslab.cmd.Opt;
import org.nslab.cmd.Session;
import org.nslab.shell.Shell;
import org.nslab.shell.ShellOptions;
import org.nslab.sys.LabTask;
import org.nslab.sys.ProcFs;
import org.nslab.text.Key;
import org.nslab.text.Text;
import org.nslab.workshop.Progress;
import org.nslab.workshop.Workshop;

/** The nslab command. */
public final class Main {
  private Main() {}

  static final Program SHELL = new Program(Program.spec("nslab",
      List.of("nslab [--debug] [--no-color] [--lang en|ja|zh] [--messages DIR]",
          "nslab run|grade|demo ... (nslab run --help, ...)"), 0, 0,
      Opt.flag((char) 0, "debug", "show Java stack traces for errors"),
      Opt.flag((char) 0, "no-color", "no colours"),
      Opt.flag((char) 0, "no-colour", "no colours"),
      Opt.value((char) 0, "lang", "LANG", "the language of the labs and of nslab's words"),
      Opt.value((char) 0, "messages", "DIR", "a teacher's catalogues")), Key.CLI_NSLAB_HELP);

  /** What the shell was asked. */
  record ShellArgs(boolean debug, boolean color, String lang, String messages) {
    static ShellArgs read(Args a) {
      return new ShellArgs(a.has("debug"), !a.has("no-color") && !a.has("no-colour"),
          a.value("lang"), a.value("messages"));
    }
  }

  public static void main(String[] args) {
    // nslab's words are UTF-8 whatever the locale says: a LANG=ja_JP.UTF-8 whose locale is
    // not installed (most containers) would otherwise make the JVM print them as "???".
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
        true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err),
        true, StandardCharsets.UTF_8);
    System.setOut(out);
    System.setErr(err);
    System.exit(run(System.in, out, err, args, true));
  }

  /**
   * The workshop's words (lab, hint, answer, check) for the shell, with the student's
   * progress file; if that file cannot be read, the shell starts without them and says why.
   */
  private static java.util.function.Consumer<Interpreter> workshop(
      Map<String, String> env, Text text, PrintStream err) {
    java.nio.file.Path file = Progress.defaultFile(env);
    try {
      Workshop w = new Workshop(Workshop.labsDir(env), Progress.load(file).ownedBy(env), text);
      org.nslab.workshop.Recorder recorder = new org.nslab.workshop.Recorder();
      return i -> {
        w.install(i);
        recorder.install(i);
      };
    } catch (java.io.IOException e) {
      err.println(text.get(Key.START_NO_LAB_COMMANDS, e.getMessage()));
      return i -> new org.nslab.workshop.Recorder().install(i);
    }
  }

  /** What the shell says first, on standard error, where namespaces will not all work. */
  private static String banner(Map<String, String> env, Text text) {
    return ProcFs.statusId("Uid") != 0 ? text.get(Key.START_NOT_ROOT)
        : !ProcFs.hasSysAdmin() && env.containsKey("NSLAB_ROOTLESS")
            ? text.get(Key.START_ROOTLESS_NO_CAPS)
        : !ProcFs.hasSysAdmin() ? text.get(Key.START_NO_SYS_ADMIN)
        : env.containsKey("NSLAB_ROOTLESS")
            ? text.get(Key.START_ROOTLESS, env.getOrDefault("NSLAB_OUTER_UID", "?"))
            : null;
  }

  /** Runs nslab on the given streams, as a library (tests): it adopts no orphans. */
  public static int run(InputStream in, PrintStream out, PrintStream err, String[] args) {
    return run(in, out, err, args, false);
  }

  /**
   * @param ownProcess this JVM is the nslab command: it becomes a child subreaper, so orphans
   *     of its children come to it, and it ends them on exit
   */
  static int run(
      InputStream in, PrintStream out, PrintStream err, String[] args, boolean ownProcess) {
    if (args.length > 0 && args[0].equals("run")) {
      return LabMain.run(java.util.Arrays.asList(args).subList(1, args.length), out, err);
    }
    if (args.length > 0 && args[0].equals("demo")) {
      return DemoMain.run(java.util.Arrays.asList(args).subList(1, args.length), out, err,
          ownProcess);
    }
    if (args.length > 0 && args[0].equals("grade")) {
      return GradeMain.run(java.util.Arrays.asList(args).subList(1, args.length), out, err);
    }
    Program.Parsed<ShellArgs> parsed = SHELL.parse(java.util.Arrays.asList(args),
        ShellArgs::read, out, err);
    if (parsed.options() == null) {
      return parsed.status();
    }
    return shell(in, out, err, parsed.options(), ownProcess);
  }

  /** The shell: a REPL on a terminal, else a script runner. */
  private static int shell(InputStream in, PrintStream out, PrintStream err, ShellArgs o,
      boolean ownProcess) {
    boolean debug = o.debug();
    boolean color = o.color();
    String lang = o.lang();
    String messages = o.messages();
    // Start the lab task first: it binds libc while the rest of start-up goes on.
    CompletableFuture<LabTask> task = Session.startTask(ownProcess);
    if (ownProcess) {
      // Should this process be killed outright, what it started does not outlive it.
      org.nslab.sys.Guardian.start();
    }
    Map<String, String> env = System.getenv();
    if (env.containsKey("NO_COLOR") || "dumb".equals(env.get("TERM"))) {
      color = false;
    }
    Text text = Text.of(Text.language(lang, env), Text.dirs(messages, env));
    String banner = banner(env, text);
    if (ownProcess) {
      // What an nslab killed outright left: its cgroups go now, each said in a line.
      List<String> swept = org.nslab.sys.Cgroups.sweepAtStart(text);
      if (!swept.isEmpty()) {
        banner = (banner == null ? "" : banner + "\n") + String.join("\n", swept);
      }
    }
    java.util.function.Consumer<Interpreter> workshop = workshop(env, text, err);
    try {
      // System.console() is non-null when both standard input and output are a terminal.
      boolean tty = in == System.in && System.console() != null;
      if (tty) {
        return Shell.interactive(
            task, new ShellOptions(debug, color, text), env, banner, ownProcess, workshop);
      }
      PrintWriter pout = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
      PrintWriter perr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
      if (banner != null) {
        perr.println(banner);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return Shell.script(
          task, reader, pout, perr, new ShellOptions(debug, false, text), env, ownProcess,
          workshop);
    } catch (Exception e) {
      err.println("nslab: " + e.getMessage());
      if (debug) {
        PrintWriter w = new PrintWriter(err, true);
        Interpreter.printTrace(w, e);
        w.flush();
      }
      return 1;
    } finally {
      // The session has ended its children itself.
      org.nslab.sys.Guardian.bye();
    }
  }
}
