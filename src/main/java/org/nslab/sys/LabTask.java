package org.nslab.sys;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsKind;
import org.nslab.ns.NsSnapshot;
import org.nslab.ns.TimeClock;
import org.nslab.ns.TimeOffsets;

/**
 * The one platform thread that owns the lab's namespaces. unshare(2) and setns(2) move only
 * the calling thread, so every namespace call and every child the lab starts runs here. The
 * thread never starts threads itself: after unshare(CLONE_NEWPID) the kernel would refuse.
 */
public final class LabTask implements AutoCloseable {
  private static final ThreadLocal<LabTask> CURRENT = new ThreadLocal<>();
  /** True on lab task threads, from their first moment. */
  private static final ThreadLocal<Boolean> TASK_THREAD = ThreadLocal.withInitial(() -> false);

  private final ExecutorService executor;
  /** The lab task's thread (the executor's one worker). */
  private Thread thread;
  private final int pid;
  private final int tid;
  private final int taskDir;
  /** /proc/TID, the thread as a whole (see {@link #start}), or -1 where it cannot be opened. */
  private final int threadDir;
  private final SyscallException threadDirError;
  /** The offsets of the time namespace the lab task runs in (all zero in the host's). */
  private final TimeOffsets ownTimeOffsets;
  private final NsSnapshot origin;
  private final NsPoint startPoint;
  private static final int CLONE_FS = 0x200;

  /** What the thread opens for itself at start. */
  private record Opened(
      int pid, int tid, int taskDir, int threadDir, SyscallException threadDirError) {}

  private LabTask(ExecutorService executor, Opened o) {
    this.executor = executor;
    this.pid = o.pid();
    this.tid = o.tid();
    this.taskDir = o.taskDir();
    this.threadDir = o.threadDir();
    this.threadDirError = o.threadDirError();
    // Read before any unshare: until then, the children's time namespace is the lab task's.
    this.ownTimeOffsets = readOwnTimeOffsets(threadDir);
    this.origin = namespaces();
    this.startPoint = NsPoint.ofTask(taskDir);
  }

  /** Where the lab task started: ns reset goes back here. */
  public NsPoint startPoint() {
    return startPoint;
  }

  /** Keeps the namespaces the lab task (and its children) are in now, to come back to. */
  public NsPoint save() {
    return NsPoint.ofTask(taskDir);
  }

  /** The namespaces the lab task started in. */
  public NsSnapshot origin() {
    return origin;
  }

  /**
   * Starts the thread. It opens its /proc directory at once, before any unshare: that fd keeps
   * answering with the thread's current namespaces and mounts even after /proc is unmounted in
   * the lab's mount namespace, and, opened in the old namespace, it does not keep /proc busy.
   * It opens /proc/TID too: /proc/P/task/T has no timens_offsets (the kernel lists that file
   * for thread groups only), but /proc/TID, looked up by a thread's own id, is that thread
   * with a thread group's files, and its timens_offsets acts on the thread's
   * time_for_children.
   */
  public static LabTask start() throws SyscallException {
    Syscalls.load();
    Thread[] made = new Thread[1];
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "nslab-task");
              t.setDaemon(true);
              made[0] = t;
              return t;
            });
    Future<Opened> ids =
        executor.submit(
            () -> {
              TASK_THREAD.set(true);
              // /proc may belong to another PID namespace than this process (unshare --pid
              // --fork without --mount-proc, some containers): getpid() and gettid() are not
              // the numbers it knows. /proc/thread-self is this thread in /proc's own
              // numbering, "P/task/T", wherever /proc comes from.
              int dir = Syscalls.open("/proc/thread-self", Syscalls.O_PATH | Syscalls.O_DIRECTORY);
              String[] link = Syscalls.readlinkat(-100, "/proc/thread-self").split("/");
              int pid = Integer.parseInt(link[0]);
              int tid = Integer.parseInt(link[2]);
              // setns(CLONE_NEWNS) refuses (EINVAL) a thread that shares its root and working
              // directory with others, as every JVM thread does: give this one its own.
              Syscalls.unshare(CLONE_FS, "CLONE_FS");
              try {
                int thread = Syscalls.open("/proc/" + tid, Syscalls.O_PATH | Syscalls.O_DIRECTORY);
                return new Opened(pid, tid, dir, thread, null);
              } catch (SyscallException e) {
                // Tolerated here (a /proc that hides other processes' ids, say): only time
                // offsets need it, and unshare time --boottime says why when it is missing.
                return new Opened(pid, tid, dir, -1, e);
              }
            });
    try {
      LabTask task = new LabTask(executor, ids.get());
      task.thread = made[0];
      executor.submit(() -> CURRENT.set(task)).get();
      return task;
    } catch (ExecutionException e) {
      executor.shutdownNow();
      if (e.getCause() instanceof SyscallException se) {
        throw se;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code work} on the lab task's thread and returns its result or rethrows its error. */
  public <T> T call(Callable<T> work) throws Exception {
    if (CURRENT.get() == this) {
      return work.call();
    }
    try {
      return executor.submit(work).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private static volatile boolean everyClassLoaded;

  /**
   * Loads every nslab class (and jnr-constants' jar) before the lab task's root moves. After
   * chroot, pivot_root or setns into another mount namespace, its thread resolves every path
   * in the new root, so the JVM could no longer open a class file or a jar for code that runs
   * there. Done once: classes stay loaded.
   */
  static void loadEveryClass() {
    if (everyClassLoaded) {
      return;
    }
    try {
      ClassLoader loader = LabTask.class.getClassLoader();
      java.nio.file.Path where = java.nio.file.Path.of(
          LabTask.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      java.util.List<String> names = new java.util.ArrayList<>();
      if (java.nio.file.Files.isDirectory(where)) {
        try (var files = java.nio.file.Files.walk(where)) {
          files.map(f -> where.relativize(f).toString())
              .filter(n -> n.endsWith(".class"))
              .forEach(names::add);
        }
      } else {
        try (var jar = new java.util.jar.JarFile(where.toFile())) {
          jar.stream().map(java.util.zip.ZipEntry::getName)
              .filter(n -> n.startsWith("org/nslab/") && n.endsWith(".class"))
              .forEach(names::add);
        }
      }
      for (String n : names) {
        Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false, loader);
      }
      // Errno and signal names come from jnr-constants' jar: open it now too.
      Class.forName("jnr.constants.platform.Errno", true, loader);
      Class.forName("jnr.constants.platform.Signal", true, loader);
      everyClassLoaded = true;
    } catch (Exception | LinkageError e) {
      throw new IllegalStateException("could not load nslab's classes before moving its root", e);
    }
  }

  private static TimeOffsets readOwnTimeOffsets(int threadDir) {
    if (threadDir < 0) {
      return new TimeOffsets(java.util.Map.of());
    }
    try {
      return TimeOffsets.parseProc(Syscalls.readFileAt(threadDir, "timens_offsets"));
    } catch (SyscallException | IllegalArgumentException e) {
      // Tolerated: ENOENT on kernels before 5.6, which have no time namespaces at all.
      return new TimeOffsets(java.util.Map.of());
    }
  }

  /** "/proc/TID/timens_offsets": the lab task's own, as error messages name it. */
  public String timensOffsetsPath() {
    return "/proc/" + tid + "/timens_offsets";
  }

  /**
   * The offsets of the lab task's time_for_children: the namespace its next child starts in.
   * Read through the fd opened at start, so it works after umount /proc too.
   */
  public TimeOffsets timeOffsets() throws SyscallException {
    return TimeOffsets.parseProc(Syscalls.readFileAt(threadDir(), "timens_offsets"));
  }

  /**
   * Sets the offsets of the lab task's time_for_children, in one write(2) to its
   * /proc/TID/timens_offsets. The kernel takes them only while no process has entered that
   * namespace (EACCES after), only with CAP_SYS_TIME in the user namespace that owns it
   * (EPERM), and only if no clock would read below 0 or beyond KTIME_SEC_MAX / 2 (ERANGE).
   * Call it on the lab task: the kernel checks the capability against the credentials of
   * whoever opened the file.
   */
  public void writeTimeOffsets(TimeOffsets offsets) throws SyscallException {
    requireTaskThread("write timens_offsets");
    Syscalls.writeFileAt(threadDir(), "timens_offsets", offsets.procText(), timensOffsetsPath());
  }

  private int threadDir() throws SyscallException {
    if (threadDir < 0) {
      throw threadDirError;
    }
    return threadDir;
  }

  /**
   * Each clock's reading on the host now, in whole seconds: what the kernel checks new
   * offsets against. The lab task's own clocks run in the time namespace nslab started in
   * (a thread never leaves it), so take that namespace's offsets away.
   */
  public java.util.Map<TimeClock, Long> hostClockSeconds() throws SyscallException {
    java.util.Map<TimeClock, Long> now = new java.util.EnumMap<>(TimeClock.class);
    for (TimeClock c : TimeClock.values()) {
      long[] tp = Syscalls.clockGettime(c);
      now.put(c, TimeOffsets.hostSeconds(tp[0], tp[1], ownTimeOffsets.get(c)));
    }
    return now;
  }

  private static final int CAP_SYS_TIME = 25;

  /**
   * Whether the lab task holds CAP_SYS_TIME in its effective set (CapEff in its status). A
   * time namespace it makes is owned by its user namespace, so that is the capability the
   * kernel asks for before it takes offsets for it.
   */
  public boolean hasCapSysTime() throws SyscallException {
    for (String line : Syscalls.readFileAt(taskDir, "status").split("\n")) {
      if (line.startsWith("CapEff:")) {
        long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
        return (caps & (1L << CAP_SYS_TIME)) != 0;
      }
    }
    return false;
  }

  private static Boolean spawnsAfterUnshareTime;

  /**
   * Whether this kernel starts a child (posix_spawn: clone with CLONE_VM|CLONE_VFORK) for a
   * thread that has unshared its children's time namespace. Linux 6.1 refuses it with EINVAL
   * while time_for_children differs from time; later kernels switch the child's time
   * namespace at exec and allow it. Probed once, on a throwaway thread, so that the answer is
   * the kernel's and no lab task is changed by asking.
   */
  public static synchronized boolean spawnsAfterUnshareTime() {
    if (spawnsAfterUnshareTime == null) {
      boolean[] ok = {false};
      Thread probe = new Thread(() -> {
        TASK_THREAD.set(true);
        try {
          Syscalls.unshare(org.nslab.ns.NsKind.TIME.cloneFlag(), "CLONE_NEWTIME");
          Spawner.spawn(java.util.List.of("true"),
              java.util.Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"),
              Spawner.Stdio.BACKGROUND).waitFor();
          ok[0] = true;
        } catch (SyscallException e) {
          ok[0] = false; // EINVAL from posix_spawn (or the unshare itself refused)
        }
      }, "nslab-probe");
      probe.setDaemon(true);
      probe.start();
      try {
        probe.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      spawnsAfterUnshareTime = ok[0];
    }
    return spawnsAfterUnshareTime;
  }

  static void requireTaskThread(String syscall) {
    if (!TASK_THREAD.get()) {
      throw new IllegalStateException(
          syscall + " called outside the lab task's thread: it would change the wrong thread");
    }
  }

  /** The lab task's process id, as the /proc it started with numbers it. */
  public int pid() {
    return pid;
  }

  /** The lab task's thread id, as the /proc it started with numbers it. */
  public int tid() {
    return tid;
  }

  /** The namespaces the lab task is in now; readable from any thread, even without /proc. */
  public NsSnapshot namespaces() {
    return ProcFs.readNamespaces(taskDir, "ns/");
  }

  public NsId namespace(NsFile file) {
    return namespaces().get(file);
  }

  /** Opens one of the task's namespace files, for setns(2); the caller closes the fd. */
  public int openNamespace(NsFile file) throws SyscallException {
    return Syscalls.openat(taskDir, "ns/" + file.fileName(), Syscalls.O_RDONLY);
  }

  /** Work done on the lab task while it stands in another point's namespaces. */
  @FunctionalInterface
  public interface Visit<T> {
    T run() throws Exception;
  }

  /**
   * Moves the lab task into {@code point} for {@code kinds} (in nsenter's order), runs
   * {@code work}, and moves it straight back, so only what {@code work} makes (a child, a
   * socket) ends up there. Call it on the lab task. Kinds the lab task could not return to
   * (pid_for_children before its PID 1 exists cannot be opened) are left where they are. If
   * it cannot come back, a result that can be closed is closed: it would be of no use.
   */
  public <T> T within(NsPoint point, Set<NsKind> kinds, Visit<T> work) throws Exception {
    requireTaskThread("setns");
    try (NsPoint here = save()) {
      Set<NsKind> moved = EnumSet.noneOf(NsKind.class);
      T result = null;
      try {
        for (NsKind k : NsPoint.ORDER) {
          if (kinds.contains(k) && here.kinds().contains(k)) {
            point.enter(k);
            moved.add(k);
          }
        }
        result = work.run();
        return result;
      } finally {
        try {
          for (NsKind k : NsPoint.ORDER) {
            if (moved.contains(k)) {
              here.enter(k);
            }
          }
        } catch (SyscallException e) {
          if (result instanceof AutoCloseable c) {
            c.close();
          }
          throw e;
        }
      }
    }
  }

  /** The task's uid_map: "0 0 4294967295" in the initial user namespace. */
  public String uidMap() throws SyscallException {
    return Syscalls.readFileAt(taskDir, "uid_map");
  }

  /** The task's mountinfo, as the kernel shows it for the task's mount namespace. */
  public String mountinfo() throws SyscallException {
    return Syscalls.readFileAt(taskDir, "mountinfo");
  }

  @Override
  public void close() {
    executor.shutdownNow();
    // The thread, and the namespaces only it holds, gone before close returns: a thread that
    // lingered would show in the next session's lsns as a namespace only a thread is in.
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join(10_000);
        // join returns when Java is done with the thread; the kernel's task goes a moment
        // later. Wait for that too (in /proc's numbering), within the same bound.
        java.nio.file.Path task = java.nio.file.Path.of("/proc", Integer.toString(pid), "task",
            Integer.toString(tid));
        for (int i = 0; i < 10_000 && !thread.isAlive() && java.nio.file.Files.exists(task); i++) {
          Thread.sleep(1);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    startPoint.close();
    Syscalls.close(taskDir);
    if (threadDir >= 0) {
      Syscalls.close(threadDir);
    }
  }
}
