package org.nslab.cmd;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsKind;
import org.nslab.ns.NsSnapshot;
import org.nslab.sys.Cgroups;
import org.nslab.sys.LabTask;
import org.nslab.sys.NsPoint;
import org.nslab.sys.Spawner;
import org.nslab.sys.Syscalls;
import org.nslab.text.Key;
import org.nslab.text.Said;
import org.nslab.text.Text;

/**
 * The state of one nslab session: the lab task and where it started, the writers commands
 * print to, and what the shell lends (colours, the terminal).
 */
public final class Session implements AutoCloseable {
  private final CompletableFuture<LabTask> starting;
  private final boolean reapsOrphans;
  private PrintWriter out;
  private PrintWriter err;
  private final Paint paint;
  private Console console;
  private final Map<String, String> env;
  private Text text = Text.english();
  private Integer exitRequest;
  private final Map<String, NsPoint> points = new TreeMap<>();
  private final List<Job> jobs = new ArrayList<>();
  private Cgroups cgroups;
  private String joinedCgroup;

  /** PID 1 of the PID namespace the lab task's children go to, once one was spawned. */
  private NsId pidNamespace;
  private int pid1HostPid;
  private Said pid1Status;

  /** The lab task's children go to another PID namespace now: forget the old one's PID 1. */
  void forgetPid1() {
    pidNamespace = null;
    pid1HostPid = 0;
    pid1Status = null;
  }

  private Session(
      CompletableFuture<LabTask> starting, boolean reapsOrphans, PrintWriter out,
      PrintWriter err, Paint paint, Console console, Map<String, String> env) {
    this.starting = starting;
    this.reapsOrphans = reapsOrphans;
    this.out = out;
    this.err = err;
    this.paint = paint;
    this.console = console;
    this.env = env;
  }

  /** A session whose lab task starts now, in the namespaces of the calling thread. */
  public static Session open(
      PrintWriter out, PrintWriter err, Paint paint, Console console, Map<String, String> env) {
    return open(startTask(false), false, out, err, paint, console, env);
  }

  /**
   * Starts a lab task on a new thread and returns at once: binding libc through jnr-ffi is
   * most of nslab's start-up (about 100 ms), so the caller builds its terminal meanwhile,
   * and the first command that needs the lab task waits for it.
   *
   * @param ownsChildren this process is the nslab command: make it a child subreaper first,
   *     so its children's orphans come to it and are ended when the session closes
   */
  public static CompletableFuture<LabTask> startTask(boolean ownsChildren) {
    CompletableFuture<LabTask> starting = new CompletableFuture<>();
    // A platform thread of its own, not the common pool: the lab task must never depend on
    // a thread it would have to create after unshare(CLONE_NEWPID).
    Thread starter =
        new Thread(
            () -> {
              try {
                if (ownsChildren) {
                  Syscalls.becomeSubreaper();
                }
                starting.complete(LabTask.start());
              } catch (Throwable e) {
                starting.completeExceptionally(e);
              }
            },
            "nslab-start");
    starter.setDaemon(true);
    starter.start();
    return starting;
  }

  /** A session around a lab task from {@link #startTask}. */
  public static Session open(
      CompletableFuture<LabTask> task, boolean ownsChildren, PrintWriter out, PrintWriter err,
      Paint paint, Console console, Map<String, String> env) {
    return new Session(task, ownsChildren, out, err, paint, console, new LinkedHashMap<>(env));
  }

  /** nslab's own words in the user's language (English unless the shell was told). */
  public Text text() {
    return text;
  }

  public void setText(Text text) {
    this.text = text;
  }

  /** The lab task, once it has started. */
  public LabTask task() {
    try {
      return starting.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      // jnr-ffi unpacks its native library into java.io.tmpdir, and loads it from there.
      throw cause instanceof UnsatisfiedLinkError || cause instanceof NoClassDefFoundError
          ? new TaskUnavailableException(cause, Key.TASK_NO_START_NATIVE, String.valueOf(cause),
              System.getProperty("java.io.tmpdir"))
          : new TaskUnavailableException(cause, Key.TASK_NO_START, String.valueOf(cause));
    }
  }

  /** The namespaces the lab task started in. */
  public NsSnapshot origin() {
    return task().origin();
  }

  /**
   * True when the lab task's namespace of this kind is no longer the one the shell started
   * in; for pid and time, the one its children go to (pid_for_children, time_for_children).
   */
  public boolean changed(NsKind kind) {
    NsFile f = NsFile.changedBy(kind);
    return !java.util.Objects.equals(task().namespace(f), origin().get(f));
  }

  /** True while the lab task is still in the namespace of this kind that it started in. */
  public boolean inOrigin(NsKind kind) {
    NsFile f = NsFile.valueOf(kind.name());
    NsId now = task().namespace(f);
    return now != null && now.equals(origin().get(f));
  }

  public PrintWriter out() {
    return out;
  }

  /** Sends command output elsewhere (time -q); returns the writer it replaced. */
  PrintWriter redirectOut(PrintWriter to) {
    PrintWriter was = out;
    out = to;
    return was;
  }

  public PrintWriter err() {
    return err;
  }

  private java.util.function.Supplier<String> promptNote = () -> null;

  /** Something the prompt shows after the namespaces: the open lab and step, say. */
  public void promptNote(java.util.function.Supplier<String> note) {
    promptNote = note;
  }

  public String promptNote() {
    return promptNote.get();
  }

  /** Work whose output is wanted as text: commands run by a check, say. */
  public interface Captured {
    void run() throws Exception;
  }

  /**
   * Runs {@code work} with both output streams going to one string, and with no terminal
   * (children get pipes), then puts everything back. Returns what was printed.
   */
  public String capture(Captured work) throws Exception {
    java.io.StringWriter text = new java.io.StringWriter();
    PrintWriter to = new PrintWriter(text);
    PrintWriter wasOut = out;
    PrintWriter wasErr = err;
    Console wasConsole = console;
    out.flush();
    err.flush();
    out = to;
    err = to;
    console = Console.NONE;
    try {
      work.run();
    } finally {
      to.flush();
      out = wasOut;
      err = wasErr;
      console = wasConsole;
    }
    return text.toString();
  }

  /** What work printed on each stream, while it also reached the user ({@link #tee}). */
  public record Printed(String out, String err) {}

  /**
   * Runs {@code work} with no terminal (children get pipes, so what they print passes through
   * nslab), its output going to the user as usual and also kept, stream by stream: standard
   * output and standard error apart, as a lab tells them apart. Returns what was printed.
   */
  public Printed tee(Captured work) throws Exception {
    java.io.StringWriter o = new java.io.StringWriter();
    java.io.StringWriter e = new java.io.StringWriter();
    PrintWriter wasOut = out;
    PrintWriter wasErr = err;
    Console wasConsole = console;
    out.flush();
    err.flush();
    out = new PrintWriter(new Tee(wasOut, o));
    err = new PrintWriter(new Tee(wasErr, e));
    console = Console.NONE;
    try {
      work.run();
    } finally {
      out.flush();
      err.flush();
      out = wasOut;
      err = wasErr;
      console = wasConsole;
      wasOut.flush();
      wasErr.flush();
    }
    return new Printed(o.toString(), e.toString());
  }

  /** Writes to the user's writer and to a copy. */
  private static final class Tee extends java.io.Writer {
    private final PrintWriter to;
    private final java.io.StringWriter copy;

    Tee(PrintWriter to, java.io.StringWriter copy) {
      super(to);
      this.to = to;
      this.copy = copy;
    }

    @Override
    public void write(char[] buf, int off, int len) {
      to.write(buf, off, len);
      copy.write(buf, off, len);
    }

    @Override
    public void flush() {
      to.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }

  public Paint paint() {
    return paint;
  }

  public String paint(Paint.Tone tone, String text) {
    return paint.paint(tone, text);
  }

  public Console console() {
    return console;
  }

  /** The environment children get. */
  public Map<String, String> env() {
    return env;
  }

  /**
   * True when this process is a child subreaper that owns every child it has (the nslab
   * command, not a test JVM): then exited orphans are reaped after each spawn.
   */
  public boolean reapsOrphans() {
    return reapsOrphans;
  }

  public void requestExit(int status) {
    exitRequest = status;
  }

  /** The status `exit` asked for, or null while the session goes on. */
  public Integer exitRequest() {
    return exitRequest;
  }

  /** The PID namespace whose PID 1 this session started, or null. */
  public NsId pidNamespace() {
    return pidNamespace;
  }

  public int pid1HostPid() {
    return pid1HostPid;
  }

  /** How PID 1 ended ("exit status 0"), or null while it runs or before there is one. */
  public Said pid1Status() {
    return pid1Status;
  }

  void pid1Started(NsId ns, int hostPid) {
    pidNamespace = ns;
    pid1HostPid = hostPid;
    pid1Status = null;
  }

  void pid1Exited(Said status) {
    pid1Status = status;
  }

  /** The cgroups this session makes; the layout is read on first use. */
  Cgroups cgroups() throws java.io.IOException {
    if (cgroups == null) {
      cgroups = Cgroups.detect();
    }
    return cgroups;
  }

  /** The cgroup children start in (cgroup join), or null. */
  String joinedCgroup() {
    return joinedCgroup;
  }

  void joinCgroup(String name) {
    joinedCgroup = name;
  }

  /** Background children (spawn --bg), oldest first. */
  List<Job> jobs() {
    return jobs;
  }

  /**
   * Reaps background children that have ended, so none is left a zombie; when it was PID 1,
   * its PID namespace is dead from now on.
   */
  void reapJobs() throws Exception {
    task().call(() -> {
      for (Job j : jobs) {
        if (j.ended == null) {
          j.ended = j.child.poll();
          if (j.ended != null && j.pid1 && j.child.pid() == pid1HostPid) {
            pid1Exited(j.ended.said());
          }
        }
      }
      return null;
    });
  }

  /**
   * True between unshare pid and the first child: the next child spawned becomes PID 1 of
   * the new namespace, and the namespace dies with it.
   */
  public boolean pid1Pending() {
    NsSnapshot ns = task().namespaces();
    return ns.get(NsFile.PID_FOR_CHILDREN) == null && ns.get(NsFile.PID) != null;
  }

  /**
   * Kills what commands left running without being asked to (orphans that came to this
   * subreaper, a fork loop's survivors), sparing the jobs of spawn --bg. Returns how many.
   */
  public int killStrays() {
    if (!reapsOrphans) {
      return 0;
    }
    java.util.Set<Integer> keep = new java.util.HashSet<>();
    for (Job j : jobs) {
      if (j.ended == null) {
        keep.add(j.child.pid());
      }
    }
    int total = 0;
    for (int round = 0; round < 50; round++) {
      int n = Spawner.killOrphans(keep);
      total += n;
      if (n == 0) {
        break;
      }
    }
    return total;
  }

  private boolean leftoversArePartOfCommand;

  /**
   * Grading: what a spawned child leaves running is part of its command, read until it closes
   * its output (or the command's time runs out and the grader ends it), so that a result
   * never depends on how fast the machine is. Interactively, nslab reads only a moment past
   * the child's end and says what it did not wait for.
   */
  public void leftoversArePartOfCommand(boolean yes) {
    leftoversArePartOfCommand = yes;
  }

  public boolean leftoversArePartOfCommand() {
    return leftoversArePartOfCommand;
  }

  /** Points saved with ns save, by name. */
  Map<String, NsPoint> points() {
    return points;
  }

  /** The point saved as NAME with ns save, or null. */
  public NsPoint point(String name) {
    return points.get(name);
  }

  /** Whether this session made a cgroup NAME (cgroup create) that is not deleted. */
  public boolean cgroupExists(String name) {
    return cgroups != null && cgroups.made().containsKey(name);
  }

  /** Whether the kernel refused a fork in cgroup NAME (made here) because of its pids.max. */
  public boolean cgroupLimited(String name) throws java.io.IOException {
    return cgroups != null && cgroups.forksRefused(name) > 0;
  }

  /** The cgroup children start in (cgroup join), or null. */
  public String cgroupJoined() {
    return joinedCgroup;
  }

  /**
   * True when the PID namespace the lab task's children would go to had a PID 1 that ended:
   * the kernel refuses every new process there (fork: ENOMEM).
   */
  public boolean pidNamespaceDead() throws Exception {
    reapJobs(); // a background PID 1 that ended is noticed here
    NsId now = task().namespace(NsFile.PID_FOR_CHILDREN);
    return pid1Status != null && now != null && now.equals(pidNamespace);
  }

  /** Ends the lab task, and with it every namespace and mount only it held. */
  @Override
  public void close() {
    out.flush();
    err.flush();
    points.values().forEach(NsPoint::close);
    if (starting.isDone() && !starting.isCompletedExceptionally()) {
      for (Job j : jobs) {
        if (j.ended == null) {
          // Background children end with the session: nothing is left behind.
          Spawner.killAndReap(j.child);
        }
      }
    }
    if (cgroups != null) {
      cgroups.deleteAll(); // kills what is still in them, then removes them
    }
    if (starting.isDone() && !starting.isCompletedExceptionally()) {
      if (reapsOrphans) {
        Spawner.killOrphans();
      }
      starting.join().close();
    }
  }
}
