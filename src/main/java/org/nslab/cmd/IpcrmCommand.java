package org.nslab.cmd;

import java.util.List;
import org.nslab.ns.NsKind;
import org.nslab.sys.Syscalls;
import org.nslab.text.Key;

/** ipcrm -q ID: remove a message queue with msgctl(IPC_RMID) in the lab task's namespace. */
final class IpcrmCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "ipcrm",
          List.of("ipcrm -q ID [--host]"),
          Key.CMD_IPCRM,
          Key.CMD_IPCRM_MORE,
          List.of(Opt.value('q', "queue-id", "ID", Key.OPT_IPCRM_QUEUE_ID),
              Guard.HOST_OPTION),
          Complete.NONE,
          0,
          0,
          false);

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    if (!args.has("queue-id")) {
      throw new UsageException(Key.IPCRM_MISSING_ID);
    }
    int id;
    try {
      id = Integer.parseInt(args.value("queue-id"));
    } catch (NumberFormatException e) {
      throw new UsageException(Key.IPCRM_NOT_ID, args.value("queue-id"));
    }
    Guard.requireOwn(session, NsKind.IPC, args, session.text().get(Key.DOING_REMOVE_QUEUE));
    session.task().call(() -> {
      Syscalls.msgctlRemove(id);
      return null;
    });
    session.out().println("removed message queue " + id);
    return 0;
  }
}
