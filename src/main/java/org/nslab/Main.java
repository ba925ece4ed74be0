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
import org.nslab.text.Text;
import org.nslab.workshop.Progress;
import org.nslab.workshop.Workshop;

/** The nslab command. */
public final class Main {
  private Main() {}

  private static final String USAGE =
      """
      Usage:
       nslab [--debug] [--no-color] [--lang en|ja|zh] [--messages DIR]
       nslab < COMMANDS
       nslab run [--update] LAB.md...
       nslab grade [options] LAB.md SUBMISSION...
       nslab demo [options] LAB.md

      An interactive lab shell for Linux namespaces. On a terminal it is a REPL (type help).
      With standard input not a terminal it runs one command per line, prints only their
      output, and exits 1 if any command failed.

      Options:
       --debug          show Java stack traces for errors
       --no-color       no colours (also: NO_COLOR set in the environment)
       --lang LANG      the language of the labs (where they have it) and of nslab's own
                        words: en, ja, zh, or one a teacher added (default: the locale's,
                        else English)
       --messages DIR   read a teacher's DIR/messages_LANG.properties first (also:
                        NSLAB_MESSAGES, then $XDG_CONFIG_HOME/nslab)
       --help           display this help
      """;

  static final Program SHELL = new Program(Program.spec("nslab",
      List.of("nslab [--debug] [--no-color] [--lang en|ja|zh] [--messages DIR]",
          "nslab run|grade|demo ... (nslab run --help, ...)"), 0, 0,
      Opt.flag((char) 0, "debug", "show Java stack traces for errors"),
      Opt.flag((char) 0, "no-color", "no colours"),
      Opt.flag((char) 0, "no-colour", "no colours"),
      Opt.value((char) 0, "lang", "LANG", "the language of the labs and of nslab's words"),
      Opt.value((char) 0, "messages", "DIR", "a teacher's catalogues")), USAGE);

  /** What the shell was asked. */
  record ShellArgs(boolean debug, boolean color, String lang, String messages) {
    static ShellArgs read(Args a) {
      return new ShellArgs(a.has("debug"), !a.has("no-color") && !a.has("no-colour"),
          a.value("lang"), a.value("messages"));
    }
  }

  public static void main(String[] args) {
    System.exit(run(System.in, System.out, System.err, args, true));
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
      err.println("nslab: " + e.getMessage() + "; the lab commands are off");
      return i -> new org.nslab.workshop.Recorder().install(i);
    }
  }

  /** What the shell says first, on standard error, where namespaces will not all work. */
  private static String banner(Map<String, String> env) {
    return ProcFs.statusId("Uid") != 0
        ? "nslab: not running as root: unshare, hostname NAME, mount and umount will fail"
            + " with EPERM.\n  Run sudo scripts/nslab, or scripts/nslab --rootless."
        : !ProcFs.hasSysAdmin() && env.containsKey("NSLAB_ROOTLESS")
            ? "nslab: rootless, but the user namespace nslab runs in gave it no"
                + " capabilities, so unshare, hostname NAME, mount and umount will fail with"
                + " EPERM.\n  Ubuntu 23.10 and later restrict unprivileged user namespaces"
                + " with AppArmor (sysctl kernel.apparmor_restrict_unprivileged_userns=1)."
                + "\n  Run sudo scripts/nslab, or allow them: sudo sysctl -w"
                + " kernel.apparmor_restrict_unprivileged_userns=0"
        : !ProcFs.hasSysAdmin()
            ? "nslab: root, but without CAP_SYS_ADMIN (a container started without"
                + " --privileged, or a seccomp profile that forbids unshare and mount):"
                + " unshare, hostname NAME, mount and umount will fail with EPERM;"
                + " ns, lsns and spawn work.\n  Run nslab on the machine itself, or in a"
                + " container started with --privileged."
        : env.containsKey("NSLAB_ROOTLESS")
            ? "nslab: rootless: root inside a new user namespace (uid 0 here is uid "
                + env.getOrDefault("NSLAB_OUTER_UID", "?") + " outside). Namespaces work;"
                + " the host's own mounts stay locked, and the host stays out of reach."
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
    String banner = banner(env);
    if (ownProcess) {
      // What an nslab killed outright left: its cgroups go now, each said in a line.
      List<String> swept = org.nslab.sys.Cgroups.sweepAtStart();
      if (!swept.isEmpty()) {
        banner = (banner == null ? "" : banner + "\n") + String.join("\n", swept);
      }
    }
    Text text = Text.of(Workshop.language(lang, env), Text.dirs(messages, env));
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
