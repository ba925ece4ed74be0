package org.nslab.grade;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.nslab.cmd.Console;
import org.nslab.cmd.Interpreter;
import org.nslab.cmd.Paint;
import org.nslab.cmd.Registry;
import org.nslab.cmd.Session;
import org.nslab.lab.Check;
import org.nslab.lab.Lab;
import org.nslab.lab.Step;
import org.nslab.replay.Checks;
import org.nslab.replay.Evidence;
import org.nslab.replay.Replay;
import org.nslab.sys.Spawner;
import org.nslab.text.Key;
import org.nslab.text.Text;

/**
 * Grades one submission in a live session: runs its commands in order and follows the lab's
 * steps. Before the first command and after each one, the checks of the current step are
 * tried; when they all hold, the step is passed and the next one is tried at once. After the
 * last command, the checks of the steps not passed are tried one last time, each on its own,
 * for partial credit. Checks look at state, never at what was typed or printed.
 */
public final class Grading {
  /** One line of a submission that is a command (blank lines and # comments are not). */
  public record Line(int number, String text) {}

  /** Time allowed for one command (or one check), and for the whole submission. */
  public record Limits(long commandMs, long totalMs) {}

  private static final int OUTPUT_KEPT = 2000;

  private Grading() {}

  public static List<Line> commands(String submission) {
    List<Line> out = new ArrayList<>();
    String[] lines = submission.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(new Line(i + 1, l));
      }
    }
    return out;
  }

  /**
   * @param ownProcess this JVM exists only to grade (the sandbox): it reaps orphans, and a
   *     command over its time kills every other process in the sandbox's PID namespace
   * @param lang the language of the checks' messages in the report, where the lab has it
   * @param starting called with each command's line number before it runs, so that whoever
   *     watches from outside knows where a submission was when it had to be stopped
   */
  public static Report grade(Lab lab, String name, List<Line> commands, Limits limits, String lang,
      Map<String, String> env, boolean ownProcess, IntConsumer starting) throws Exception {
    return grade(lab, name, commands, limits, lang, env, ownProcess, starting, s -> { });
  }

  /**
   * @param passed called with a step's index when it passes, so that whoever watches from
   *     outside can keep its points if the sandbox dies before its report
   */
  public static Report grade(Lab lab, String name, List<Line> commands, Limits limits, String lang,
      Map<String, String> env, boolean ownProcess, IntConsumer starting, IntConsumer passed)
      throws Exception {
    long t0 = System.nanoTime();
    String why = Replay.missing(lab.requires());
    if (why != null) {
      return Report.failed(lab, name, "this machine cannot grade " + lab.id() + ": " + why, 0);
    }
    // The report's notes follow --lang, as the checks' messages do; its frame stays English.
    Run run = new Run(lab, limits, lang, Text.of(lang, Text.dirs(null, env)), t0, ownProcess);
    Map<String, String> childEnv = new HashMap<>(env);
    childEnv.put("LC_ALL", "C");
    childEnv.remove("LANGUAGE");
    List<Report.StepResult> results;
    try (Watchdog dog = new Watchdog(ownProcess);
        Session session = Session.open(Session.startTask(ownProcess), ownProcess,
            new PrintWriter(run.out), new PrintWriter(run.err), Paint.NONE, Console.NONE,
            childEnv)) {
      run.begin(session, dog);
      for (Line line : commands) {
        if (!run.command(line, starting, passed)) {
          break;
        }
      }
      results = run.score();
    }
    return new Report(lab.id(), lab.title(), name, results, run.ran,
        run.notes.isEmpty() ? null : String.join("\n", run.notes), null,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** One submission being graded: its session, its steps' state, what it ran and the notes. */
  private static final class Run {
    private final List<Step> steps;
    private final Limits limits;
    private final String lang;
    private final Text text;
    private final long t0;
    private final boolean ownProcess;
    private final Interpreter interpreter = new Interpreter(Registry.standard(), false);
    private final Capture out = new Capture();
    private final Capture err = new Capture();
    private final List<Report.Ran> ran = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** Per step: the line after which it passed (0 without checks), else -1. */
    private final int[] passedAfter;
    /** Per step: why this machine cannot run it ("needs root"), else null. */
    private final String[] skipped;
    /** Per step: what its checks said as it became current (null: never reached). */
    private final boolean[][] atStart;
    private Session session;
    private Watchdog dog;
    private Checks checks;
    private Stepper stepper;

    Run(Lab lab, Limits limits, String lang, Text text, long t0, boolean ownProcess) {
      this.steps = lab.steps();
      this.limits = limits;
      this.lang = lang;
      this.text = text;
      this.t0 = t0;
      this.ownProcess = ownProcess;
      passedAfter = new int[steps.size()];
      java.util.Arrays.fill(passedAfter, -1);
      skipped = new String[steps.size()];
      for (int s = 0; s < steps.size(); s++) {
        skipped[s] = Replay.missing(steps.get(s).requires()); // "needs root", ...
      }
      atStart = new boolean[steps.size()][];
    }

    void begin(Session session, Watchdog dog) throws Exception {
      this.session = session;
      this.dog = dog;
      if (ownProcess) {
        // The sandbox: its children are root there, and must not read this JVM's memory.
        session.task().call(() -> {
          org.nslab.sys.Syscalls.keepChildrenOut();
          return null;
        });
      }
      // In the sandbox a command's leftovers are part of it: read until they end or its time
      // runs out (the watchdog kills them then), never until some silence, which a slow
      // machine would reach at another point than a fast one.
      session.leftoversArePartOfCommand(ownProcess);
      checks = new Checks(session, interpreter);
      checks.mayStartPid1(false);
      // What held when a step began earns nothing by itself (Evidence): each step's checks
      // are tried once as it becomes the current step.
      stepper = new Stepper(steps, skipped, passedAfter, atStart, checks, dog, limits);
      stepper.begin(0);
    }

    /** Runs one command and follows the steps after it; false: grading stops here. */
    boolean command(Line line, IntConsumer starting, IntConsumer passed) {
      long spent = (System.nanoTime() - t0) / 1_000_000;
      if (spent > limits.totalMs()) {
        notes.add(text.get(Key.GRADE_OUT_OF_TIME, seconds(limits.totalMs()), line.number()));
        return false;
      }
      starting.accept(line.number());
      long c0 = System.nanoTime();
      long allowed = Math.min(limits.commandMs(), limits.totalMs() - spent);
      dog.arm(allowed);
      int status = interpreter.execute(session, line.text());
      boolean overtime = dog.disarm();
      long ms = (System.nanoTime() - c0) / 1_000_000;
      String shown = String.join("\n", Replay.lines(out.drain(), err.drain(), status));
      if (shown.length() > OUTPUT_KEPT) {
        shown = shown.substring(0, OUTPUT_KEPT) + "\n[... " + (shown.length() - OUTPUT_KEPT)
            + " more characters]";
      }
      ran.add(new Report.Ran(line.number(), line.text(), status, ms, shown));
      if (overtime && allowed < limits.commandMs()) {
        notes.add(text.get(Key.GRADE_OUT_OF_TIME_STOPPED, seconds(limits.totalMs()),
            line.number(), line.text()));
        return false;
      }
      if (overtime) {
        // A child that ended by itself (not by the watchdog's SIGKILL) left processes that
        // held its output: they are part of the command, and they ran over.
        Key what = status == 128 + 9 || !line.text().startsWith("spawn") ? Key.GRADE_RAN_OVER
            : Key.GRADE_RAN_OVER_LEFT;
        notes.add(text.get(what, line.number(), line.text(), seconds(limits.commandMs())));
      }
      if (ownProcess) {
        // What a command left running that no longer holds its output, unasked.
        int strays = session.killStrays();
        if (strays > 0 && !overtime) {
          notes.add(text.get(Key.GRADE_STRAYS, line.number(), line.text(), strays));
        }
      }
      if (session.exitRequest() != null) {
        notes.add(text.get(Key.GRADE_EXIT, line.number()));
        return false;
      }
      int was = stepper.current;
      stepper.after(line.number());
      for (int s = was; s < stepper.current; s++) {
        if (passedAfter[s] >= 0) {
          passed.accept(s);
        }
      }
      return true;
    }

    /**
     * Every step's result. Still no PID 1 for a check: it would end the namespace before the
     * checks after it. A check that a step not passed already has earns once: a later step
     * that repeats it ("hostname is container1" in steps 3 and 4) was never reached and proves
     * nothing more.
     */
    List<Report.StepResult> score() {
      List<Report.StepResult> results = new ArrayList<>();
      java.util.Set<String> counted = new java.util.HashSet<>();
      for (int s = 0; s < steps.size(); s++) {
        Step step = steps.get(s);
        List<Report.CheckResult> cr = new ArrayList<>();
        for (int k = 0; k < step.checks().size(); k++) {
          cr.add(check(s, k, counted));
        }
        results.add(new Report.StepResult(step.line(), step.title(), skipped[s],
            passedAfter[s], cr));
      }
      return results;
    }

    private Report.CheckResult check(int s, int k, java.util.Set<String> counted) {
      Check c = steps.get(s).checks().get(k);
      String message = c.message(lang);
      boolean held;
      if (skipped[s] != null || passedAfter[s] >= 0) {
        held = skipped[s] == null;
      } else if (atStart[s] == null) {
        held = false;
        message = text.get(Key.GRADE_UNREACHED);
      } else {
        // Partial credit, for what changed since the step began (or, for a step after the
        // current one, since the current one began).
        boolean now = holds(checks, c, dog, limits);
        held = Evidence.earns(atStart[s][k], now);
        if (now && !held) {
          message = text.get(Key.GRADE_HEAD_START);
        } else if (held && !counted.add(c.text())) {
          held = false;
          message = text.get(Key.GRADE_COUNTED);
        }
      }
      return new Report.CheckResult(c.line(), c.points(), c.negated(), c.expression(),
          message, held);
    }
  }

  /** Follows the lab's steps: which is current, and what held when each began. */
  private static final class Stepper {
    private final List<Step> steps;
    private final String[] skipped;
    private final int[] passedAfter;
    private final boolean[][] atStart;
    private final Checks checks;
    private final Watchdog dog;
    private final Limits limits;
    int current;

    Stepper(List<Step> steps, String[] skipped, int[] passedAfter, boolean[][] atStart,
        Checks checks, Watchdog dog, Limits limits) {
      this.steps = steps;
      this.skipped = skipped;
      this.passedAfter = passedAfter;
      this.atStart = atStart;
      this.checks = checks;
      this.dog = dog;
      this.limits = limits;
    }

    /** Makes step s (or the first one after it this machine can run) current. */
    void begin(int s) {
      current = s;
      while (current < steps.size() && skipped[current] != null) {
        current++;
      }
      if (current < steps.size()) {
        // This step's start, and the later steps' for now: if the submission gets no
        // further, what they earn is what changed from here on (Evidence).
        for (int j = current; j < steps.size(); j++) {
          if (skipped[j] == null) {
            atStart[j] = evaluate(steps.get(j));
          }
        }
        if (steps.get(current).checks().isEmpty()) {
          passedAfter[current] = 0;
          begin(current + 1);
        }
      }
    }

    /**
     * After the command on line {@code after}, typed while the current step was current:
     * passes it if it shows its work (Evidence), then each step that becomes current is tried
     * from the state it begins in.
     */
    void after(int after) {
      if (current >= steps.size()) {
        return;
      }
      boolean[] now = evaluate(steps.get(current));
      if (Evidence.passes(atStart[current], now, true)) {
        passedAfter[current] = after;
        int before = current;
        begin(current + 1);
        for (int s = before + 1; s < current; s++) {
          if (passedAfter[s] == 0) {
            passedAfter[s] = after; // a step without checks, passed on the way
          }
        }
      }
    }

    private boolean[] evaluate(Step step) {
      boolean[] held = new boolean[step.checks().size()];
      for (int k = 0; k < held.length; k++) {
        held[k] = holds(checks, step.checks().get(k), dog, limits);
      }
      return held;
    }
  }

  private static boolean holds(Checks checks, Check c, Watchdog dog, Limits limits) {
    dog.arm(limits.commandMs());
    try {
      return checks.holds(c);
    } catch (Exception e) {
      return false; // a check that cannot be evaluated (its spawn failed, say) does not hold
    } finally {
      dog.disarm();
    }
  }

  private static String seconds(long ms) {
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format("%.1f s", ms / 1000.0);
  }

  /**
   * What commands print, kept up to a bound: a submission's {@code spawn yes} prints without
   * end until its time runs out, and must not fill the sandbox JVM's heap.
   */
  public static final class Capture extends java.io.Writer {
    static final int KEPT = 64 * 1024;
    private final StringBuilder kept = new StringBuilder();
    private long dropped;

    @Override
    public synchronized void write(char[] buf, int off, int len) {
      int room = Math.max(0, KEPT - kept.length());
      kept.append(buf, off, Math.min(room, len));
      dropped += Math.max(0, len - room);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    /** What was printed since the last drain, and how much more was not kept. */
    public synchronized String drain() {
      String s = kept.toString();
      if (dropped > 0) {
        s += (s.endsWith("\n") || s.isEmpty() ? "" : "\n") + "[... " + dropped
            + " more characters not kept]\n";
      }
      kept.setLength(0);
      dropped = 0;
      return s;
    }
  }

  /**
   * Stops a command that runs over its time. In the sandbox, where this JVM is PID 1, that is
   * kill(-1, SIGKILL): every other process in the sandbox's PID namespace. Elsewhere only this
   * process's own children are killed.
   */
  static final class Watchdog implements AutoCloseable {
    private final boolean everything;
    private final Thread thread;
    private volatile long deadline = Long.MAX_VALUE;
    private volatile boolean fired;
    private volatile boolean closed;

    Watchdog(boolean everything) {
      this.everything = everything;
      thread = new Thread(this::watch, "nslab-watchdog");
      thread.setDaemon(true);
      thread.start();
    }

    void arm(long ms) {
      fired = false;
      deadline = System.nanoTime() + Math.max(ms, 1) * 1_000_000;
    }

    /** Returns whether the time ran out (and processes were killed) since arm. */
    boolean disarm() {
      deadline = Long.MAX_VALUE;
      return fired;
    }

    private void watch() {
      while (!closed) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
        if (System.nanoTime() > deadline) {
          fired = true;
          // Keep killing until the command returns: a fork loop may still be making more.
          Spawner.killAll(everything);
        }
      }
    }

    @Override
    public void close() {
      closed = true;
      thread.interrupt();
    }
  }
}
