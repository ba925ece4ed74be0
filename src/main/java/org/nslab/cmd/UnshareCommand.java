package org.nslab.cmd;

import static org.nslab.sys.Syscalls.MS_PRIVATE;
import static org.nslab.sys.Syscalls.MS_REC;
import static org.nslab.sys.Syscalls.MS_SHARED;
import static org.nslab.sys.Syscalls.MS_SLAVE;

import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsKind;
import org.nslab.ns.NsSnapshot;
import org.nslab.ns.NsWordException;
import org.nslab.ns.TimeOffsets;
import org.nslab.sys.LabTask;
import org.nslab.sys.SyscallException;
import org.nslab.sys.Syscalls;
import org.nslab.text.Key;

/** unshare: move the lab task into new namespaces with unshare(2), in this process. */
final class UnshareCommand implements Command {

  private static final Spec SPEC =
      new Spec(
          "unshare",
          List.of(
              "unshare [--propagation MODE] KIND[,KIND...]",
              "unshare time[,KIND...] [--boottime SECS] [--monotonic SECS]"),
          Key.CMD_UNSHARE,
          Key.CMD_UNSHARE_MORE,
          List.of(
              Opt.value(
                  'p',
                  "propagation",
                  "MODE",
                  Key.OPT_UNSHARE_PROPAGATION),
              Opt.value((char) 0, "boottime", "SECS", Key.OPT_UNSHARE_BOOTTIME),
              Opt.value((char) 0, "monotonic", "SECS", Key.OPT_UNSHARE_MONOTONIC)),
          Complete.KINDS,
          1,
          1,
          false).withTextArgs(NsKind.validList());

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    Set<NsKind> kinds = NsKind.parseList(args.positional(0));
    TimeOffsets offsets = TimeOffsets.parse(args.value("monotonic"), args.value("boottime"));
    if (!offsets.isEmpty()) {
      if (!kinds.contains(NsKind.TIME)) {
        throw new UsageException(Key.UNSHARE_OFFSETS_NEED_TIME);
      }
      checkOffsets(session, offsets);
    }
    long propagation = propagation(args.value("propagation"));
    PrintWriter out = session.out();
    NsSnapshot before = session.task().namespaces();
    java.util.concurrent.Callable<SyscallException> unshare =
        () -> session.task().call(() -> unshareHere(session, kinds, propagation, offsets, before));
    // In a grading sandbox nslab's own cgroup is the grader's: a new cgroup namespace's root is
    // to be the leaf the submission's children start in, as it is nslab's own cgroup elsewhere.
    SyscallException notWritten = kinds.contains(NsKind.CGROUP)
        ? org.nslab.sys.Cgroups.inLeaf(unshare) : unshare.call();
    if (kinds.contains(NsKind.PID)) {
      session.forgetPid1();
    }
    NsSnapshot after = session.task().namespaces();
    printChanges(session, kinds, before, after, propagation);
    if (kinds.contains(NsKind.TIME)) {
      printTime(session, notWritten == null && !offsets.isEmpty() ? offsets : null);
    }
    if (notWritten != null) {
      throw new CommandException(Key.UNSHARE_OFFSETS_NOT_WRITTEN, notWritten);
    }
    return 0;
  }

  /** Each kind's id before and after, then what the new mnt or pid namespace means here. */
  private static void printChanges(Session session, Set<NsKind> kinds, NsSnapshot before,
      NsSnapshot after, long propagation) {
    PrintWriter out = session.out();
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
              note(session, session.text().get(
                  propagation == 0 ? Key.NOTE_MNT_UNCHANGED
                      : propagation == MS_PRIVATE ? Key.NOTE_MNT_PRIVATE
                      : propagation == MS_SHARED ? Key.NOTE_MNT_SHARED
                      : Key.NOTE_MNT_SLAVE))));
    }
    if (kinds.contains(NsKind.PID)) {
      out.println(
          session.paint(
              Paint.Tone.DIM,
              note(session,
                  session.text().get(Key.NOTE_PID_NEXT_CHILD, after.get(NsFile.PID).inode()))));
    }
  }

  /** nslab's own note, wrapped to the terminal (as it is when there is none). */
  private static String note(Session session, String note) {
    return Wrap.note(note, session.console().width());
  }

  /**
   * On the lab task: unshare(2), then what must follow at once (/ made private for mnt, the
   * time offsets). Returns the write's error rather than throwing it: by then the namespaces
   * have changed, and the caller shows them before the error.
   */
  private static SyscallException unshareHere(
      Session session, Set<NsKind> kinds, long propagation, TimeOffsets offsets,
      NsSnapshot before) throws SyscallException {
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
    if (!offsets.isEmpty()) {
      // Right after the unshare, on the lab task: no child of its can have entered the new
      // namespace yet, so the kernel still takes offsets for it.
      try {
        session.task().writeTimeOffsets(offsets);
      } catch (SyscallException e) {
        return e;
      }
    }
    return null;
  }

  /**
   * Refuses offsets the kernel would refuse, before anything changes: once unshare(2) has run
   * there is no way back (setns into a time namespace needs a single-threaded caller).
   */
  static void checkOffsets(Session session, TimeOffsets offsets) throws Exception {
    if (!LabTask.spawnsAfterUnshareTime()) {
      throw new CommandException(Key.UNSHARE_TIME_NO_CHILD, System.getProperty("os.version"));
    }
    session.task().timeOffsets(); // the fd on /proc/TID: the error says why it is missing
    if (!session.task().hasCapSysTime()) {
      throw new CommandException(Key.UNSHARE_OFFSETS_NEED_CAP);
    }
    NsWordException why = offsets.rangeError(session.task().hostClockSeconds());
    if (why != null) {
      throw new CommandException(Key.UNSHARE_OFFSETS_ERANGE, new NsWords(why));
    }
  }

  /**
   * What the children's new time namespace holds, read back through the fd on /proc/TID, and
   * what that means. {@code written} is what nslab wrote to it, or null.
   */
  private static void printTime(Session session, TimeOffsets written) {
    String now;
    try {
      now = session.task().timeOffsets().describe();
    } catch (SyscallException | IllegalArgumentException e) {
      now = null; // Tolerated: no fd on /proc/TID (see LabTask.start); the ids say enough.
    }
    if (now != null) {
      session.out().println(session.paint(Paint.Tone.DIM, note(session, written == null
          ? session.text().get(Key.NOTE_TIME_COPIED, now)
          : session.text().get(Key.NOTE_TIME_WROTE,
              written.procText().strip().replace("\n", "\\n"),
              session.task().timensOffsetsPath(), now))));
    }
    session.out().println(
        session.paint(Paint.Tone.DIM, note(session, session.text().get(Key.NOTE_TIME_CHILDREN))));
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
        throw new UsageException(Key.UNSHARE_PROPAGATION_MODE, mode);
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
