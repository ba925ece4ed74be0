package org.nslab.cmd;

import java.util.List;
import java.util.Set;
import org.nslab.ns.NsKind;
import org.nslab.sys.NsPoint;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsSnapshot;
import org.nslab.sys.ExitStatus;
import org.nslab.sys.Spawner;

/** spawn: run a child in the lab task's namespaces, with the terminal, and wait for it. */
final class SpawnCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "spawn",
          List.of("spawn [--ns NAME|PID] PROGRAM [ARG...]"),
          "Run a program as a child of the lab task: it starts in the lab task's namespaces.",
          """
          The child gets the terminal; the nslab prompt returns when it exits, with its exit
          status. Ctrl-C goes to the child, never to nslab. Nothing is expanded: to use a
          shell's features, ask for one: spawn sh -c 'echo $$; ps'.
          After 'unshare pid' the first child is PID 1 of the new PID namespace. When it
          exits the namespace is dead, and the kernel starts no further process in it.
          When nslab's input is not a terminal, children read /dev/null and their output is
          copied to nslab's.
          --ns starts the child in a point kept with ns save, or in process PID's namespaces
          (all but user and time), and leaves the lab task where it was.""",
          List.of(Opt.value((char) 0, "ns", "NAME|PID", "start the child in these namespaces")),
          Complete.PROGRAMS,
          1,
          -1,
          true);

  @Override
  public Spec spec() {
    return SPEC;
  }

  /**
   * On the lab task: keep where it is, setns into the target, start the child, and setns
   * back, so the child alone ends up there.
   */
  private static Spawner.Child spawnIn(
      Session session, String target, List<String> argv, boolean terminal) throws Exception {
    NsPoint saved = session.points().get(target);
    NsPoint point =
        saved != null
            ? saved
            : target.chars().allMatch(Character::isDigit)
                ? NsPoint.ofProcess(NsCommand.parsePid(target), NsMove.joinable())
                : null;
    if (point == null) {
      throw new CommandException(
          "--ns " + target + ": neither a saved point (ns points lists them) nor a process id");
    }
    Set<NsKind> kinds = point.kinds();
    kinds.retainAll(NsMove.joinable());
    try (NsPoint here = session.task().save()) {
      // Without a PID 1 yet, pid_for_children cannot be opened, so it could not be restored.
      kinds.retainAll(here.kinds());
      try {
        for (NsKind k : NsPoint.ORDER) {
          if (kinds.contains(k)) {
            point.enter(k);
          }
        }
        return Spawner.spawn(
            argv, session.env(), terminal ? Spawner.Stdio.TERMINAL : Spawner.Stdio.CAPTURE);
      } finally {
        for (NsKind k : NsPoint.ORDER) {
          if (kinds.contains(k)) {
            here.enter(k);
          }
        }
      }
    } finally {
      if (saved == null) {
        point.close();
      }
    }
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    List<String> argv = List.copyOf(args.positionals());
    NsSnapshot ns = session.task().namespaces();
    NsId forChildren = ns.get(NsFile.PID_FOR_CHILDREN);
    // Right after unshare(CLONE_NEWPID) the kernel shows no pid_for_children link (ENOENT)
    // until the namespace has its PID 1: the first child to start.
    String target = args.value("ns");
    boolean becomesPid1 = target == null && forChildren == null && ns.get(NsFile.PID) != null;
    boolean known = forChildren != null && forChildren.equals(session.pidNamespace());
    if (target == null && known && session.pid1Status() != null) {
      throw new CommandException(
          "the PID namespace " + forChildren.inode() + " is dead: its PID 1 (host pid "
              + session.pid1HostPid() + ") ended with " + session.pid1Status()
              + ",\n  and the kernel starts no process in a PID namespace whose init has gone."
              + "\n  Run 'unshare pid' for a fresh one.");
    }
    Console console = session.console();
    boolean terminal = console.isTerminal();
    String name = argv.get(0);
    session.out().flush();
    session.err().flush();
    console.beforeChild();
    ExitStatus status;
    try {
      status =
          session
              .task()
              .call(
                  () -> {
                    Spawner.Child child =
                        target == null
                            ? Spawner.spawn(
                                argv,
                                session.env(),
                                terminal ? Spawner.Stdio.TERMINAL : Spawner.Stdio.CAPTURE)
                            : spawnIn(session, target, argv, terminal);
                    if (becomesPid1) {
                      NsId pidNs = session.task().namespace(NsFile.PID_FOR_CHILDREN);
                      session.pid1Started(pidNs, child.pid());
                      if (terminal) {
                        session.out().println(
                            session.paint(
                                Paint.Tone.DIM,
                                "[" + name + " is PID 1 of pid namespace "
                                    + (pidNs == null ? "?" : pidNs.inode()) + "; host pid "
                                    + child.pid() + "]"));
                        session.out().flush();
                      }
                    }
                    try {
                      return terminal
                          ? child.waitFor()
                          : child.pumpAndWait(session.out(), session.err());
                    } finally {
                      if (terminal) {
                        Spawner.reclaimTerminal();
                      }
                      if (session.reapsOrphans()) {
                        Spawner.reapExited();
                      }
                    }
                  });
    } finally {
      console.afterChild();
    }
    if (becomesPid1) {
      session.pid1Exited(status.toString());
    }
    if (terminal) {
      session.out().println(session.paint(Paint.Tone.DIM, "[" + name + ": " + status + "]"));
      if (becomesPid1) {
        session.out().println(
            session.paint(
                Paint.Tone.DIM,
                "[PID 1 has exited, so pid namespace " + session.pidNamespace().inode()
                    + " is dead; unshare pid makes a fresh one]"));
      }
    } else if (status.shellStatus() != 0) {
      session.err().println("spawn: " + name + ": " + status);
    }
    return status.shellStatus();
  }
}
