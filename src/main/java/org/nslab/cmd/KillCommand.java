package org.nslab.cmd;

import java.util.List;
import org.nslab.sys.ExitStatus;
import org.nslab.sys.Syscalls;
import org.nslab.text.Key;

/** kill: send a signal with kill(2) to a job (%N) or a process. */
final class KillCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "kill",
          List.of("kill [-s SIGNAL] %JOB|PID"),
          Key.CMD_KILL,
          Key.CMD_KILL_MORE,
          List.of(Opt.value('s', "signal", "SIGNAL", Key.OPT_KILL_SIGNAL)),
          Complete.PIDS,
          1,
          1,
          false);

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    int sig = signal(args.has("signal") ? args.value("signal") : "TERM");
    String target = args.positional(0);
    int pid;
    Job job = null;
    if (target.startsWith("%")) {
      int n = NsCommand.parsePid(target.substring(1));
      job = session.jobs().stream().filter(j -> j.number == n).findFirst().orElse(null);
      if (job == null) {
        throw new CommandException("no job " + target + " (jobs lists them)");
      }
      pid = job.child.pid();
    } else {
      pid = NsCommand.parsePid(target);
    }
    Syscalls.kill(pid, sig);
    session.reapJobs();
    Thread.sleep(50); // give the kernel a moment before saying how it went
    session.reapJobs();
    if (job != null) {
      session.out().println(job.describe());
      if (job.ended == null && job.pid1 && sig != 9) {
        session.out().println(session.paint(Paint.Tone.DIM,
            "still running: a PID 1 without a handler for " + ExitStatus.signalName(sig)
                + " may ignore it; kill -s KILL " + target + " always works"));
      }
    }
    return 0;
  }

  static int signal(String text) throws UsageException {
    String name = text.toUpperCase(java.util.Locale.ROOT);
    if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
      return Integer.parseInt(name);
    }
    int sig = ExitStatus.signalNumber(name);
    if (sig > 0) {
      return sig;
    }
    throw new UsageException("unknown signal '" + text + "' (TERM, KILL, INT, HUP, ...)");
  }
}
