package org.nslab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.nslab.cmd.Interpreter;
import org.nslab.cmd.Session;
import org.nslab.cmd.Words;
import org.nslab.ns.MountInfo;
import org.nslab.ns.MsgQueue;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsKind;
import org.nslab.sys.Syscalls;

/**
 * Evaluates the checks of a lab against a live session. "Inside" is the lab task; "outside"
 * is the thread that runs the checks, which never moves: the machine, or the grader's sandbox.
 */
final class Checks {
  private final Session session;
  private final Interpreter interpreter;

  Checks(Session session, Interpreter interpreter) {
    this.session = session;
    this.interpreter = interpreter;
  }

  /**
   * Whether a "spawn ... prints" check may start a child when that child would become PID 1
   * of a new PID namespace. Grading tries checks between a student's commands, and such a
   * child would take PID 1 from the student's next spawn (and kill the namespace on exit).
   */
  private boolean mayStartPid1 = true;

  void mayStartPid1(boolean may) {
    mayStartPid1 = may;
  }

  /** True when the check holds (its "not" already applied). */
  boolean holds(Check check) throws Exception {
    return evaluate(check.expression()) != check.negated();
  }

  private boolean evaluate(String expression) throws Exception {
    List<String> w = Words.split(expression);
    boolean outside = w.get(0).equals("outside");
    List<String> rest = outside ? w.subList(1, w.size()) : w;
    String what = rest.get(0);
    switch (what) {
      case "ns" -> {
        // ns KIND changed
        NsFile file = NsFile.changedBy(NsKind.parse(rest.get(1)));
        return !Objects.equals(session.task().namespace(file), session.origin().get(file));
      }
      case "hostname" -> {
        // hostname is NAME, or hostname is not NAME
        boolean not = rest.size() > 3 && rest.get(2).equals("not");
        String name = rest.get(not ? 3 : 2);
        String now = outside ? Syscalls.gethostname() : session.task().call(Syscalls::gethostname);
        return now.equals(name) != not;
      }
      case "mounted" -> {
        String path = rest.get(1);
        String info = outside
            ? Files.readString(Path.of("/proc/thread-self/mountinfo"))
            : session.task().mountinfo();
        return MountInfo.parse(info).stream().anyMatch(m -> m.target().equals(path));
      }
      case "file" -> {
        Path path = Path.of(rest.get(1));
        return outside ? Files.exists(path) : session.task().call(() -> Files.exists(path));
      }
      case "queues" -> {
        int n = Integer.parseInt(rest.get(1));
        return (outside ? queues() : session.task().call(Checks::queues)) == n;
      }
      case "spawn" -> {
        // spawn ARGS... prints TEXT: the last "prints" splits command and text.
        int at = expression.lastIndexOf(" prints ");
        String command = expression.substring(0, at).trim();
        String text = expression.substring(at + " prints ".length()).trim();
        if (!mayStartPid1 && !command.contains("--ns") && session.pid1Pending()) {
          return false; // not yet: the student's own next child is to be PID 1
        }
        // The check's own output, on either stream, belongs to no command of the student's.
        String printed = session.capture(() -> interpreter.execute(session, command)).strip();
        OutputMatcher m = new OutputMatcher(java.util.Map.of());
        return m.match(List.of(new Expected(0, text)), List.of(printed)) == null;
      }
      default -> throw new IllegalArgumentException("unknown check: " + expression);
    }
  }

  private static int queues() throws IOException {
    return MsgQueue.parse(Files.readString(Path.of("/proc/sysvipc/msg"))).size();
  }
}
