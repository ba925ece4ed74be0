package org.nslab.cmd;

import static org.nslab.sys.Syscalls.MS_PRIVATE;
import static org.nslab.sys.Syscalls.MS_REC;
import static org.nslab.sys.Syscalls.MS_SHARED;
import static org.nslab.sys.Syscalls.MS_SLAVE;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsKind;
import org.nslab.ns.NsSnapshot;
import org.nslab.sys.Syscalls;

/** unshare: move the lab task into new namespaces with unshare(2), in this process. */
final class UnshareCommand implements Command {

  private static final Spec SPEC =
      new Spec(
          "unshare",
          List.of("unshare [--propagation MODE] KIND[,KIND...]"),
          "Move the lab task into new namespaces of the given kinds, and show the ids before"
              + " and after.",
          "Kinds: " + NsKind.validList() + ".\n"
              + """
              This is unshare(2) in the shell's own process: the lab task thread changes, and
              every child spawned afterwards inherits its namespaces. pid and time move only
              the children (see pid_for_children in ns self). A new mount namespace starts as
              a copy of the old one; nslab then makes / recursively private, as unshare(1)
              does, so mounts made here never leak back to the host.
              user cannot be unshared by a multi-threaded process such as a JVM; see spawn.""",
          List.of(
              Opt.value(
                  'p',
                  "propagation",
                  "MODE",
                  "for mnt: private (default), shared, slave or unchanged"),
              Opt.value((char) 0, "boottime", "SECS", "time offsets: see spawn --time"),
              Opt.value((char) 0, "monotonic", "SECS", "time offsets: see spawn --time")),
          Complete.KINDS,
          1,
          1,
          false);

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    Set<NsKind> kinds = NsKind.parseList(args.positional(0));
    if (args.has("boottime") || args.has("monotonic")) {
      // The kernel keeps the offsets file at /proc/PID/timens_offsets only, for the thread
      // group's leader: there is no way to write offsets for the lab task's thread.
      throw new CommandException(
          "time offsets cannot be set in-process: the kernel takes them only through"
              + " /proc/PID/timens_offsets, which acts on a process's first thread, never on"
              + " the lab task.\n  Use spawn --time --boottime SECS --monotonic SECS PROGRAM:"
              + " its single-threaded first step sets them.");
    }
    long propagation = propagation(args.value("propagation"));
    PrintWriter out = session.out();
    NsSnapshot before = session.task().namespaces();
    java.util.concurrent.Callable<Object> unshare = () -> session
        .task()
        .call(
            () -> {
              if (kinds.contains(NsKind.PID)
                  && !Objects.equals(before.get(NsFile.PID), before.get(NsFile.PID_FOR_CHILDREN))) {
                // The kernel refuses a second unshare(CLONE_NEWPID) until the thread's
                // children go to its own PID namespace again: point them back first.
                int fd = session.task().openNamespace(NsFile.PID);
                try {
                  Syscalls.setns(fd, NsKind.PID.cloneFlag(), "ns/pid, CLONE_NEWPID");
                } finally {
                  Syscalls.close(fd);
                }
              }
              Syscalls.unshare(NsKind.flags(kinds), NsKind.flagNames(kinds));
              if (kinds.contains(NsKind.MNT) && propagation != 0) {
                Syscalls.mount(
                    "none", "/", null, MS_REC | propagation, null,
                    "\"none\", \"/\", NULL, MS_REC|" + propagationName(propagation) + ", NULL");
              }
              return null;
            });
    if (kinds.contains(NsKind.CGROUP)) {
      // In a grading sandbox nslab's own cgroup is the grader's: the namespace's root is to be
      // the leaf the submission's children start in, as it is nslab's own cgroup elsewhere.
      org.nslab.sys.Cgroups.inLeaf(unshare);
    } else {
      unshare.call();
    }
    if (kinds.contains(NsKind.PID)) {
      session.forgetPid1();
    }
    NsSnapshot after = session.task().namespaces();
    for (NsKind k : kinds) {
      NsFile f = NsFile.changedBy(k);
      NsId was = before.get(f);
      NsId now = after.get(f);
      String line =
          String.format(
              "%-17s %s -> %s",
              f.fileName(),
              was == null ? "-" : was.inode(),
              now == null ? "(new)" : now.inode() + "  " + session.paint(Paint.Tone.CHANGED, "(new)"));
      out.println(line);
    }
    if (kinds.contains(NsKind.MNT)) {
      out.println(
          session.paint(
              Paint.Tone.DIM,
              propagation == 0
                  ? "mnt: propagation left unchanged: mounts may still propagate to and from"
                      + " the parent namespace"
                  : "mnt: / is now recursively " + propagationName(propagation)
                      .substring(3).toLowerCase(Locale.ROOT)
                      + (propagation == MS_PRIVATE
                          ? ": mounts made here stay here"
                          : "")));
    }
    if (kinds.contains(NsKind.PID)) {
      out.println(
          session.paint(
              Paint.Tone.DIM,
              "pid: the lab task itself stays in pid " + after.get(NsFile.PID).inode()
                  + "; the next spawned child becomes PID 1 of the new namespace (the kernel"
                  + " shows its id once PID 1 exists)"));
    }
    if (kinds.contains(NsKind.TIME)) {
      out.println(
          session.paint(
              Paint.Tone.DIM,
              "time: applies to children: the lab task's clocks stay as they are; the next"
                  + " spawned child starts in the new time namespace"));
    }
    return 0;
  }

  static long propagation(String mode) throws UsageException {
    if (mode == null) {
      return MS_PRIVATE;
    }
    switch (mode) {
      case "private":
        return MS_PRIVATE;
      case "shared":
        return MS_SHARED;
      case "slave":
        return MS_SLAVE;
      case "unchanged":
        return 0;
      default:
        throw new UsageException(
            "unsupported propagation mode '" + mode + "' (private, shared, slave, unchanged)");
    }
  }

  static String propagationName(long flag) {
    if (flag == MS_SHARED) {
      return "MS_SHARED";
    }
    if (flag == MS_SLAVE) {
      return "MS_SLAVE";
    }
    return "MS_PRIVATE";
  }
}
