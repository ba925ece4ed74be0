package org.nslab.sys;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * Starts children with posix_spawnp(3) from the lab task's thread, so they inherit its
 * namespaces, and waits for them with waitpid(2). No JDK thread is involved: the JDK's
 * ProcessBuilder needs a "process reaper" thread, which the lab task cannot create once it has
 * unshared its PID namespace.
 */
public final class Spawner {
  private Spawner() {}

  /** Where a child's standard streams go. */
  public enum Stdio {
    /** fds 0, 1 and 2 are the shell's own: the child gets the terminal. */
    TERMINAL,
    /** stdin is /dev/null; stdout and stderr are piped back to the session's writers. */
    CAPTURE,
    /** stdin is /dev/null; stdout and stderr are the shell's own (a background job). */
    BACKGROUND
  }

  private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
  private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
  private static final int SIGKILL = 9;
  private static final int SIGSTOP = 19;
  private static final int SIGTTOU = 22;
  private static final int SIG_BLOCK = 0;
  private static final int SIG_SETMASK = 2;
  private static final int WNOHANG = 1;

  /** A started child. */
  public static final class Child {
    private final int pid;
    private final int outFd;
    private final int errFd;
    /** A pidfd for the child (pidfd_open, Linux 5.3), or -1: its end is then polled for. */
    private int pidFd;
    private ExitStatus ended;
    private boolean pipesHeld;

    private Child(int pid, int outFd, int errFd) {
      this.pid = pid;
      this.outFd = outFd;
      this.errFd = errFd;
      this.pidFd = outFd >= 0 ? pidfdOpen(pid) : -1;
    }

    public int pid() {
      return pid;
    }

    /**
     * Copies the child's output to the writers until both pipes close, then waits for it. If
     * the child has ended but something it started in the background still holds the pipes
     * ({@code sh -c 'sleep 100 &'}), what comes within {@link #LINGER_MS} of its end is kept
     * and the rest is not waited for: see {@link #pipesHeld()}.
     */
    public ExitStatus pumpAndWait(Writer out, Writer err) throws SyscallException, IOException {
      return pumpAndWait(out, err, false);
    }

    /**
     * As above; with {@code leftoversToo}, what the child left running is part of it: its
     * output is read until every holder has closed it, however long after the child's own
     * end. The caller must then end them when their time is up (grading's watchdog does).
     */
    public ExitStatus pumpAndWait(Writer out, Writer err, boolean leftoversToo)
        throws SyscallException, IOException {
      try {
        if (outFd >= 0) {
          pump(out, err, leftoversToo);
        }
        return waitFor();
      } finally {
        if (pidFd >= 0) {
          Syscalls.close(pidFd);
          pidFd = -1;
        }
      }
    }

    /** After pumpAndWait: the child had ended, but a process it left still held its output. */
    public boolean pipesHeld() {
      return pipesHeld;
    }

    /** How the child ended, if it has (and reaps it), or null while it runs. */
    public ExitStatus poll() {
      if (ended != null) {
        return ended;
      }
      int[] status = new int[1];
      if (Syscalls.libc().waitpid(pid, status, WNOHANG) == pid) {
        ended = new ExitStatus(status[0]);
      }
      return ended;
    }

    public ExitStatus waitFor() throws SyscallException {
      if (ended != null) {
        return ended;
      }
      int[] status = new int[1];
      while (true) {
        int rc = Syscalls.libc().waitpid(pid, status, 0);
        if (rc == pid) {
          ended = new ExitStatus(status[0]);
          return ended;
        }
        int e = Syscalls.errno();
        if (rc < 0 && e != Errnos.EINTR) {
          throw new SyscallException("waitpid", Integer.toString(pid), e);
        }
      }
    }

    /**
     * Reads both pipes as output comes. The child's end is an event like output: its pidfd is
     * in the poll set (or, without pidfds, the child is polled with WNOHANG every pass), so it
     * is noticed at once, not after some silence.
     */
    private void pump(Writer out, Writer err, boolean leftoversToo) throws IOException {
      Libc libc = Syscalls.libc();
      Pointer fds = Memory.allocateDirect(Syscalls.runtime(), 24);
      int[] fd = {outFd, errFd};
      Writer[] sinks = {out, err};
      Utf8Stream[] streams = {new Utf8Stream(), new Utf8Stream()};
      boolean[] open = {true, true};
      byte[] buf = new byte[8192];
      long stopAt = Long.MAX_VALUE; // once the child has ended, unless leftoversToo
      while (open[0] || open[1]) {
        boolean watching = ended == null && pidFd >= 0;
        for (int i = 0; i < 3; i++) {
          int f = i < 2 ? (open[i] ? fd[i] : -1) : (watching ? pidFd : -1);
          fds.putInt(i * 8L, f);
          fds.putShort(i * 8L + 4, (short) 1); // POLLIN: data, EOF, or (pidfd) the end
          fds.putShort(i * 8L + 6, (short) 0);
        }
        long now = System.nanoTime();
        int timeout = stopAt != Long.MAX_VALUE
            ? (int) Math.max(0, (stopAt - now) / 1_000_000 + 1)
            : ended == null && pidFd < 0 ? (int) POLL_MS : -1;
        int ready = libc.poll(fds, 3, timeout);
        if (ended == null && (pidFd < 0 || (ready > 0 && fds.getShort(22) != 0))) {
          if (poll() != null && !leftoversToo) {
            stopAt = System.nanoTime() + LINGER_MS * 1_000_000;
          }
        }
        if (stopAt != Long.MAX_VALUE && System.nanoTime() >= stopAt) {
          // Read what is already there, then stop: the rest belongs to what it left running.
          drainReady(fds, fd, open, buf, streams, sinks);
          for (int i = 0; i < 2; i++) {
            if (open[i]) {
              pipesHeld = true;
              open[i] = false;
              streams[i].end(sinks[i], fd[i]);
            }
          }
          break;
        }
        if (ready <= 0) {
          continue; // nothing yet, or EINTR: a signal for the JVM; poll again
        }
        readReady(fds, fd, open, buf, streams, sinks);
      }
    }

    private static void readReady(Pointer fds, int[] fd, boolean[] open, byte[] buf,
        Utf8Stream[] streams, Writer[] sinks) throws IOException {
      Libc libc = Syscalls.libc();
      for (int i = 0; i < 2; i++) {
        if (!open[i] || fds.getShort(i * 8L + 6) == 0) {
          continue;
        }
        long n = libc.read(fd[i], buf, buf.length);
        if (n > 0) {
          streams[i].write(buf, (int) n, sinks[i]);
        } else if (n == 0 || Syscalls.errno() != Errnos.EINTR) {
          open[i] = false;
          streams[i].end(sinks[i], fd[i]);
        }
      }
    }

    /** One non-blocking look at both pipes, reading what is there. */
    private static void drainReady(Pointer fds, int[] fd, boolean[] open, byte[] buf,
        Utf8Stream[] streams, Writer[] sinks) throws IOException {
      for (int pass = 0; pass < 64; pass++) {
        for (int i = 0; i < 2; i++) {
          fds.putInt(i * 8L, open[i] ? fd[i] : -1);
          fds.putShort(i * 8L + 4, (short) 1);
          fds.putShort(i * 8L + 6, (short) 0);
        }
        if (Syscalls.libc().poll(fds, 2, 0) <= 0) {
          return;
        }
        readReady(fds, fd, open, buf, streams, sinks);
      }
    }
  }

  /** How often a child is polled for its end where the kernel has no pidfds (before 5.3). */
  static final long POLL_MS = 20;
  private static final long SYS_PIDFD_OPEN = 434; // the same number on every architecture

  /** pidfd_open(2), or -1 (errno set) where the kernel lacks it or the process is gone. */
  static int pidfdOpen(int pid) {
    long fd = Syscalls.libc().syscall(SYS_PIDFD_OPEN, pid, 0); // close-on-exec by itself
    return fd < 0 ? -1 : (int) fd;
  }

  /** How long output is still read after the child has ended, for what it left running. */
  static final long LINGER_MS = 100;

  /** Decodes UTF-8 that arrives in pieces, keeping a split character for the next piece. */
  private static final class Utf8Stream {
    private final CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer in = ByteBuffer.allocate(8192 + 8);
    private final CharBuffer chars = CharBuffer.allocate(8192 + 8);

    void write(byte[] b, int n, Writer sink) throws IOException {
      in.put(b, 0, n);
      in.flip();
      decoder.decode(in, chars, false);
      in.compact();
      drain(sink);
    }

    /** The pipe is done with: what is left goes to the sink, and the pipe is closed. */
    void end(Writer sink, int fd) throws IOException {
      in.flip();
      decoder.decode(in, chars, true);
      decoder.flush(chars);
      drain(sink);
      Syscalls.close(fd);
    }

    private void drain(Writer sink) throws IOException {
      chars.flip();
      sink.append(chars);
      sink.flush();
      chars.clear();
    }
  }

  /**
   * Starts {@code argv} from the calling thread, which must be the lab task's. Signal
   * dispositions and the signal mask are reset to the defaults in the child: the JVM's
   * handlers must not leak into it, and Ctrl-C must reach it.
   */
  public static Child spawn(List<String> argv, Map<String, String> env, Stdio stdio)
      throws SyscallException {
    return spawn(argv, env, stdio, -1);
  }

  private static volatile boolean noCloseFrom;

  /** Tests: take the close-on-exec way, as with a glibc older than 2.34. */
  static void forceCloseOnExecForTest(boolean force) {
    noCloseFrom = force;
  }

  /**
   * Has the child close every descriptor from {@code from} on. Before glibc 2.34, which lacks
   * the file action, every such descriptor of this process is marked close-on-exec instead.
   */
  private static void closeFrom(Pointer actions, int from) throws SyscallException {
    Libc libc = Syscalls.libc();
    if (!noCloseFrom) {
      try {
        int rc = libc.posix_spawn_file_actions_addclosefrom_np(actions, from);
        if (rc != 0) {
          throw new SyscallException(
              "posix_spawn_file_actions_addclosefrom_np", Integer.toString(from), rc);
        }
        return;
      } catch (UnsatisfiedLinkError e) {
        noCloseFrom = true;
      }
    }
    java.io.File[] fds = new java.io.File("/proc/thread-self/fd").listFiles();
    for (java.io.File f : fds == null ? new java.io.File[0] : fds) {
      int fd = Integer.parseInt(f.getName());
      if (fd >= from) {
        libc.fcntl(fd, F_SETFD, FD_CLOEXEC); // a descriptor closed meanwhile: EBADF, harmless
      }
    }
  }

  private static final int F_SETFD = 2;
  private static final int FD_CLOEXEC = 1;

  /** As above; {@code syncFd}, if not -1, becomes the child's fd 3. */
  public static Child spawn(List<String> argv, Map<String, String> env, Stdio stdio, int syncFd)
      throws SyscallException {
    LabTask.requireTaskThread("posix_spawn");
    Libc libc = Syscalls.libc();
    jnr.ffi.Runtime rt = Syscalls.runtime();
    Pointer attr = Memory.allocateDirect(rt, 512);
    Pointer actions = Memory.allocateDirect(rt, 256);
    Pointer defaults = Memory.allocateDirect(rt, 128);
    Pointer mask = Memory.allocateDirect(rt, 128);
    libc.posix_spawnattr_init(attr);
    libc.posix_spawn_file_actions_init(actions);
    int[] outPipe = {-1, -1};
    int[] errPipe = {-1, -1};
    try {
      libc.sigemptyset(defaults);
      for (int sig = 1; sig < 32; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP) {
          libc.sigaddset(defaults, sig);
        }
      }
      libc.sigemptyset(mask);
      libc.posix_spawnattr_setsigdefault(attr, defaults);
      libc.posix_spawnattr_setsigmask(attr, mask);
      libc.posix_spawnattr_setflags(attr, (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK));
      if (syncFd >= 0) {
        libc.posix_spawn_file_actions_adddup2(actions, syncFd, 3);
      }
      if (stdio == Stdio.BACKGROUND) {
        libc.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", Syscalls.O_RDONLY, 0);
      }
      if (stdio == Stdio.CAPTURE) {
        pipe(outPipe);
        pipe(errPipe);
        libc.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", Syscalls.O_RDONLY, 0);
        libc.posix_spawn_file_actions_adddup2(actions, outPipe[1], 1);
        libc.posix_spawn_file_actions_adddup2(actions, errPipe[1], 2);
      }
      // The JVM opens its jars and sockets without O_CLOEXEC (its own process launcher closes
      // them in the child); a child of nslab gets stdin, stdout, stderr and the sync pipe only.
      try {
        closeFrom(actions, syncFd >= 0 ? 4 : 3);
      } catch (SyscallException e) {
        closeAll(outPipe, errPipe);
        throw e;
      }
      String[] args = argv.toArray(new String[argv.size() + 1]);
      String[] envp = new String[env.size() + 1];
      int i = 0;
      for (Map.Entry<String, String> e : env.entrySet()) {
        envp[i++] = e.getKey() + "=" + e.getValue();
      }
      int[] pid = new int[1];
      int rc = libc.posix_spawnp(pid, argv.get(0), actions, attr, args, envp);
      if (rc != 0) {
        closeAll(outPipe, errPipe);
        throw new SyscallException("posix_spawn", '"' + argv.get(0) + '"', rc);
      }
      Guardian.watch(pid[0]);
      if (stdio == Stdio.CAPTURE) {
        Syscalls.close(outPipe[1]);
        Syscalls.close(errPipe[1]);
        return new Child(pid[0], outPipe[0], errPipe[0]);
      }
      return new Child(pid[0], -1, -1);
    } finally {
      libc.posix_spawn_file_actions_destroy(actions);
      libc.posix_spawnattr_destroy(attr);
    }
  }

  private static void pipe(int[] fds) throws SyscallException {
    if (Syscalls.libc().pipe2(fds, Syscalls.O_CLOEXEC) < 0) {
      throw new SyscallException("pipe2", "O_CLOEXEC", Syscalls.errno());
    }
  }

  private static void closeAll(int[]... pipes) {
    for (int[] p : pipes) {
      for (int fd : p) {
        if (fd >= 0) {
          Syscalls.close(fd);
        }
      }
    }
  }

  /**
   * Makes the shell's process group the terminal's foreground group again. A child shell with
   * job control moves the terminal to its own group and may not give it back; the shell would
   * then be stopped (SIGTTOU) or read EOF. tcsetpgrp from a background group raises SIGTTOU
   * unless it is blocked, so it is blocked for the call.
   */
  public static void reclaimTerminal() {
    Libc libc = Syscalls.libc();
    if (libc.isatty(0) != 1) {
      return;
    }
    jnr.ffi.Runtime rt = Syscalls.runtime();
    Pointer set = Memory.allocateDirect(rt, 128);
    Pointer old = Memory.allocateDirect(rt, 128);
    libc.sigemptyset(set);
    libc.sigaddset(set, SIGTTOU);
    libc.pthread_sigmask(SIG_BLOCK, set, old);
    libc.tcsetpgrp(0, libc.getpgrp());
    libc.pthread_sigmask(SIG_SETMASK, old, null);
  }

  /**
   * Kills and reaps the processes that were orphaned to this shell (it is a subreaper), so none
   * outlive it. Only children whose parent is this process and that are not {@code keep} go.
   */
  public static int killOrphans() {
    return killOrphans(java.util.Set.of());
  }

  /** As {@link #killOrphans()}, sparing the processes in {@code keep} (background jobs). */
  public static int killOrphans(java.util.Set<Integer> keep) {
    int killed = 0;
    for (int pid : children()) {
      if (!keep.contains(pid)) {
        Syscalls.libc().kill(pid, SIGKILL);
        Syscalls.libc().waitpid(pid, new int[1], 0);
        killed++;
      }
    }
    return killed;
  }

  /**
   * The processes whose parent is this one (its children, and orphans it adopted), by /proc,
   * numbered for kill(2) and waitpid(2): /proc may number them otherwise (see
   * {@link ProcFs.Numbering}).
   */
  private static List<Integer> children() {
    List<Integer> out = new java.util.ArrayList<>();
    ProcFs.Numbering numbers;
    try {
      numbers = ProcFs.Numbering.now();
    } catch (IOException | RuntimeException e) {
      return out; // Tolerated: no /proc in this mount namespace; nothing can be found.
    }
    java.io.File[] entries = new java.io.File("/proc").listFiles();
    for (java.io.File f : entries == null ? new java.io.File[0] : entries) {
      String name = f.getName();
      if (!name.chars().allMatch(Character::isDigit)) {
        continue;
      }
      try {
        String stat = java.nio.file.Files.readString(f.toPath().resolve("stat"));
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        if (Integer.parseInt(rest[1]) == numbers.self()) {
          int pid = numbers.ours(f.toPath());
          if (pid > 0) {
            out.add(pid);
          }
        }
      } catch (IOException | RuntimeException e) {
        // Tolerated: the process exited while we looked.
      }
    }
    return out;
  }

  /**
   * SIGKILL, without reaping (the thread waiting for a child must still see it end): with
   * {@code everything}, kill(-1), which in a PID namespace whose init is this process means
   * every other process in it; otherwise only this process's own children.
   */
  public static void killAll(boolean everything) {
    if (everything) {
      if (Syscalls.getpid() != 1) {
        throw new IllegalStateException("kill(-1) outside a PID namespace of nslab's own");
      }
      Syscalls.libc().kill(-1, SIGKILL);
      return;
    }
    for (int pid : children()) {
      Syscalls.libc().kill(pid, SIGKILL);
    }
  }

  /** SIGKILL and reap one child (SIGKILL is the one signal a PID 1 cannot ignore). */
  public static void killAndReap(Child child) {
    Syscalls.libc().kill(child.pid(), SIGKILL);
    Syscalls.libc().waitpid(child.pid(), new int[1], 0);
  }

  /** Reaps children that have already exited, without blocking. */
  public static void reapExited() {
    int[] status = new int[1];
    while (Syscalls.libc().waitpid(-1, status, WNOHANG) > 0) {
      // Each pass reaps one zombie.
    }
  }
}
