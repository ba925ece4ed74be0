package org.nslab.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsSnapshot;
import org.nslab.ns.NsUsage;
import org.nslab.ns.TaskNamespaces;
import org.nslab.text.Key;
import org.nslab.text.Said;

/** Readers for /proc: namespace links, and the per-thread scan that lsns needs. */
public final class ProcFs {
  private ProcFs() {}

  /** Reads every ns link under {@code prefix} of a directory fd; missing links are left out. */
  static NsSnapshot readNamespaces(int dirfd, String prefix) {
    Map<NsFile, NsId> ids = new EnumMap<>(NsFile.class);
    for (NsFile f : NsFile.values()) {
      try {
        ids.put(f, NsId.parseLink(Syscalls.readlinkat(dirfd, prefix + f.fileName())));
      } catch (SyscallException e) {
        // Tolerated: ENOENT where the kernel lacks the kind (time before 5.6).
      }
    }
    return new NsSnapshot(ids);
  }

  /** The namespaces of a process or thread by id, through the calling thread's /proc. */
  public static NsSnapshot namespacesOf(int pid) throws SyscallException {
    String dir = "/proc/" + pid;
    int fd = Syscalls.open(dir, Syscalls.O_PATH | Syscalls.O_DIRECTORY);
    try {
      NsSnapshot s = readNamespaces(fd, "ns/");
      if (s.ids().isEmpty()) {
        // Every link failed: say why with the first one's errno (EACCES, ENOENT...).
        Syscalls.readlinkat(fd, "ns/uts");
      }
      return s;
    } finally {
      Syscalls.close(fd);
    }
  }

  /**
   * Every thread of every process with its namespaces, as the calling thread's /proc shows
   * them. Processes that vanish during the scan or that we may not read are skipped (ENOENT,
   * ESRCH, EACCES), as lsns(8) skips them.
   */
  public static List<TaskNamespaces> scanTasks() throws IOException {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc.resolve("self"))) {
      throw new Said.Failure(Key.PROC_NOT_MOUNTED);
    }
    List<TaskNamespaces> out = new ArrayList<>();
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc)) {
      for (Path p : pids) {
        String name = p.getFileName().toString();
        if (!isNumber(name)) {
          continue;
        }
        int pid = Integer.parseInt(name);
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(p.resolve("task"))) {
          for (Path t : tasks) {
            NsSnapshot ids = readTask(t);
            if (!ids.ids().isEmpty()) {
              out.add(new TaskNamespaces(pid, Integer.parseInt(t.getFileName().toString()), ids));
            }
          }
        } catch (IOException | RuntimeException e) {
          // Tolerated: the process exited while we read it, or we may not read it.
        }
      }
    }
    return out;
  }

  /**
   * The namespaces lsns lists for one thread. One O_PATH fd, then readlinkat: the kernel walks
   * the /proc/PID/task/TID/ns prefix once instead of once per link.
   */
  private static NsSnapshot readTask(Path task) {
    Map<NsFile, NsId> ids = new EnumMap<>(NsFile.class);
    int fd;
    try {
      fd = Syscalls.open(task + "/ns", Syscalls.O_PATH | Syscalls.O_DIRECTORY);
    } catch (SyscallException e) {
      return new NsSnapshot(ids); // Tolerated: the thread exited (ENOENT) or EACCES.
    }
    try {
      for (NsFile f : NsUsage.LISTED) {
        try {
          ids.put(f, NsId.parseLink(Syscalls.readlinkat(fd, f.fileName())));
        } catch (SyscallException e) {
          // Tolerated: the kernel lacks the kind, or EACCES for another user's thread.
        }
      }
    } finally {
      Syscalls.close(fd);
    }
    return new NsSnapshot(ids);
  }

  /**
   * This process's effective uid or gid ({@code "Uid"} or {@code "Gid"}) from
   * /proc/self/status, which needs no native call: nslab asks before libc is bound.
   */
  public static int statusId(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Integer.parseInt(line.substring(field.length() + 1).trim().split("\\s+")[1]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Tolerated: no /proc here; callers treat the answer as root's.
    }
    return 0;
  }

  /**
   * How the /proc the calling thread sees numbers processes against this process's own PID
   * namespace. A /proc mounted in an outer namespace (unshare --pid --fork without
   * --mount-proc, some containers) shows every process under its outer number: NSpid in
   * /proc/PID/status lists a process's number in /proc's namespace first and in each nested
   * one after it, so this process's own namespace is {@code depth} places in.
   */
  public record Numbering(int self, int depth) {
    /** Reads /proc/self: this process's number there, and how deep its own namespace is. */
    public static Numbering now() throws IOException {
      int self = Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/self")).toString());
      return new Numbering(self, nsPids(Path.of("/proc/self")).length - 1);
    }

    /** True when /proc numbers processes as getpid() and kill() do here. */
    public boolean own() {
      return depth == 0;
    }

    /**
     * A process's number in this process's namespace, from its /proc directory, or -1 when
     * it is not in this namespace or below (an outer process, which kill() could not name).
     */
    public int ours(Path procPid) throws IOException {
      if (own()) {
        return Integer.parseInt(procPid.getFileName().toString());
      }
      String[] ids = nsPids(procPid);
      return ids.length > depth ? Integer.parseInt(ids[depth]) : -1;
    }

    /**
     * The /proc directory of a process numbered in this process's namespace (a child's pid
     * from posix_spawn or Process.pid()). Through a pidfd: its fdinfo shows the pid in the
     * namespace of the /proc that is read, and the pidfd pins the process, so no reused
     * number can be mistaken for it.
     */
    public String dir(int pid) throws SyscallException {
      if (own()) {
        return "/proc/" + pid;
      }
      int fd = Spawner.pidfdOpen(pid);
      if (fd < 0) {
        throw new SyscallException("pidfd_open", Integer.toString(pid), Syscalls.errno());
      }
      try {
        for (String l : Syscalls.readFileAt(-100, "/proc/thread-self/fdinfo/" + fd)
            .split("\n")) {
          if (l.startsWith("Pid:")) {
            int n = Integer.parseInt(l.substring(4).trim());
            if (n > 0) {
              return "/proc/" + n;
            }
          }
        }
        throw new SyscallException("pidfd_open", pid + " (not in this /proc)", Errnos.ESRCH);
      } finally {
        Syscalls.close(fd);
      }
    }

    private static String[] nsPids(Path procPid) throws IOException {
      for (String l : Files.readAllLines(procPid.resolve("status"))) {
        if (l.startsWith("NSpid:")) {
          return l.substring(6).trim().split("\\s+");
        }
      }
      return new String[] {procPid.getFileName().toString()}; // before Linux 4.1: one level
    }
  }

  private static final int CAP_SYS_ADMIN = 21;

  /**
   * True when this process has CAP_SYS_ADMIN in its user namespace (CapEff in
   * /proc/self/status): what unshare, mount and sethostname need. Root in a container
   * started without privileges, or in a user namespace that AppArmor left without
   * capabilities, is uid 0 without it.
   */
  public static boolean hasSysAdmin() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapEff:")) {
          return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << CAP_SYS_ADMIN))
              != 0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Tolerated: no /proc here; callers go on as if it were there.
    }
    return true;
  }

  /** Who runs a process and with what command line: lsns's USER and COMMAND. */
  public record Owner(String user, String command) {}

  /** Reads USER and COMMAND only for the processes lsns shows, not for every one it scans. */
  public static Owner owner(int pid, Map<Integer, String> userNames) {
    Path p = Path.of("/proc", Integer.toString(pid));
    try {
      // The owner of /proc/PID is the process's effective uid: what lsns(8) shows.
      int uid = (Integer) Files.getAttribute(p, "unix:uid");
      return new Owner(userNames.computeIfAbsent(uid, ProcFs::userName), readCommand(p));
    } catch (IOException | RuntimeException e) {
      return new Owner("?", "?"); // Tolerated: it exited since the scan.
    }
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The command line as lsns shows it: argv joined by spaces, or the name for kernel threads. */
  static String readCommand(Path procPid) throws IOException {
    byte[] raw = Files.readAllBytes(procPid.resolve("cmdline"));
    int end = raw.length;
    while (end > 0 && raw[end - 1] == 0) {
      end--;
    }
    if (end == 0) {
      return Files.readString(procPid.resolve("comm"), StandardCharsets.UTF_8).strip();
    }
    return new String(raw, 0, end, StandardCharsets.UTF_8).replace('\0', ' ');
  }

  private static String userName(int uid) {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
        String[] f = line.split(":");
        if (f.length > 2 && f[2].equals(Integer.toString(uid))) {
          return f[0];
        }
      }
    } catch (IOException e) {
      // Tolerated: no /etc/passwd in this mount namespace; show the number.
    }
    return Integer.toString(uid);
  }
}
