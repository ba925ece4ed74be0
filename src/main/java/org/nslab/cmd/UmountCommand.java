package org.nslab.cmd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nslab.ns.MountInfo;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsKind;
import org.nslab.sys.SyscallException;
import org.nslab.sys.Syscalls;
import org.nslab.text.Key;

/** umount: unmount with umount2(2) in the lab task's mount namespace. */
final class UmountCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "umount",
          List.of("umount [-l] [--host] PATH"),
          Key.CMD_UMOUNT,
          Key.CMD_UMOUNT_MORE,
          List.of(Opt.flag('l', "lazy", Key.OPT_UMOUNT_LAZY), Guard.HOST_OPTION),
          Complete.PATHS,
          1,
          1,
          false);

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    String path = args.positional(0);
    Guard.requireOwn(session, NsKind.MNT, args, session.text().get(Key.DOING_UNMOUNT, path));
    int flags = args.has("lazy") ? Syscalls.MNT_DETACH : 0;
    List<MountInfo> before = mounts(session);
    session.task().call(() -> {
      Syscalls.umount2(path, flags);
      return null;
    });
    session
        .out()
        .println(
            "unmounted " + path + (flags != 0 ? " (lazily)" : "")
                + session.paint(
                    Paint.Tone.DIM,
                    "  (in mnt " + session.task().namespace(NsFile.MNT).inode() + ")"));
    for (MountInfo under : uncovered(before, mounts(session))) {
      session.out().println(session.paint(Paint.Tone.WARN,
          Interpreter.note(session,
              session.text().get(Key.NOTE_UMOUNT_STACKED, under.fstype(), under.target(),
                  "umount" + (flags != 0 ? " -l " : " ") + under.target()))));
    }
    return 0;
  }

  /**
   * The lab task's mounts, or none if its mountinfo cannot be read: they only serve the note
   * about a stacked mount, and the unmount the user asked for does not depend on them.
   */
  private static List<MountInfo> mounts(Session session) {
    try {
      return MountInfo.parse(session.task().mountinfo());
    } catch (SyscallException e) {
      return List.of();
    }
  }

  /**
   * The mounts an unmount uncovered. A mount point holds a stack: mounting on a path that is
   * already a mount point puts the new mount on top, as a child of the one below, at the same
   * path (unshare --mount-proc and firejail mount their proc over the host's this way), and
   * umount2(2) takes off only the top one (with MNT_DETACH, also every mount below it in the
   * tree). So a removed mount whose parent is still there, at the same path, had that parent
   * under it: it shows again. Mount ids name mounts, so the path the user typed (relative,
   * through a symlink) does not matter.
   */
  static List<MountInfo> uncovered(List<MountInfo> before, List<MountInfo> after) {
    Map<Integer, MountInfo> left = new HashMap<>();
    for (MountInfo m : after) {
      left.put(m.id(), m);
    }
    List<MountInfo> shown = new ArrayList<>();
    for (MountInfo gone : before) {
      MountInfo parent = left.get(gone.parentId());
      if (!left.containsKey(gone.id()) && parent != null
          && parent.target().equals(gone.target()) && !shown.contains(parent)) {
        shown.add(parent);
      }
    }
    return shown;
  }
}
