package org.nslab.cmd;

import java.io.PrintWriter;
import java.util.List;
import org.nslab.text.Key;
import org.nslab.text.Table;
import org.nslab.text.Text;
import org.nslab.text.Width;

/** help: the list of commands, or one command's help. */
final class HelpCommand implements Command {
  private final Registry registry;

  private static final Spec SPEC =
      new Spec(
          "help",
          List.of("help [COMMAND]"),
          Key.CMD_HELP,
          null,
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
        throw near == null ? new UsageException(Key.HELP_NO_COMMAND, name)
            : new UsageException(Key.HELP_NO_COMMAND_NEAR, name, near);
      }
      // Wrapped by the spec: synopses and options hang under their own columns.
      out.flush();
      session.out().print(c.spec().help(session.text(), session.console().width()));
      return 0;
    }
    Text text = session.text();
    out.println(text.get(Key.HELP_INTRO));
    int[] widths = LIST.widths(registry.all().stream()
        .map(c -> List.of(c.spec().name(), "")).toList());
    java.util.Set<String> shown = new java.util.HashSet<>();
    for (int g = 0; g < GROUPS.length; g++) {
      String[] group = GROUPS[g];
      if (java.util.Arrays.stream(group).allMatch(w -> registry.find(w) == null)) {
        continue; // the workshop's words exist only in the shell, not in replay or grading
      }
      out.println();
      out.println(session.paint(Paint.Tone.BOLD, text.get(GROUP_NAMES[g])));
      for (int i = 0; i < group.length; i++) {
        Command c = registry.find(group[i]);
        if (c != null && shown.add(c.spec().name())) {
          out.println(entry(text, widths, c));
        }
      }
    }
    for (Command c : registry.all()) {
      if (shown.add(c.spec().name())) {
        out.println(entry(text, widths, c));
      }
    }
    out.println();
    out.println(text.get(Key.HELP_MORE));
    out.println(text.get(registry.find("lab") != null ? Key.HELP_TRY_LAB : Key.HELP_TRY));
    return 0;
  }

  /** The commands by topic, in the order a workshop meets them (each topic named in GROUP_NAMES). */
  private static final String[][] GROUPS = {
    {"ns", "unshare", "nsenter", "lsns"},
    {"hostname", "mount", "umount", "ipcmk", "ipcs", "ipcrm", "ip"},
    {"spawn", "jobs", "kill"},
    {"cgroup", "rootfs", "pivot_root", "run"},
    {"lab", "hint", "answer", "check", "record"},
    {"help", "time", "exit"},
  };

  private static final Key[] GROUP_NAMES = {
    Key.HELP_GROUP_NAMESPACES, Key.HELP_GROUP_ISOLATED, Key.HELP_GROUP_PROCESSES,
    Key.HELP_GROUP_CONTAINERS, Key.HELP_GROUP_LABS, Key.HELP_GROUP_SHELL,
  };

  /**
   * "Show X, or Y." stays; "Make A. Then B." becomes "Make A.": one line per command. A
   * Japanese or Chinese summary ends its first sentence with "。", no blank after it.
   */
  static String firstSentence(String text) {
    int end = text.indexOf(". ");
    int wide = text.indexOf('。');
    if (wide >= 0 && wide + 1 < text.length() && (end < 0 || wide < end)) {
      return text.substring(0, wide + 1);
    }
    return end < 0 ? text : text.substring(0, end + 1);
  }

  /** The list of commands: a name, then its summary's first sentence. */
  private static final Table LIST = Table.of("  ", "  ", Width::of,
      Table.Column.left(""), Table.Column.left(""));

  private static String entry(Text text, int[] widths, Command c) {
    return LIST.line(widths, List.of(c.spec().name(), firstSentence(c.spec().summary(text))));
  }
}
