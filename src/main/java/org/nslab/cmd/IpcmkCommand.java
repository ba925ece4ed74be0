package org.nslab.cmd;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsKind;
import org.nslab.sys.Syscalls;
import org.nslab.text.Key;

/** ipcmk -Q: make a System V message queue with msgget(2) in the lab task's IPC namespace. */
final class IpcmkCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "ipcmk",
          List.of("ipcmk -Q [-p MODE] [--host]"),
          "Make a System V message queue in the lab task's IPC namespace, like ipcmk(1).",
          """
          A queue lives in the IPC namespace of the thread that made it: after 'unshare ipc'
          it is invisible to the host's ipcs -q, and it disappears with the namespace. Before
          that it would be made on the real host, so nslab refuses unless --host is given.""",
          List.of(
              Opt.flag('Q', "queue", "make a message queue"),
              Opt.value('p', "mode", "MODE", "permissions in octal (default 644)"),
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
    if (!args.has("queue")) {
      throw new UsageException("say what to make: -Q for a message queue");
    }
    int mode;
    try {
      mode = Integer.parseInt(args.has("mode") ? args.value("mode") : "644", 8);
    } catch (NumberFormatException e) {
      throw new UsageException("MODE must be octal, such as 644");
    }
    Guard.requireOwn(session, NsKind.IPC, args, session.text().get(Key.DOING_MAKE_QUEUE));
    // ipcmk(1) picks a random key, so the queue can be found again by key too.
    int key = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    int flags = Syscalls.IPC_CREAT | Syscalls.IPC_EXCL | (mode & 0777);
    int id =
        session
            .task()
            .call(
                () ->
                    Syscalls.msgget(
                        key,
                        flags,
                        String.format("0x%08x, IPC_CREAT|IPC_EXCL|0%o", key, mode & 0777)));
    session.out().println(
        "Message queue id: " + id
            + session.paint(
                Paint.Tone.DIM,
                "  (in ipc " + session.task().namespace(NsFile.IPC).inode() + ")"));
    return 0;
  }
}
