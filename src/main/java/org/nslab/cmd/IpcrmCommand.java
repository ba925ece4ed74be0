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
          "Remove a System V message queue from the lab task's IPC namespace, like ipcrm -q.",
          """
          Ids are per IPC namespace: queue 0 here and queue 0 on the host are different
          queues. Before 'unshare ipc' this would remove the real host's queue, so nslab
          refuses unless --host is given.""",
          List.of(Opt.value('q', "queue-id", "ID", "the queue's msqid, as ipcs -q shows it"),
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
      throw new UsageException("missing -q ID");
    }
    int id;
    try {
      id = Integer.parseInt(args.value("queue-id"));
    } catch (NumberFormatException e) {
      throw new UsageException("'" + args.value("queue-id") + "' is not a queue id");
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
