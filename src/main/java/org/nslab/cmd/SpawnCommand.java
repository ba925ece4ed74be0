package org.nslab.cmd;

import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nslab.sys.SyscallException;
import org.nslab.sys.Syscalls;
import org.nslab.ns.NsKind;
import org.nslab.sys.Cgroups;
import org.nslab.sys.NsPoint;
import org.nslab.sys.ProcFs;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsSnapshot;
import org.nslab.ns.NsWordException;
import org.nslab.ns.TimeOffsets;
import org.nslab.sys.ExitStatus;
import org.nslab.sys.Spawner;
import org.nslab.text.Key;
import org.nslab.text.Said;

/** spawn: run a child in the lab task's namespaces, with the terminal, and wait for it. */
final class SpawnCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "spawn",
          List.of(
              "spawn [--bg] [--ns NAME|PID] PROGRAM [ARG...]",
              "spawn --user [--map-root|--map INSIDE:OUTSIDE:COUNT] PROGRAM [ARG...]",
              "spawn --time [--boottime SECS] [--monotonic SECS] PROGRAM [ARG...]"),
          Key.CMD_SPAWN,
          Key.CMD_SPAWN_MORE,
          List.of(
              Opt.value((char) 0, "ns", "NAME|PID", Key.OPT_SPAWN_NS),
              Opt.flag((char) 0, "bg", Key.OPT_SPAWN_BG),
              Opt.flag((char) 0, "user", Key.OPT_SPAWN_USER),
              Opt.flag((char) 0, "map-root", Key.OPT_SPAWN_MAP_ROOT),
              Opt.value((char) 0, "map", "IN:OUT:N", Key.OPT_SPAWN_MAP),
              Opt.flag((char) 0, "time", Key.OPT_SPAWN_TIME),
              Opt.value((char) 0, "boottime", "SECS", Key.OPT_SPAWN_BOOTTIME),
              Opt.value((char) 0, "monotonic", "SECS", Key.OPT_SPAWN_MONOTONIC)),
          Complete.PROGRAMS,
          1,
          -1,
          true);

  @Override
  public Spec spec() {
    return SPEC;
  }

  /**
   * Puts util-linux unshare(1) in front of {@code argv} for --time and --user, and returns the
   * uid/gid map lines nslab must write for the child, or null.
   */
  private static String userMaps(Session session, Args args, List<String> argv)
      throws Exception {
    boolean time = args.has("time") || args.has("boottime") || args.has("monotonic");
    boolean user = args.has("user") || args.has("map-root") || args.has("map");
    if (!time && !user) {
      return null;
    }
    if (args.has("ns")) {
      throw new UsageException(Key.SPAWN_NS_ALONE);
    }
    List<String> prefix = new ArrayList<>(List.of("unshare"));
    if (time) {
      // Checked as unshare time --boottime checks them, before anything starts.
      TimeOffsets offsets = TimeOffsets.parse(args.value("monotonic"), args.value("boottime"));
      NsWordException why = offsets.rangeError(session.task().hostClockSeconds());
      if (why != null) {
        throw new CommandException(Key.SPAWN_OFFSETS_ERANGE, new NsWords(why));
      }
      // --fork: the program is unshare(1)'s child, so it starts inside the new namespace on
      // every kernel. A process that unshares enters its time namespace only at its next
      // exec on newer kernels (6.18 here), and not at all on others (Debian 12's 6.1: measured
      // by the VM check other-kernel); a child always starts in it. --kill-child: it ends
      // with unshare(1), the process nslab knows as the child.
      prefix.add("--time");
      prefix.add("--fork");
      prefix.add("--kill-child");
      offsets.offsets().forEach((clock, offset) -> {
        prefix.add("--" + clock.word());
        prefix.add(String.valueOf(offset.seconds()));
      });
    }
    String maps = null;
    if (user) {
      prefix.add("--user");
      if (args.has("map-root") && args.has("map")) {
        throw new UsageException(Key.SPAWN_MAP_ONE);
      }
      if (args.has("map-root")) {
        maps = "0 " + ProcFs.statusId("Uid") + " 1\n" + "0 " + ProcFs.statusId("Gid") + " 1\n";
      } else if (args.has("map")) {
        String[] f = args.value("map").split(":");
        if (f.length != 3) {
          throw new UsageException(Key.SPAWN_MAP_FORM);
        }
        String line = seconds(f[0], "INSIDE") + " " + seconds(f[1], "OUTSIDE") + " "
            + seconds(f[2], "COUNT") + "\n";
        maps = line + line;
      }
    }
    prefix.add("--");
    argv.addAll(0, prefix);
    explain(session, user, time, maps);
    return maps;
  }

  /**
   * Says what the child's first step does, and why nslab cannot do it itself: commentary, so
   * on stderr, where it does not mix with the program's own output in scripts and labs.
   */
  private static void explain(Session session, boolean user, boolean time, String maps) {
    if (user) {
      session.err().println(session.paint(Paint.Tone.DIM, maps == null
          ? session.text().get(Key.NOTE_SPAWN_USER_UNMAPPED)
          : session.text().get(Key.NOTE_SPAWN_USER_MAPPED, maps.split("\n")[0])));
      session.err().println(session.paint(Paint.Tone.DIM,
          "outside: uid=" + ProcFs.statusId("Uid") + " gid=" + ProcFs.statusId("Gid")));
    }
    if (time) {
      session.err().println(session.paint(Paint.Tone.DIM,
          session.text().get(Key.NOTE_SPAWN_TIME)));
    }
    session.err().flush();
  }

  private static long seconds(String text, String what) throws UsageException {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new UsageException(Key.NOT_WHOLE_NUMBER, what, text);
    }
  }

  /**
   * Starts the child with a pipe on its fd 3, where it waits: nslab puts it in its cgroup,
   * and, for --user, waits until it is in its new user namespace and writes its setgroups,
   * gid_map and uid_map. Then closing the pipe lets it exec the program.
   */
  private static Spawner.Child spawnHeld(
      Session session, List<String> argv, Spawner.Stdio stdio, String maps,
      List<FileChannel> cgroup) throws Exception {
    int[] pipe = Syscalls.pipe();
    Spawner.Child child;
    try {
      child = Spawner.spawn(argv, session.env(), stdio, pipe[0]);
    } catch (SyscallException e) {
      Syscalls.close(pipe[1]);
      if (cgroup != null) {
        Cgroups.close(cgroup);
      }
      throw e;
    } finally {
      Syscalls.close(pipe[0]);
    }
    try {
      if (cgroup != null) {
        Cgroups.join(cgroup, child.pid());
      }
      if (argv.get(0).equals("sh") && argv.get(2).equals(HOLD_FIRST)) {
        // In its cgroup before unshare(1) forks: the fork starts there too. The second hold,
        // if any, waits for the id maps.
        Syscalls.write(pipe[1], "\n");
      }
      if (maps != null) {
        writeMaps(child.pid(), maps);
      }
    } finally {
      Syscalls.close(pipe[1]); // the child's read returns: it execs the program
    }
    return child;
  }

  private static void writeMaps(int pid, String maps) throws Exception {
    String proc = ProcFs.Numbering.now().dir(pid);
    String ours = Syscalls.readlinkat(-100, "/proc/thread-self/ns/user");
    for (int i = 0; i < 5000; i++) {
      String theirs;
      try {
        theirs = Syscalls.readlinkat(-100, proc + "/ns/user");
      } catch (SyscallException e) {
        return; // it exited before unsharing; waiting on it will say how
      }
      if (!theirs.equals(ours)) {
        String[] lines = maps.split("\n");
        // An unprivileged gid_map is refused until setgroups is denied (since Linux 3.19).
        Syscalls.writeProcFile(proc + "/setgroups", "deny");
        Syscalls.writeProcFile(proc + "/gid_map", lines[1] + "\n");
        Syscalls.writeProcFile(proc + "/uid_map", lines[0] + "\n");
        return;
      }
      Thread.sleep(1);
    }
  }

  /**
   * On the lab task: keep where it is, setns into the target, start the child, and setns
   * back, so the child alone ends up there.
   */
  private static Spawner.Child spawnIn(
      Session session, String target, java.util.concurrent.Callable<Spawner.Child> spawn)
      throws Exception {
    NsPoint saved = session.points().get(target);
    NsPoint point =
        saved != null
            ? saved
            : target.chars().allMatch(Character::isDigit)
                ? NsPoint.ofProcess(NsCommand.parsePid(target), NsMove.joinable())
                : null;
    if (point == null) {
      throw new CommandException(Key.SPAWN_NS_NEITHER, target);
    }
    Set<NsKind> kinds = point.kinds();
    kinds.retainAll(NsMove.joinable());
    try {
      return session.task().within(point, kinds, spawn::call);
    } finally {
      if (saved == null) {
        point.close();
      }
    }
  }

  /**
   * posix_spawn reports a failed exec after the child was created. When that child was to be
   * PID 1, the namespace had its PID 1 for a moment, and lost it: it is dead now.
   */
  private static Exception failedPid1(Session session, boolean becomesPid1, SyscallException e) {
    NsId pidNs = session.task().namespace(NsFile.PID_FOR_CHILDREN);
    if (!becomesPid1 || pidNs == null) {
      return e;
    }
    session.pid1Started(pidNs, 0);
    session.pid1Exited(Said.of(Key.PID1_EXEC_FAILED));
    return new CommandException(Key.SPAWN_PID1_EXEC_FAILED, e, pidNs.inode());
  }

  /**
   * On the lab task: starts the child the way its options ask (held on fd 3 for a cgroup or
   * id maps, in another point's namespaces, or plainly), and records it when it is PID 1.
   */
  private static Spawner.Child start(
      Session session, List<String> argv, Spawner.Stdio stdio, boolean hold, String maps,
      List<FileChannel> cgroup, String target, boolean becomesPid1) throws Exception {
    Spawner.Child child;
    try {
      java.util.concurrent.Callable<Spawner.Child> spawn = hold
          ? () -> spawnHeld(session, argv, stdio, maps, cgroup)
          : () -> Spawner.spawn(argv, session.env(), stdio);
      child = target == null ? spawn.call() : spawnIn(session, target, spawn);
    } catch (SyscallException e) {
      throw failedPid1(session, becomesPid1, e);
    }
    if (becomesPid1) {
      session.pid1Started(session.task().namespace(NsFile.PID_FOR_CHILDREN), child.pid());
    }
    return child;
  }

  /** spawn --bg: start the child and return at once; jobs and kill see it afterwards. */
  private static int startJob(
      Session session, List<String> argv, Spawner.Stdio stdio, boolean hold, String maps,
      List<FileChannel> cgroup, String target, boolean becomesPid1) throws Exception {
    Spawner.Child child =
        session.task().call(
            () -> start(session, argv, stdio, hold, maps, cgroup, target, becomesPid1));
    int number = session.jobs().stream().mapToInt(j -> j.number).max().orElse(0) + 1;
    Job job = new Job(number, child, String.join(" ", argv), becomesPid1);
    session.jobs().add(job);
    session.out().println(
        "[" + job.number + "] " + child.pid()
            + (becomesPid1
                ? session.paint(Paint.Tone.DIM, "  " + session.text().get(
                    Key.NOTE_SPAWN_BG_PID1, session.pidNamespace().inode()))
                : ""));
    return 0;
  }

  /** The child waits on fd 3 until nslab has put it in its cgroup and written its id maps. */
  private static final int SIGINT = 2;
  private static final String HOLD = "read _ <&3; exec 3<&-; exec \"$@\"";
  /** The same, keeping fd 3 for a second hold after unshare(1); it reads one line. */
  private static final String HOLD_FIRST = "read _ <&3; exec \"$@\"";

  @Override
  public int run(Session session, Args args) throws Exception {
    session.reapJobs();
    List<String> argv = new ArrayList<>(args.positionals());
    String maps = userMaps(session, args, argv);
    String joined = args.has("ns") ? null : session.joinedCgroup();
    // Opened here, on the shell's thread: after pivot_root the lab task cannot reach them. In
    // a grading sandbox every child starts in the submission's leaf, below its limits.
    List<FileChannel> cgroup = joined != null ? session.cgroups().openProcs(joined)
        : Cgroups.openLeaf();
    boolean hold = maps != null || cgroup != null;
    if (hold) {
      hold(argv, maps != null, cgroup != null);
    }
    NsSnapshot ns = session.task().namespaces();
    NsId forChildren = ns.get(NsFile.PID_FOR_CHILDREN);
    // Right after unshare(CLONE_NEWPID) the kernel shows no pid_for_children link (ENOENT)
    // until the namespace has its PID 1: the first child to start.
    String target = args.value("ns");
    boolean becomesPid1 = target == null && forChildren == null && ns.get(NsFile.PID) != null;
    boolean background = args.has("bg");
    if (target == null) {
      refuseIfDead(session, forChildren);
    }
    Console console = session.console();
    boolean terminal = console.isTerminal() && !background;
    Spawner.Stdio stdio =
        background
            ? Spawner.Stdio.BACKGROUND
            : terminal ? Spawner.Stdio.TERMINAL : Spawner.Stdio.CAPTURE;
    if (background) {
      return startJob(session, argv, stdio, hold, maps, cgroup, target, becomesPid1);
    }
    String name = argv.get(0);
    session.out().flush();
    session.err().flush();
    console.beforeChild();
    Ended ended = null;
    try {
      ended = session.task().call(() -> startAndWait(session, argv, stdio, terminal, hold, maps,
          cgroup, target, becomesPid1));
    } finally {
      if (ended != null && terminal && !ended.status().exited()
          && ended.status().signal() == SIGINT) {
        console.childInterrupted();
      }
      console.afterChild();
    }
    sayEnded(session, name, ended, terminal, becomesPid1);
    return ended.status().shellStatus();
  }

  /**
   * Makes the first step after unshare(1), or the child itself, wait on fd 3 for nslab (its
   * cgroup, its id maps).
   */
  private static void hold(List<String> argv, boolean maps, boolean cgroup) {
    int at = argv.get(0).equals("unshare") ? argv.indexOf("--") + 1 : 0;
    if (cgroup && argv.subList(0, at).contains("--fork")) {
      // unshare(1) forks the program: it must be in the cgroup before it forks, so it waits
      // first, and the program after it waits for the id maps.
      if (maps) {
        argv.addAll(at, List.of("sh", "-c", HOLD, "nslab-hold"));
      }
      argv.addAll(0, List.of("sh", "-c", HOLD_FIRST, "nslab-hold"));
    } else {
      argv.addAll(at, List.of("sh", "-c", HOLD, "nslab-hold"));
    }
  }

  /** A child cannot start in a PID namespace whose PID 1 has ended: says so, before trying. */
  private static void refuseIfDead(Session session, NsId forChildren) throws CommandException {
    boolean known = forChildren != null && forChildren.equals(session.pidNamespace());
    if (known && session.pid1Status() != null) {
      throw session.pid1HostPid() == 0
          ? new CommandException(Key.SPAWN_PID_NS_DEAD, forChildren.inode(), session.pid1Status())
          : new CommandException(Key.SPAWN_PID_NS_DEAD_HOST_PID, forChildren.inode(),
              session.pid1Status(), session.pid1HostPid());
    }
  }

  /** How a foreground child ended, and whether what it left behind still held its pipes. */
  private record Ended(ExitStatus status, boolean held, int pid) {}

  /** On the lab task: starts the child and waits for it, with the terminal or through pipes. */
  private static Ended startAndWait(Session session, List<String> argv, Spawner.Stdio stdio,
      boolean terminal, boolean hold, String maps, List<FileChannel> cgroup, String target,
      boolean becomesPid1) throws Exception {
    Spawner.Child child = start(session, argv, stdio, hold, maps, cgroup, target, becomesPid1);
    try {
      if (terminal) {
        return new Ended(child.waitFor(), false, child.pid());
      }
      ExitStatus st = child.pumpAndWait(session.out(), session.err(),
          session.leftoversArePartOfCommand());
      return new Ended(st, child.pipesHeld(), child.pid());
    } finally {
      if (terminal) {
        Spawner.reclaimTerminal();
      }
      if (session.reapsOrphans()) {
        Spawner.reapExited();
      }
    }
  }

  /** Says how the child ended: on the terminal always, in a script only when it failed. */
  private static void sayEnded(Session session, String name, Ended ended, boolean terminal,
      boolean becomesPid1) {
    ExitStatus status = ended.status();
    if (becomesPid1) {
      session.pid1Exited(status.said());
    }
    if (terminal) {
      // Said once the child has ended: it held the terminal, and a line written while it ran
      // would land before or after its output as the two happened to race.
      if (becomesPid1) {
        session.out().println(session.paint(Paint.Tone.DIM, session.text().get(
            Key.NOTE_SPAWN_IS_PID1, name, session.pidNamespace().inode(), ended.pid())));
      }
      session.out().println(session.paint(Paint.Tone.DIM, "[" + name + ": " + status + "]"));
      if (becomesPid1) {
        session.out().println(
            session.paint(
                Paint.Tone.DIM,
                session.text().get(Key.NOTE_SPAWN_PID1_EXITED,
                    session.pidNamespace().inode())));
      }
    } else if (status.shellStatus() != 0) {
      session.err().println("spawn: " + name + ": " + status);
    }
    if (ended.held()) {
      session.err().println(session.text().get(Key.NOTE_SPAWN_NOT_WAITED, name));
    }
  }
}
