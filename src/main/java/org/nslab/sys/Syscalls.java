package org.nslab.sys;

import java.nio.charset.StandardCharsets;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * The system calls, each named as the kernel names it, each throwing {@link SyscallException}
 * with the errno on failure. The namespace-changing ones refuse to run anywhere but on the lab
 * task's thread: namespaces belong to a thread, and any other thread would change the wrong one.
 */
public final class Syscalls {
  private Syscalls() {}

  public static final int O_RDONLY = 0;
  public static final int O_DIRECTORY = 0x10000;
  public static final int O_CLOEXEC = 0x80000;
  public static final int O_PATH = 0x200000;
  public static final int MNT_FORCE = 1;
  public static final int MNT_DETACH = 2;

  /** mount(2) flags, from linux/mount.h. */
  public static final long MS_RDONLY = 1;
  public static final long MS_NOSUID = 2;
  public static final long MS_NODEV = 4;
  public static final long MS_NOEXEC = 8;
  public static final long MS_REMOUNT = 32;
  public static final long MS_NOATIME = 1024;
  public static final long MS_BIND = 4096;
  public static final long MS_REC = 0x4000;
  public static final long MS_UNBINDABLE = 1 << 17;
  public static final long MS_PRIVATE = 1 << 18;
  public static final long MS_SLAVE = 1 << 19;
  public static final long MS_SHARED = 1 << 20;
  public static final long MS_RELATIME = 1 << 21;

  private static final class Holder {
    static final Libc LIBC = LibraryLoader.create(Libc.class).load("c");
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
  }

  /**
   * Loads the bindings now, from the calling thread. It also makes jnr-ffi start its native
   * memory finalizer thread here: jnr starts it lazily on the first allocation, and if that
   * first allocation happened on the lab task after unshare(CLONE_NEWPID), the kernel would
   * refuse the thread (EINVAL) and every later allocation would fail.
   */
  public static void load() {
    Holder.LIBC.getpid();
    jnr.ffi.Memory.allocateDirect(Holder.RUNTIME, 8);
  }

  static Libc libc() {
    return Holder.LIBC;
  }

  static Runtime runtime() {
    return Holder.RUNTIME;
  }

  static int errno() {
    return Holder.RUNTIME.getLastError();
  }

  private static void check(int rc, String syscall, String args) throws SyscallException {
    if (rc < 0) {
      throw new SyscallException(syscall, args, errno());
    }
  }

  public static void unshare(int flags, String flagNames) throws SyscallException {
    LabTask.requireTaskThread("unshare");
    check(Holder.LIBC.unshare(flags), "unshare", flagNames);
  }

  public static void setns(int fd, int nstype, String what) throws SyscallException {
    LabTask.requireTaskThread("setns");
    if (nstype == CLONE_NEWNS) {
      LabTask.loadEveryClass(); // joining a mount namespace moves this thread's root too
    }
    check(Holder.LIBC.setns(fd, nstype), "setns", what);
  }

  public static void sethostname(String name) throws SyscallException {
    LabTask.requireTaskThread("sethostname");
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    check(Holder.LIBC.sethostname(bytes, bytes.length), "sethostname", '"' + name + '"');
  }

  public static String gethostname() throws SyscallException {
    byte[] buf = new byte[257];
    check(Holder.LIBC.gethostname(buf, buf.length - 1), "gethostname", null);
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, StandardCharsets.UTF_8);
  }

  public static void mount(
      String source, String target, String fstype, long flags, String data, String shown)
      throws SyscallException {
    LabTask.requireTaskThread("mount");
    check(Holder.LIBC.mount(source, target, fstype, flags, data), "mount", shown);
  }

  public static void umount2(String target, int flags) throws SyscallException {
    LabTask.requireTaskThread("umount2");
    String shown = '"' + target + '"' + (flags == MNT_DETACH ? ", MNT_DETACH" : ", 0");
    check(Holder.LIBC.umount2(target, flags), "umount2", shown);
  }

  public static int open(String path, int flags) throws SyscallException {
    int fd = Holder.LIBC.open(path, flags | O_CLOEXEC);
    check(fd, "open", path);
    return fd;
  }

  public static int openat(int dirfd, String path, int flags) throws SyscallException {
    int fd = Holder.LIBC.openat(dirfd, path, flags | O_CLOEXEC);
    check(fd, "openat", path);
    return fd;
  }

  public static void close(int fd) {
    // Nothing useful can be done about a failed close of a read-only fd.
    Holder.LIBC.close(fd);
  }

  public static String readlinkat(int dirfd, String path) throws SyscallException {
    byte[] buf = new byte[256];
    long n = Holder.LIBC.readlinkat(dirfd, path, buf, buf.length);
    if (n < 0) {
      throw new SyscallException("readlinkat", path, errno());
    }
    return new String(buf, 0, (int) n, StandardCharsets.UTF_8);
  }

  /** Reads a whole (small, /proc) file relative to a directory fd. */
  public static String readFileAt(int dirfd, String path) throws SyscallException {
    int fd = openat(dirfd, path, O_RDONLY);
    try {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      byte[] buf = new byte[16384];
      while (true) {
        long n = Holder.LIBC.read(fd, buf, buf.length);
        if (n < 0) {
          int e = errno();
          if (e == Errnos.EINTR) {
            continue;
          }
          throw new SyscallException("read", path, e);
        }
        if (n == 0) {
          break;
        }
        out.write(buf, 0, (int) n);
      }
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      close(fd);
    }
  }

  public static final int IPC_CREAT = 01000;
  public static final int IPC_EXCL = 02000;
  public static final int IPC_RMID = 0;

  /** msgget(2): a System V message queue in the calling thread's IPC namespace. */
  public static int msgget(int key, int flags, String shown) throws SyscallException {
    LabTask.requireTaskThread("msgget");
    int id = Holder.LIBC.msgget(key, flags);
    check(id, "msgget", shown);
    return id;
  }

  /** msgctl(id, IPC_RMID): removes a queue from the calling thread's IPC namespace. */
  public static void msgctlRemove(int id) throws SyscallException {
    LabTask.requireTaskThread("msgctl");
    check(Holder.LIBC.msgctl(id, IPC_RMID, null), "msgctl", id + ", IPC_RMID, NULL");
  }

  public static final int O_WRONLY = 1;

  /** Writes a /proc control file (uid_map, setgroups) in one write(2), as the kernel requires. */
  public static void writeProcFile(String path, String content) throws SyscallException {
    int fd = open(path, O_WRONLY);
    try {
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      if (Holder.LIBC.write(fd, bytes, bytes.length) != bytes.length) {
        throw new SyscallException("write", path + ", \"" + content.strip() + "\"", errno());
      }
    } finally {
      close(fd);
    }
  }

  /**
   * Writes a /proc control file relative to a directory fd in one write(2): for
   * timens_offsets, whose lines the kernel checks all before it applies any. {@code shown}
   * names the file in an error; the text is shown with its newlines as \n.
   */
  public static void writeFileAt(int dirfd, String path, String content, String shown)
      throws SyscallException {
    int fd = openat(dirfd, path, O_WRONLY);
    try {
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      if (Holder.LIBC.write(fd, bytes, bytes.length) != bytes.length) {
        throw new SyscallException(
            "write", shown + ", \"" + content.replace("\n", "\\n") + "\"", errno());
      }
    } finally {
      close(fd);
    }
  }

  /** clock_gettime(2): {seconds, nanoseconds} of a clock, as the calling thread reads it. */
  public static long[] clockGettime(org.nslab.ns.TimeClock clock) throws SyscallException {
    long[] tp = new long[2];
    check(Holder.LIBC.clock_gettime(clock.clockId(), tp), "clock_gettime", clock.clockName());
    return tp;
  }

  /** write(2) of a whole short text to a pipe or file descriptor. */
  public static void write(int fd, String text) throws SyscallException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (Holder.LIBC.write(fd, bytes, bytes.length) != bytes.length) {
      throw new SyscallException("write", fd + ", \"" + text.replace("\n", "\\n") + "\"",
          errno());
    }
  }

  /** pipe2(O_CLOEXEC): [read end, write end]. */
  public static int[] pipe() throws SyscallException {
    int[] fds = new int[2];
    if (Holder.LIBC.pipe2(fds, O_CLOEXEC) < 0) {
      throw new SyscallException("pipe2", "O_CLOEXEC", errno());
    }
    return fds;
  }

  private static final int CLONE_NEWNS = 0x00020000;

  public static void chroot(String path) throws SyscallException {
    LabTask.requireTaskThread("chroot");
    LabTask.loadEveryClass();
    check(Holder.LIBC.chroot(path), "chroot", '"' + path + '"');
  }

  public static void chdir(String path) throws SyscallException {
    LabTask.requireTaskThread("chdir");
    check(Holder.LIBC.chdir(path), "chdir", '"' + path + '"');
  }

  /** mkdir(2), where an existing directory is fine (EEXIST tolerated). */
  public static void mkdirs(String path) throws SyscallException {
    if (Holder.LIBC.mkdir(path, 0755) < 0 && errno() != 17) {
      throw new SyscallException("mkdir", '"' + path + '"', errno());
    }
  }

  public static void rmdir(String path) throws SyscallException {
    check(Holder.LIBC.rmdir(path), "rmdir", '"' + path + '"');
  }

  /** pivot_root(2): the syscall's number, as glibc has no wrapper. */
  public static void pivotRoot(String newRoot, String putOld) throws SyscallException {
    LabTask.requireTaskThread("pivot_root");
    LabTask.loadEveryClass();
    long nr = "aarch64".equals(System.getProperty("os.arch")) ? 41 : 155;
    long rc = Holder.LIBC.syscall(nr, newRoot, putOld);
    if (rc < 0) {
      throw new SyscallException("pivot_root", '"' + newRoot + "\", \"" + putOld + '"', errno());
    }
  }

  public static int getpid() {
    return Holder.LIBC.getpid();
  }

  public static int gettid() {
    return Holder.LIBC.gettid();
  }

  public static int geteuid() {
    return Holder.LIBC.geteuid();
  }

  public static boolean isatty(int fd) {
    return Holder.LIBC.isatty(fd) == 1;
  }

  public static void kill(int pid, int sig) throws SyscallException {
    check(Holder.LIBC.kill(pid, sig), "kill", pid + ", " + sig);
  }

  private static final int PR_SET_CHILD_SUBREAPER = 36;

  /** Orphaned grandchildren come to this process instead of init, so none escape the shell. */
  public static void becomeSubreaper() throws SyscallException {
    check(Holder.LIBC.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "prctl", "PR_SET_CHILD_SUBREAPER");
  }

  private static final int PR_SET_DUMPABLE = 4;
  private static final int PR_CAPBSET_DROP = 24;
  private static final int PR_CAP_AMBIENT = 47;
  private static final int PR_CAP_AMBIENT_CLEAR_ALL = 4;
  private static final int CAP_SYS_PTRACE = 19;
  private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;

  /**
   * For a process whose children must not read it (the sandboxed grader, whose memory holds
   * the nonce that marks its report): not dumpable, so /proc/PID/mem, environ, maps and fd,
   * ptrace and process_vm_readv need CAP_SYS_PTRACE; and the calling thread, which starts the
   * children, gives CAP_SYS_PTRACE up for good (bounding, inheritable, permitted, effective,
   * ambient), so they cannot have it either. Every other capability stays.
   */
  public static void keepChildrenOut() throws SyscallException {
    Libc libc = Holder.LIBC;
    check(libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "prctl", "PR_SET_DUMPABLE, 0");
    check(libc.prctl(PR_CAPBSET_DROP, CAP_SYS_PTRACE, 0, 0, 0), "prctl",
        "PR_CAPBSET_DROP, CAP_SYS_PTRACE");
    check(libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "prctl",
        "PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL");
    jnr.ffi.Runtime rt = runtime();
    Pointer header = Memory.allocateDirect(rt, 8);
    Pointer data = Memory.allocateDirect(rt, 24); // two of {effective, permitted, inheritable}
    header.putInt(0, LINUX_CAPABILITY_VERSION_3);
    header.putInt(4, 0);
    check(libc.capget(header, data), "capget", "0");
    for (int field = 0; field < 3; field++) {
      data.putInt(field * 4, data.getInt(field * 4) & ~(1 << CAP_SYS_PTRACE));
    }
    check(libc.capset(header, data), "capset", "without CAP_SYS_PTRACE");
  }
}
