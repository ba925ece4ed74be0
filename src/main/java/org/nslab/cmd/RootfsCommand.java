package org.nslab.cmd;

import static org.nslab.sys.Syscalls.MS_BIND;
import static org.nslab.sys.Syscalls.MS_NODEV;
import static org.nslab.sys.Syscalls.MS_NOEXEC;
import static org.nslab.sys.Syscalls.MS_NOSUID;
import static org.nslab.sys.Syscalls.MS_REC;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsKind;
import org.nslab.sys.Syscalls;
import org.nslab.text.Key;

/**
 * rootfs and pivot_root: give the lab task (and its children) a new root filesystem, as a
 * container runtime does before it starts the entry point.
 */
final class RootfsCommand implements Command {

  /** Device files a shell in the new root needs, bind-mounted from the host's /dev. */
  private static final List<String> DEVICES = List.of("null", "zero", "random", "urandom", "tty");

  private final boolean pivot;
  private final Spec spec;

  private RootfsCommand(boolean pivot, Spec spec) {
    this.pivot = pivot;
    this.spec = spec;
  }

  static RootfsCommand chroot() {
    return new RootfsCommand(
        false,
        new Spec(
            "rootfs",
            List.of("rootfs [--no-proc] DIR"),
            Key.CMD_ROOTFS,
            Key.CMD_ROOTFS_MORE,
            List.of(Opt.flag((char) 0, "no-proc", Key.OPT_ROOTFS_NO_PROC)),
            Complete.PATHS,
            1,
            1,
            false));
  }

  static RootfsCommand pivotRoot() {
    return new RootfsCommand(
        true,
        new Spec(
            "pivot_root",
            List.of("pivot_root [--no-proc] DIR"),
            Key.CMD_PIVOT_ROOT,
            Key.CMD_PIVOT_ROOT_MORE,
            List.of(Opt.flag((char) 0, "no-proc", Key.OPT_ROOTFS_NO_PROC)),
            Complete.PATHS,
            1,
            1,
            false));
  }

  @Override
  public Spec spec() {
    return spec;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    if (session.inOrigin(NsKind.MNT)) {
      throw new CommandException(pivot ? Key.PIVOT_ROOT_REFUSED : Key.ROOTFS_REFUSED);
    }
    String dir = args.positional(0);
    boolean proc = !args.has("no-proc");
    String root =
        session.task().call(() -> {
          Path real = Path.of(dir).toRealPath();
          if (!Files.isDirectory(real) || !Files.exists(real.resolve("bin"))) {
            throw new CommandException(Key.ROOTFS_NO_BIN, dir);
          }
          String r = real.toString();
          if (pivot) {
            // pivot_root wants a mount point: the bind mount of DIR onto itself is one.
            Syscalls.mount(r, r, null, MS_BIND | MS_REC, null,
                "\"" + r + "\", \"" + r + "\", NULL, MS_BIND|MS_REC, NULL");
          }
          bindDevices(r);
          if (pivot) {
            Syscalls.mkdirs(r + "/.oldroot");
            Syscalls.chdir(r);
            Syscalls.pivotRoot(".", ".oldroot");
            Syscalls.umount2("/.oldroot", Syscalls.MNT_DETACH);
            Syscalls.rmdir("/.oldroot");
          } else {
            Syscalls.chroot(r);
          }
          Syscalls.chdir("/");
          if (proc) {
            Syscalls.mkdirs("/proc");
            Syscalls.mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, null,
                "\"proc\", \"/proc\", \"proc\", MS_NOSUID|MS_NODEV|MS_NOEXEC, NULL");
          }
          return r;
        });
    session.out().println(
        session.text().get(pivot ? Key.NOTE_ROOTFS_PIVOT : Key.NOTE_ROOTFS_CHROOT, root)
            + session.paint(Paint.Tone.DIM,
                "  (in mnt " + session.task().namespace(NsFile.MNT).inode() + ")"));
    if (proc) {
      boolean newPid = !java.util.Objects.equals(
          session.task().namespace(NsFile.PID), session.task().namespace(NsFile.PID_FOR_CHILDREN));
      // Said plainly, "mounted proc on /proc" is a result, as mount says it; the note is not.
      session.out().println(session.paint(Paint.Tone.DIM, newPid
          ? session.text().get(Key.NOTE_ROOTFS_PROC_OUTER_PID) : "mounted proc on /proc"));
    }
    return 0;
  }

  /** Bind-mounts the host's device files into ROOT/dev, creating the files to mount on. */
  private static void bindDevices(String root) throws Exception {
    Syscalls.mkdirs(root + "/dev");
    for (String d : DEVICES) {
      Path host = Path.of("/dev", d);
      Path target = Path.of(root, "dev", d);
      if (!Files.exists(host)) {
        continue;
      }
      if (!Files.exists(target)) {
        Files.createFile(target);
      }
      Syscalls.mount(host.toString(), target.toString(), null, MS_BIND, null,
          "\"" + host + "\", \"" + target + "\", NULL, MS_BIND, NULL");
    }
  }
}
