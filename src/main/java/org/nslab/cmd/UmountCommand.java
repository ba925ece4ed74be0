package org.nslab.cmd;

import java.util.List;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsKind;
import org.nslab.sys.Syscalls;

/** umount: unmount with umount2(2) in the lab task's mount namespace. */
final class UmountCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "umount",
          List.of("umount [-l] [--host] PATH"),
          "Unmount PATH in the lab task's mount namespace with umount2(2).",
          """
          After 'unshare mnt', unmounting changes only the lab task's copy of the mount table:
          'umount /proc' here leaves the host's /proc alone, and a spawned ps then fails as it
          would in a container without /proc. -l (MNT_DETACH) detaches the mount at once even
          while something uses it, and frees it once unused. Before 'unshare mnt' this would
          unmount the real host's filesystem, so nslab refuses unless --host is given.""",
          List.of(Opt.flag('l', "lazy", "detach now, clean up later (MNT_DETACH)"), Guard.HOST_OPTION),
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
    Guard.requireOwn(session, NsKind.MNT, args, "unmount " + path);
    int flags = args.has("lazy") ? Syscalls.MNT_DETACH : 0;
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
    return 0;
  }
}
