package org.nslab.cmd;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** time: run a command (COUNT times) and report how long it took, like bash's time. */
final class TimeCommand implements Command {
  private final Registry registry;

  private static final Spec SPEC =
      new Spec(
          "time",
          List.of("time [-n COUNT] [-q] COMMAND [ARG...]"),
          "Run an nslab command and show how long it took inside the shell.",
          """
          With -n, runs it COUNT times and shows the median, fastest and slowest run; -q
          discards the command's output. In-shell times leave out what starting a process
          costs, which is what an nslab command saves over running a tool such as lsns(8).""",
          List.of(
              Opt.value('n', "count", "COUNT", "run it COUNT times (default 1)"),
              Opt.flag('q', "quiet", "discard the command's output")),
          Complete.COMMANDS,
          1,
          -1,
          true);

  TimeCommand(Registry registry) {
    this.registry = registry;
  }

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    int count = 1;
    if (args.has("count")) {
      try {
        count = Integer.parseInt(args.value("count"));
      } catch (NumberFormatException e) {
        count = 0;
      }
      if (count < 1) {
        throw new UsageException("COUNT must be a positive number");
      }
    }
    List<String> words = args.positionals();
    Command command = registry.find(words.get(0));
    if (command == null || command == this) {
      throw new UsageException("not an nslab command: '" + words.get(0) + "'");
    }
    Args inner = Args.parse(command.spec(), words.subList(1, words.size()));
    PrintWriter saved = null;
    if (args.has("quiet")) {
      saved = session.redirectOut(new PrintWriter(Writer.nullWriter()));
    }
    long[] nanos = new long[count];
    int status = 0;
    try {
      for (int i = 0; i < count; i++) {
        long t0 = System.nanoTime();
        status = command.run(session, inner);
        nanos[i] = System.nanoTime() - t0;
      }
    } finally {
      if (saved != null) {
        session.redirectOut(saved);
      }
    }
    Arrays.sort(nanos);
    String name = command.spec().name();
    if (count == 1) {
      session.out().println("time: " + name + ": " + ms(nanos[0]));
    } else {
      session.out().println(
          "time: " + name + ": " + count + " runs, median " + ms(nanos[count / 2]) + ", min "
              + ms(nanos[0]) + ", max " + ms(nanos[count - 1]));
    }
    return status;
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
  }
}
