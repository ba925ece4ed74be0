package org.nslab.cmd;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsKind;
import org.nslab.ns.NsSnapshot;
import org.nslab.sys.LabTask;
import org.nslab.sys.SyscallException;

/**
 * The state of one nslab session: the lab task and where it started, the writers commands
 * print to, and what the shell lends (colours, the terminal).
 */
public final class Session implements AutoCloseable {
  private final LabTask task;
  private final NsSnapshot origin;
  private PrintWriter out;
  private final PrintWriter err;
  private final Paint paint;
  private final Console console;
  private final Map<String, String> env;
  private Integer exitRequest;
  private boolean reapsOrphans;

  /** PID 1 of the PID namespace the lab task's children go to, once one was spawned. */
  private NsId pidNamespace;
  private int pid1HostPid;
  private String pid1Status;

  /** unshare pid made a fresh PID namespace for children: forget the old one's PID 1. */
  void pidUnshared() {
    pidNamespace = null;
    pid1HostPid = 0;
    pid1Status = null;
  }

  private Session(
      LabTask task, PrintWriter out, PrintWriter err, Paint paint, Console console,
      Map<String, String> env) {
    this.task = task;
    this.origin = task.namespaces();
    this.out = out;
    this.err = err;
    this.paint = paint;
    this.console = console;
    this.env = env;
  }

  /** Starts a lab task on a new thread, in the namespaces of the calling thread. */
  public static Session open(
      PrintWriter out, PrintWriter err, Paint paint, Console console, Map<String, String> env)
      throws SyscallException {
    return new Session(LabTask.start(), out, err, paint, console, new LinkedHashMap<>(env));
  }

  public LabTask task() {
    return task;
  }

  /** The namespaces the lab task started in. */
  public NsSnapshot origin() {
    return origin;
  }

  /** True while the lab task is still in the namespace of this kind that it started in. */
  public boolean inOrigin(NsKind kind) {
    NsFile f = NsFile.valueOf(kind.name());
    NsId now = task.namespace(f);
    return now != null && now.equals(origin.get(f));
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

  public void setReapsOrphans(boolean reaps) {
    reapsOrphans = reaps;
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
  public String pid1Status() {
    return pid1Status;
  }

  void pid1Started(NsId ns, int hostPid) {
    pidNamespace = ns;
    pid1HostPid = hostPid;
    pid1Status = null;
  }

  void pid1Exited(String status) {
    pid1Status = status;
  }

  @Override
  public void close() {
    out.flush();
    err.flush();
    task.close();
  }
}
