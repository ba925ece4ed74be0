package org.nslab.cmd;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nslab.ns.MsgQueue;

/** ipcs -q: the message queues of the lab task's IPC namespace, as ipcs(1) lists them. */
final class IpcsCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "ipcs",
          List.of("ipcs [-q]"),
          "List the System V message queues of the lab task's IPC namespace, like ipcs -q.",
          """
          It reads /proc/sysvipc/msg from the lab task's thread: the kernel answers with the
          queues of the reader's own IPC namespace, whatever /proc it is read through.""",
          List.of(Opt.flag('q', "queues", "message queues (the only kind listed so far)")),
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
    String text =
        session.task().call(() -> Files.readString(Path.of("/proc/sysvipc/msg")));
    PrintWriter out = session.out();
    out.println();
    out.println("------ Message Queues --------");
    out.println(
        String.format("%-10s %-10s %-10s %-10s %-12s %s", "key", "msqid", "owner", "perms",
            "used-bytes", "messages"));
    for (MsgQueue q : MsgQueue.parse(text)) {
      out.println(
          String.format(
              "0x%08x %-10d %-10s %-10s %-12d %d",
              q.key(), q.id(), owner(q.uid()), Integer.toOctalString(q.perms()), q.usedBytes(),
              q.messages()));
    }
    out.println();
    return 0;
  }

  private static String owner(int uid) {
    return uid == 0 ? "root" : Integer.toString(uid);
  }
}
