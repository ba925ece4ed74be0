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
          Key.CMD_IPCMK,
          Key.CMD_IPCMK_MORE,
          List.of(
              Opt.flag('Q', "queue", Key.OPT_IPCMK_QUEUE),
              Opt.value('p', "mode", "MODE", Key.OPT_IPCMK_MODE),
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
      throw new UsageException(Key.IPCMK_WHAT);
    }
    int mode;
    try {
      mode = Integer.parseInt(args.has("mode") ? args.value("mode") : "644", 8);
    } catch (NumberFormatException e) {
      throw new UsageException(Key.IPCMK_MODE_OCTAL);
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
