package org.nslab.cmd;

import java.io.PrintWriter;
import java.util.List;
import org.nslab.text.Table;

/** help: the list of commands, or one command's help. */
final class HelpCommand implements Command {
  private final Registry registry;

  private static final Spec SPEC =
      new Spec(
          "help",
          List.of("help [COMMAND]"),
          "List the commands, or show one command's help (also: COMMAND --help).",
          "",
          List.of(),
          Complete.COMMANDS,
          0,
          1,
          false);

  HelpCommand(Registry registry) {
    this.registry = registry;
  }

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    // Wrapped at blanks to the terminal's width (as it is when there is no terminal).
    PrintWriter out = new PrintWriter(new java.io.Writer() {
      private final StringBuilder line = new StringBuilder();

      @Override
      public void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
          if (buf[i] == '\n') {
            session.out().println(Interpreter.wrap(session, line.toString()));
            line.setLength(0);
          } else {
            line.append(buf[i]);
          }
        }
      }

      @Override
      public void flush() {
        if (line.length() > 0) {
          session.out().print(Interpreter.wrap(session, line.toString()));
          line.setLength(0);
        }
        session.out().flush();
      }

      @Override
      public void close() {
        flush();
      }
    });
    try {
      return list(session, out, args);
    } finally {
      out.flush();
    }
  }

  private int list(Session session, PrintWriter out, Args args) throws Exception {
    String name = args.positional(0);
    if (name != null) {
      Command c = registry.find(name);
      if (c == null) {
        String near = registry.suggest(name);
        throw new UsageException(
            "no command '" + name + "'" + (near == null ? "" : " (did you mean '" + near + "'?)"));
      }
      out.print(c.spec().help());
      return 0;
    }
    out.println(
        "nslab runs namespace system calls in its own process, on one thread: the lab task.");
    out.println("Every command shows which namespaces change.");
    int[] widths = LIST.widths(registry.all().stream()
        .map(c -> List.of(c.spec().name(), "")).toList());
    java.util.Set<String> shown = new java.util.HashSet<>();
    for (String[] group : GROUPS) {
      if (java.util.Arrays.stream(group).skip(1).allMatch(w -> registry.find(w) == null)) {
        continue; // the workshop's words exist only in the shell, not in replay or grading
      }
      out.println();
      out.println(session.paint(Paint.Tone.BOLD, group[0]));
      for (int i = 1; i < group.length; i++) {
        Command c = registry.find(group[i]);
        if (c != null && shown.add(c.spec().name())) {
          out.println(entry(widths, c));
        }
      }
    }
    for (Command c : registry.all()) {
      if (shown.add(c.spec().name())) {
        out.println(entry(widths, c));
      }
    }
    out.println();
    out.println("help COMMAND or COMMAND --help shows more. Tab completes; Ctrl-R searches"
        + " history; Ctrl-D leaves.");
    out.println("Try: ns self, unshare uts, hostname demo, spawn sh"
        + (registry.find("lab") != null ? "; or lab list, then lab start intro" : ""));
    return 0;
  }

  /** The commands by topic, in the order a workshop meets them. */
  private static final String[][] GROUPS = {
    {"Namespaces", "ns", "unshare", "nsenter", "lsns"},
    {"What they isolate", "hostname", "mount", "umount", "ipcmk", "ipcs", "ipcrm", "ip"},
    {"Processes", "spawn", "jobs", "kill"},
    {"Containers", "cgroup", "rootfs", "pivot_root", "run"},
    {"Labs", "lab", "hint", "answer", "check", "record"},
    {"The shell", "help", "time", "exit"},
  };

  /** "Show X, or Y." stays; "Make A. Then B." becomes "Make A.": one line per command. */
  private static String firstSentence(String text) {
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end + 1);
  }

  /** The list of commands: a name, then its summary's first sentence. */
  private static final Table LIST = Table.of("  ", "  ", String::length,
      Table.Column.left(""), Table.Column.left(""));

  private static String entry(int[] widths, Command c) {
    return LIST.line(widths, List.of(c.spec().name(), firstSentence(c.spec().summary())));
  }
}
