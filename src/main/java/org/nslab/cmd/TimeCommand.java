package org.nslab.cmd;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nslab.text.Key;

/** time: run a command (COUNT times) and report how long it took, like bash's time. */
final class TimeCommand implements Command {
  private final Registry registry;

  private static final Spec SPEC =
      new Spec(
          "time",
          List.of("time [-n COUNT] [-q] COMMAND [ARG...]"),
          Key.CMD_TIME,
          Key.CMD_TIME_MORE,
          List.of(
              Opt.value('n', "count", "COUNT", Key.OPT_TIME_COUNT),
              Opt.flag('q', "quiet", Key.OPT_TIME_QUIET)),
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
        throw new UsageException(Key.TIME_COUNT);
      }
    }
    List<String> words = args.positionals();
    Command command = registry.find(words.get(0));
    if (command == null || command == this) {
      throw new UsageException(Key.TIME_NOT_COMMAND, words.get(0));
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
