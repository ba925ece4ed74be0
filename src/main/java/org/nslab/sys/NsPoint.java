package org.nslab.sys;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsKind;
import org.nslab.text.Key;
import org.nslab.text.Said;

/**
 * A place in namespace space to go back to: an open fd on each namespace. An fd keeps its
 * namespace alive, so a saved point stays enterable even after every process has left it.
 */
public final class NsPoint implements AutoCloseable {
  /** The order nsenter(1) uses: user first (it grants the rights), mnt late, time last. */
  public static final List<NsKind> ORDER =
      List.of(
          NsKind.USER, NsKind.CGROUP, NsKind.IPC, NsKind.UTS, NsKind.NET, NsKind.PID,
          NsKind.MNT, NsKind.TIME);

  private final Map<NsKind, Integer> fds;
  private final Map<NsKind, NsId> ids;

  private NsPoint(Map<NsKind, Integer> fds, Map<NsKind, NsId> ids) {
    this.fds = fds;
    this.ids = ids;
  }

  /**
   * Where the lab task's children would go now: for pid and time that is pid_for_children
   * and time_for_children. A kind that cannot be opened (pid_for_children before PID 1
   * exists) is left out; {@link #kinds()} tells.
   */
  static NsPoint ofTask(int taskDir) {
    Map<NsKind, Integer> fds = new EnumMap<>(NsKind.class);
    Map<NsKind, NsId> ids = new EnumMap<>(NsKind.class);
    for (NsKind k : NsKind.values()) {
      String file = "ns/" + NsFile.changedBy(k).fileName();
      try {
        int fd = Syscalls.openat(taskDir, file, Syscalls.O_RDONLY);
        fds.put(k, fd);
        ids.put(k, NsId.parseLink(Syscalls.readlinkat(taskDir, file)));
      } catch (SyscallException e) {
        // Tolerated: ENOENT for pid_for_children with no PID 1 yet, or a kind this kernel lacks.
      }
    }
    return new NsPoint(fds, ids);
  }

  /** The namespaces of another process or thread, through the calling thread's /proc. */
  public static NsPoint ofProcess(int pid, Set<NsKind> kinds) throws SyscallException {
    Map<NsKind, Integer> fds = new EnumMap<>(NsKind.class);
    Map<NsKind, NsId> ids = new EnumMap<>(NsKind.class);
    try {
      for (NsKind k : kinds) {
        String path = "/proc/" + pid + "/ns/" + k.word();
        fds.put(k, Syscalls.open(path, Syscalls.O_RDONLY));
        ids.put(k, NsId.parseLink(java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of(path)).toString()));
      }
    } catch (SyscallException e) {
      new NsPoint(fds, ids).close();
      throw e;
    } catch (java.io.IOException e) {
      new NsPoint(fds, ids).close();
      throw new SyscallException("readlink", "/proc/" + pid + "/ns", Errnos.ENOENT);
    }
    return new NsPoint(fds, ids);
  }

  public Set<NsKind> kinds() {
    return fds.isEmpty() ? EnumSet.noneOf(NsKind.class) : EnumSet.copyOf(fds.keySet());
  }

  public NsId id(NsKind kind) {
    return ids.get(kind);
  }

  /**
   * The open fd on this point's namespace of one kind, for calls that take one (setns,
   * IFLA_NET_NS_FD). It stays the point's: the caller must not close it.
   */
  public int fd(NsKind kind) {
    Integer fd = fds.get(kind);
    if (fd == null) {
      throw new Said.Rejected(Key.POINT_NO_KIND, kind.word());
    }
    return fd;
  }

  /**
   * setns(2) into this point's namespace of one kind, from the lab task's thread. For pid and
   * time the kernel moves only where the thread's children go.
   */
  public void enter(NsKind kind) throws SyscallException {
    Integer fd = fds.get(kind);
    if (fd == null) {
      throw new Said.Rejected(Key.POINT_NO_KIND, kind.word());
    }
    Syscalls.setns(fd, kind.cloneFlag(), "fd of " + ids.get(kind) + ", " + kind.flagName());
  }

  @Override
  public void close() {
    for (int fd : fds.values()) {
      Syscalls.close(fd);
    }
    fds.clear();
  }
}
