package org.nslab.cmd;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nslab.ns.MsgQueue;
import org.nslab.ns.SemArray;
import org.nslab.ns.ShmSegment;
import org.nslab.text.Key;

/** ipcs: the System V IPC objects of the lab task's IPC namespace, as util-linux ipcs lists them. */
final class IpcsCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "ipcs",
          List.of("ipcs [-q] [-m] [-s] [-a]"),
          Key.CMD_IPCS,
          Key.CMD_IPCS_MORE,
          List.of(
              Opt.flag('q', "queues", Key.OPT_IPCS_QUEUES),
              Opt.flag('m', "shmems", Key.OPT_IPCS_SHMEMS),
              Opt.flag('s', "semaphores", Key.OPT_IPCS_SEMAPHORES),
              Opt.flag('a', "all", Key.OPT_IPCS_ALL)),
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
    boolean all = args.has("all")
        || !(args.has("queues") || args.has("shmems") || args.has("semaphores"));
    String[] proc = session.task().call(() -> new String[] {
        Files.readString(Path.of("/proc/sysvipc/msg")),
        Files.readString(Path.of("/proc/sysvipc/shm")),
        Files.readString(Path.of("/proc/sysvipc/sem")),
        Files.exists(Path.of("/etc/passwd")) ? Files.readString(Path.of("/etc/passwd")) : ""});
    Map<Integer, String> users = users(proc[3]);
    PrintWriter out = session.out();
    // util-linux's formats (sys-utils/ipcs.c), blanks after the last column included.
    if (all || args.has("queues")) {
      out.println();
      out.println("------ Message Queues --------");
      out.println(String.format("%-10s %-10s %-10s %-10s %-12s %-12s", "key", "msqid", "owner",
          "perms", "used-bytes", "messages"));
      for (MsgQueue q : MsgQueue.parse(proc[0])) {
        out.println(String.format("0x%08x %-10d %s%-10o %-12d %-12d", q.key(), q.id(),
            owner(users, q.uid()), q.perms() & 0777, q.usedBytes(), q.messages()));
      }
    }
    if (all || args.has("shmems")) {
      out.println();
      out.println("------ Shared Memory Segments --------");
      out.println(String.format("%-10s %-10s %-10s %-10s %-10s %-10s %-12s", "key", "shmid",
          "owner", "perms", "bytes", "nattch", "status"));
      for (ShmSegment m : ShmSegment.parse(proc[1])) {
        out.println(String.format("0x%08x %-10d %s%-10o %-10d %-10d %-6s %-6s", m.key(), m.id(),
            owner(users, m.uid()), m.mode() & 0777, m.bytes(), m.attached(),
            (m.mode() & ShmSegment.SHM_DEST) != 0 ? "dest" : "",
            (m.mode() & ShmSegment.SHM_LOCKED) != 0 ? "locked" : ""));
      }
    }
    if (all || args.has("semaphores")) {
      out.println();
      out.println("------ Semaphore Arrays --------");
      out.println(String.format("%-10s %-10s %-10s %-10s %-10s", "key", "semid", "owner",
          "perms", "nsems"));
      for (SemArray s : SemArray.parse(proc[2])) {
        out.println(String.format("0x%08x %-10d %s%-10o %-10d", s.key(), s.id(),
            owner(users, s.uid()), s.perms() & 0777, s.semaphores()));
      }
    }
    out.println();
    return 0;
  }

  /** User names by uid, from the passwd file the lab task sees (as getpwuid would read it). */
  private static Map<Integer, String> users(String passwd) {
    Map<Integer, String> users = new HashMap<>();
    for (String line : passwd.split("\n")) {
      String[] f = line.split(":", -1);
      if (f.length > 2 && f[2].matches("\\d{1,10}")) {
        try {
          users.putIfAbsent(Integer.parseInt(f[2]), f[0]);
        } catch (NumberFormatException e) {
          // Tolerated: a uid past int's range names no one nslab can show.
        }
      }
    }
    return users;
  }

  /** util-linux's owner column: the name cut to 10 characters, or the uid. */
  private static String owner(Map<Integer, String> users, int uid) {
    String name = users.get(uid);
    return name != null
        ? String.format("%-10.10s ", name)
        : String.format("%-10s ", Integer.toUnsignedString(uid));
  }
}
