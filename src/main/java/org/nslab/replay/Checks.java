package org.nslab.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nslab.cmd.Interpreter;
import org.nslab.cmd.Session;
import org.nslab.lab.Check;
import org.nslab.lab.Expected;
import org.nslab.lab.OutputMatcher;
import org.nslab.lab.Probe;
import org.nslab.ns.MountInfo;
import org.nslab.ns.MsgQueue;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsKind;
import org.nslab.sys.NsPoint;
import org.nslab.sys.Syscalls;
import org.nslab.text.Key;
import org.nslab.text.Text;

/**
 * Evaluates the checks of a lab against a live session. "Inside" is the lab task; "outside"
 * is the thread that runs the checks, which never moves: the machine, or the grader's sandbox.
 */
public final class Checks {
  private final Session session;
  private final Interpreter interpreter;

  public Checks(Session session, Interpreter interpreter) {
    this.session = session;
    this.interpreter = interpreter;
  }

  /**
   * Whether a "spawn ... prints" check may start a child when that child would become PID 1
   * of a new PID namespace. Grading tries checks between a student's commands, and such a
   * child would take PID 1 from the student's next spawn (and kill the namespace on exit).
   */
  private boolean mayStartPid1 = true;

  public void mayStartPid1(boolean may) {
    mayStartPid1 = may;
  }

  /** True when the check holds (its "not" already applied). */
  public boolean holds(Check check) throws Exception {
    return evaluate(check.probe()) != check.negated();
  }

  /** Whether this probe may run now: not a child that would take PID 1 from the student. */
  public boolean mayRun(Probe probe) {
    return !(probe instanceof Probe.Spawn s) || mayStartPid1 || s.command().contains("--ns")
        || !session.pid1Pending();
  }

  private boolean evaluate(Probe probe) throws Exception {
    return probe.accept(new Evaluation());
  }

  /** Each kind of probe, asked of the kernel (or of the session) now. */
  private final class Evaluation implements Probe.Cases<Boolean> {
    @Override
    public Boolean nsChanged(Probe.NsChanged p) {
      return session.changed(p.kind());
    }

    @Override
    public Boolean nsOnly(Probe.NsOnly p) {
      for (NsKind k : NsKind.values()) {
        if (!session.changed(k) == p.kinds().contains(k)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Boolean nsPoint(Probe.NsPoint p) {
      NsPoint point = session.point(p.point());
      NsId id = point == null ? null : point.id(p.kind());
      if (id == null) {
        return false; // no such point (yet): neither the same nor different
      }
      return id.equals(session.task().namespace(NsFile.changedBy(p.kind()))) == p.same();
    }

    @Override
    public Boolean pidDead(Probe.PidDead p) throws Exception {
      return session.pidNamespaceDead();
    }

    @Override
    public Boolean hostname(Probe.Hostname p) throws Exception {
      String now = p.outside() ? Syscalls.gethostname()
          : session.task().call(Syscalls::gethostname);
      return now.equals(p.name()) != p.not();
    }

    @Override
    public Boolean mounted(Probe.Mounted p) throws Exception {
      String info = p.outside()
          ? Files.readString(Path.of("/proc/thread-self/mountinfo"))
          : session.task().mountinfo();
      return MountInfo.parse(info).stream().anyMatch(m -> m.target().equals(p.path()));
    }

    @Override
    public Boolean fileExists(Probe.FileExists p) throws Exception {
      Path path = Path.of(p.path());
      return p.outside() ? Files.exists(path) : session.task().call(() -> Files.exists(path));
    }

    @Override
    public Boolean queues(Probe.Queues p) throws Exception {
      return (p.outside() ? Checks.queues() : session.task().call(Checks::queues)) == p.count();
    }

    @Override
    public Boolean cgroupExists(Probe.CgroupExists p) {
      return session.cgroupExists(p.name());
    }

    @Override
    public Boolean cgroupJoined(Probe.CgroupJoined p) {
      return p.name().equals(session.cgroupJoined());
    }

    @Override
    public Boolean cgroupLimited(Probe.CgroupLimited p) throws Exception {
      return session.cgroupLimited(p.name());
    }

    @Override
    public Boolean spawn(Probe.Spawn p) throws Exception {
      if (!mayRun(p)) {
        return false; // not yet: the student's own next child is to be PID 1
      }
      // The check's own output, on either stream, belongs to no command of the student's.
      String printed = session.capture(() -> interpreter.execute(session, p.command())).strip();
      OutputMatcher m = new OutputMatcher(java.util.Map.of());
      return m.match(List.of(new Expected(0, p.text())), List.of(printed)) == null;
    }
  }

  /**
   * The check in words for the workshop's ✓, when it holds. A spawn check's own command and
   * output are the lab author's probe, which the student never types or sees ("prints
   * joined"), so a held one is said as what the step asked for; every other check as {@link
   * #describe}.
   */
  public static String held(Check check, Text text) {
    if (check.probe() instanceof Probe.Spawn) {
      return text.get(Key.CHECK_SPAWN_HELD);
    }
    return describe(check, text);
  }

  /**
   * The check in words, in a language: what holds when it passes ("the lab task's UTS
   * namespace is a new one"), or, when it does not hold and has no message of its own, what
   * should. A "not" check is said as the state it asks for.
   */
  public static String describe(Check check, Text text) {
    boolean yes = !check.negated();
    try {
      return check.probe().accept(new Probe.Cases<String>() {
        @Override
        public String nsChanged(Probe.NsChanged p) {
          return text.get(yes ? Key.CHECK_NS_NEW : Key.CHECK_NS_START, p.kind().word());
        }

        @Override
        public String nsOnly(Probe.NsOnly p) {
          return text.get(yes ? Key.CHECK_NS_ONLY : Key.CHECK_NS_NOT_ONLY,
              String.join(", ", p.kinds().stream().map(NsKind::word).toList()));
        }

        @Override
        public String nsPoint(Probe.NsPoint p) {
          return text.get(p.same() == yes ? Key.CHECK_NS_POINT : Key.CHECK_NS_NOT_POINT,
              p.kind().word(), p.point());
        }

        @Override
        public String pidDead(Probe.PidDead p) {
          return text.get(yes ? Key.CHECK_PID_DEAD : Key.CHECK_PID_ALIVE);
        }

        @Override
        public String hostname(Probe.Hostname p) {
          return text.get(p.outside()
              ? (p.not() == yes ? Key.CHECK_OUT_HOST_NOT : Key.CHECK_OUT_HOST)
              : (p.not() == yes ? Key.CHECK_HOST_NOT : Key.CHECK_HOST), p.name());
        }

        @Override
        public String mounted(Probe.Mounted p) {
          return text.get(p.outside()
              ? (yes ? Key.CHECK_OUT_MOUNTED : Key.CHECK_OUT_MOUNTED_NOT)
              : (yes ? Key.CHECK_MOUNTED : Key.CHECK_MOUNTED_NOT), p.path());
        }

        @Override
        public String fileExists(Probe.FileExists p) {
          return text.get(p.outside()
              ? (yes ? Key.CHECK_OUT_FILE : Key.CHECK_OUT_FILE_NOT)
              : (yes ? Key.CHECK_FILE : Key.CHECK_FILE_NOT), p.path());
        }

        @Override
        public String queues(Probe.Queues p) {
          return text.get(p.outside()
              ? (yes ? Key.CHECK_OUT_QUEUES : Key.CHECK_OUT_QUEUES_NOT)
              : (yes ? Key.CHECK_QUEUES : Key.CHECK_QUEUES_NOT), p.count());
        }

        @Override
        public String cgroupExists(Probe.CgroupExists p) {
          return text.get(yes ? Key.CHECK_CGROUP_EXISTS : Key.CHECK_CGROUP_GONE, p.name());
        }

        @Override
        public String cgroupJoined(Probe.CgroupJoined p) {
          return text.get(yes ? Key.CHECK_CGROUP_JOINED : Key.CHECK_CGROUP_NOT_JOINED, p.name());
        }

        @Override
        public String cgroupLimited(Probe.CgroupLimited p) {
          return text.get(yes ? Key.CHECK_CGROUP_LIMITED : Key.CHECK_CGROUP_NOT_LIMITED, p.name());
        }

        @Override
        public String spawn(Probe.Spawn p) {
          return text.get(yes ? Key.CHECK_SPAWN : Key.CHECK_SPAWN_NOT,
              p.text().replace("{*}", "…"));
        }
      });
    } catch (Exception e) {
      throw new IllegalStateException(e); // describing runs nothing
    }
  }

  private static int queues() throws IOException {
    return MsgQueue.parse(Files.readString(Path.of("/proc/sysvipc/msg"))).size();
  }
}
