package org.nslab.cmd;

import java.io.PrintWriter;
import java.util.List;

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
    PrintWriter out = session.out();
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
    out.println("Every command shows which namespaces change. Commands:");
    out.println();
    int width = 0;
    for (Command c : registry.all()) {
      width = Math.max(width, c.spec().name().length());
    }
    for (Command c : registry.all()) {
      Spec s = c.spec();
      out.println("  " + session.paint(Paint.Tone.BOLD, pad(s.name(), width)) + "  " + s.summary());
    }
    out.println();
    out.println("help COMMAND or COMMAND --help shows more. Tab completes; Ctrl-R searches"
        + " history; Ctrl-D leaves.");
    out.println("Try: ns self, unshare uts, hostname demo, spawn sh");
    return 0;
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
