package org.nslab.cmd;

import java.util.List;
import org.nslab.sys.ExitStatus;
import org.nslab.sys.ProcFs;
import org.nslab.sys.Spawner;
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
      session.reapJobs();
      job = session.jobs().stream().filter(j -> j.number == n).findFirst().orElse(null);
      if (job == null) {
        throw new CommandException(Key.KILL_NO_JOB, target);
      }
      if (job.ended != null) {
        // Its pid was freed when it was reaped, and may be another process's by now.
        throw new CommandException(Key.KILL_ENDED, target, job.ended.toString());
      }
      pid = job.child.pid();
    } else {
      pid = NsCommand.parsePid(target);
    }
    // What the kernel will do with the signal, from the target's own dispositions, read
    // before it is sent: so that what is said next does not depend on how fast it ends.
    Fate fate = job == null || job.ended != null ? Fate.UNKNOWN : fate(sig, job.pid1, pid);
    Syscalls.kill(pid, sig);
    if (fate == Fate.ENDS) {
      // It will end: wait for that (bounded only so that a process stuck in the kernel, in
      // uninterruptible sleep, cannot hang the shell), then say how it ended.
      Spawner.Child child = job.child;
      session.task().call(() -> {
        long until = System.nanoTime() + ENDS_WITHIN_MS * 1_000_000;
        while (child.poll() == null && System.nanoTime() < until) {
          Thread.sleep(1);
        }
        return null;
      });
    }
    session.reapJobs();
    if (job != null) {
      session.out().println(job.describe());
      if (fate == Fate.DROPPED && job.ended == null) {
        session.out().println(session.paint(Paint.Tone.DIM, session.text().get(
            Key.KILL_DROPPED, ExitStatus.signalName(sig), target)));
      }
    }
    return 0;
  }

  /** What signal sig does to a job: ends it, is dropped by the kernel, or is up to it. */
  enum Fate {
    ENDS,
    DROPPED,
    UNKNOWN
  }

  /** How long a job the signal ends may take to end before kill says how it is. */
  private static final long ENDS_WITHIN_MS = 10_000;

  /** Signals whose default action is not to end the process: CHLD, CONT, the stops, URG, WINCH. */
  private static final java.util.Set<Integer> NOT_FATAL = java.util.Set.of(17, 18, 19, 20, 21,
      22, 23, 28);

  private static Fate fate(int sig, boolean pid1, int pid) {
    long caught;
    long ignored;
    long blocked;
    try {
      String dir = ProcFs.Numbering.now().dir(pid);
      java.util.Map<String, Long> masks = new java.util.HashMap<>();
      for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of(dir, "status"))) {
        int colon = l.indexOf(':');
        if (colon > 0 && java.util.Set.of("SigCgt", "SigIgn", "SigBlk").contains(
            l.substring(0, colon))) {
          masks.put(l.substring(0, colon), Long.parseUnsignedLong(l.substring(colon + 1).trim(),
              16));
        }
      }
      caught = masks.getOrDefault("SigCgt", 0L);
      ignored = masks.getOrDefault("SigIgn", 0L);
      blocked = masks.getOrDefault("SigBlk", 0L);
    } catch (Exception e) {
      return sig == 9 ? Fate.ENDS : Fate.UNKNOWN; // its /proc cannot be read: only KILL is sure
    }
    return fate(sig, pid1, caught, ignored, blocked);
  }

  /**
   * The kernel's rules, from the target's signal masks in /proc/PID/status: KILL always ends
   * it (sent from the parent namespace, even to a PID 1); a signal caught or blocked is up to
   * the process; a PID 1 drops every other signal it has no handler for (STOP aside); an
   * ignored one does nothing; else the default action ends it, for all signals but those in
   * {@link #NOT_FATAL}.
   */
  static Fate fate(int sig, boolean pid1, long caught, long ignored, long blocked) {
    if (sig == 9) {
      return Fate.ENDS;
    }
    if (sig <= 0 || sig > 64) {
      return Fate.UNKNOWN;
    }
    long bit = 1L << (sig - 1);
    if ((caught & bit) != 0 || (blocked & bit) != 0) {
      return Fate.UNKNOWN;
    }
    if (pid1) {
      return sig == 19 ? Fate.UNKNOWN : Fate.DROPPED;
    }
    if ((ignored & bit) != 0 || NOT_FATAL.contains(sig)) {
      return Fate.UNKNOWN;
    }
    return Fate.ENDS;
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
    throw new UsageException(Key.KILL_UNKNOWN_SIGNAL, text);
  }
}
