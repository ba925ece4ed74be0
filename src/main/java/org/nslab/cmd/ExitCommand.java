package org.nslab.cmd;

import java.util.List;
import org.nslab.text.Key;

/** exit: leave nslab; the lab task's namespaces go with it. */
final class ExitCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "exit",
          List.of("exit [STATUS]"),
          Key.CMD_EXIT,
          null,
          List.of(),
          Complete.NONE,
          0,
          1,
          false);

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    int status = 0;
    if (args.positional(0) != null) {
      try {
        status = Integer.parseInt(args.positional(0));
      } catch (NumberFormatException e) {
        throw new UsageException(Key.EXIT_NOT_NUMBER, args.positional(0));
      }
    }
    session.requestExit(status);
    return status;
  }
}
