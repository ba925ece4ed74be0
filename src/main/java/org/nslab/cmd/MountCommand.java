package org.nslab.cmd;

import static org.nslab.sys.Syscalls.MS_BIND;
import static org.nslab.sys.Syscalls.MS_NOATIME;
import static org.nslab.sys.Syscalls.MS_NODEV;
import static org.nslab.sys.Syscalls.MS_NOEXEC;
import static org.nslab.sys.Syscalls.MS_NOSUID;
import static org.nslab.sys.Syscalls.MS_PRIVATE;
import static org.nslab.sys.Syscalls.MS_RDONLY;
import static org.nslab.sys.Syscalls.MS_REC;
import static org.nslab.sys.Syscalls.MS_RELATIME;
import static org.nslab.sys.Syscalls.MS_REMOUNT;
import static org.nslab.sys.Syscalls.MS_SHARED;
import static org.nslab.sys.Syscalls.MS_SLAVE;
import static org.nslab.sys.Syscalls.MS_UNBINDABLE;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nslab.ns.MountInfo;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsKind;
import org.nslab.sys.Syscalls;
import org.nslab.text.Key;

/** mount: list the lab task's mounts, or mount with mount(2) in its mount namespace. */
final class MountCommand implements Command {

  /** The -o words that are mount(2) flags; anything else goes to the filesystem as data. */
  private static final Map<String, Long> FLAG_WORDS =
      Map.of(
          "ro", MS_RDONLY,
          "rw", 0L,
          "nosuid", MS_NOSUID,
          "nodev", MS_NODEV,
          "noexec", MS_NOEXEC,
          "remount", MS_REMOUNT,
          "noatime", MS_NOATIME,
          "relatime", MS_RELATIME,
          "bind", MS_BIND);

  private static final String[][] PROPAGATIONS = {
    {"make-shared", "MS_SHARED"},
    {"make-slave", "MS_SLAVE"},
    {"make-private", "MS_PRIVATE"},
    {"make-unbindable", "MS_UNBINDABLE"},
    {"make-rshared", "MS_REC|MS_SHARED"},
    {"make-rslave", "MS_REC|MS_SLAVE"},
    {"make-rprivate", "MS_REC|MS_PRIVATE"},
    {"make-runbindable", "MS_REC|MS_UNBINDABLE"},
  };

  private static final Spec SPEC;

  static {
    List<Opt> opts = new ArrayList<>();
    opts.add(Opt.value('t', "types", "TYPE", Key.OPT_MOUNT_TYPES));
    opts.add(Opt.value('o', "options", "LIST", Key.OPT_MOUNT_OPTIONS));
    opts.add(Opt.flag('B', "bind", Key.OPT_MOUNT_BIND));
    opts.add(Opt.flag('R', "rbind", Key.OPT_MOUNT_RBIND));
    for (String[] p : PROPAGATIONS) {
      opts.add(Opt.flag((char) 0, p[0], Key.OPT_MOUNT_PROPAGATION, p[1]));
    }
    opts.add(Guard.HOST_OPTION);
    SPEC =
        new Spec(
            "mount",
            List.of(
                "mount",
                "mount [--host] -t TYPE [-o LIST] SOURCE TARGET",
                "mount [--host] --bind|--rbind SOURCE TARGET",
                "mount [--host] --make-rprivate|--make-private|... TARGET"),
            Key.CMD_MOUNT,
            Key.CMD_MOUNT_MORE,
            opts,
            Complete.PATHS,
            0,
            2,
            false);
  }

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    List<String> pos = args.positionals();
    String propagation = null;
    for (String[] p : PROPAGATIONS) {
      if (args.has(p[0])) {
        if (propagation != null) {
          throw new UsageException(Key.MOUNT_ONE_PROPAGATION);
        }
        propagation = p[0];
      }
    }
    boolean bind = args.has("bind") || args.has("rbind");
    if (pos.isEmpty() && propagation == null) {
      if (args.has("types") || args.has("options") || bind) {
        throw new UsageException(Key.MOUNT_MISSING_SOURCE_TARGET);
      }
      list(session);
      return 0;
    }
    if (propagation != null) {
      changePropagation(session, args, propagation);
      return 0;
    }
    if (pos.size() != 2) {
      throw new UsageException(Key.MOUNT_NEED_SOURCE_TARGET);
    }
    mount(session, args, pos.get(0), pos.get(1), bind);
    return 0;
  }

  /** mount --make-[r]private|shared|slave|unbindable TARGET. */
  private static void changePropagation(Session session, Args args, String propagation)
      throws Exception {
    List<String> pos = args.positionals();
    if (pos.size() != 1) {
      throw new UsageException(Key.MOUNT_ONE_TARGET, propagation);
    }
    Guard.requireOwn(session, NsKind.MNT, args,
        session.text().get(Key.DOING_CHANGE_PROPAGATION));
    String target = pos.get(0);
    long flags = propagationFlags(propagation);
    String shown = "NULL, \"" + target + "\", NULL, " + propagationName(propagation) + ", NULL";
    String real = session.task().call(() -> {
      Syscalls.mount(null, target, null, flags, null, shown);
      return java.nio.file.Path.of(target).toRealPath().toString();
    });
    String asked = propagation.substring(propagation.startsWith("make-r") ? 6 : 5);
    String now = propagationAt(session, real);
    session.out().println(Interpreter.note(session,
        session.text().get(Key.NOTE_PROPAGATION_NOW, target, now == null ? asked : now)
        + (propagation.startsWith("make-r") ? session.text().get(Key.NOTE_PROPAGATION_REC) : "")
        + ("slave".equals(asked) && "private".equals(now)
            ? session.text().get(Key.NOTE_PROPAGATION_NO_MASTER) : "")));
  }

  /**
   * What the lab task's mountinfo shows for the top mount at {@code target} (findmnt's
   * PROPAGATION words), or null if it cannot be read: the message then says what was asked.
   */
  static String propagationAt(Session session, String target) {
    MountInfo top = null;
    try {
      for (MountInfo m : MountInfo.parse(session.task().mountinfo())) {
        if (m.target().equals(target)) {
          top = m; // a stacked mount is listed after the one it covers
        }
      }
    } catch (org.nslab.sys.SyscallException e) {
      return null; // Tolerated: no mountinfo (no /proc); the change itself succeeded.
    }
    return top == null ? null : top.propagationName();
  }

  /** mount -t TYPE [-o LIST] SOURCE TARGET, or mount --bind|--rbind SOURCE TARGET. */
  private static void mount(Session session, Args args, String source, String target,
      boolean bind) throws Exception {
    long flags = 0;
    List<String> data = new ArrayList<>();
    if (args.has("options")) {
      for (String o : args.value("options").split(",")) {
        if (o.isEmpty()) {
          continue;
        }
        Long f = FLAG_WORDS.get(o);
        if (f != null) {
          flags |= f;
        } else {
          data.add(o);
        }
      }
    }
    String type = args.value("types");
    if (bind) {
      if (type != null) {
        throw new UsageException(Key.MOUNT_BIND_NO_TYPE);
      }
      flags |= MS_BIND | (args.has("rbind") ? MS_REC : 0);
    } else if (type == null) {
      throw new UsageException(Key.MOUNT_NEED_TYPE);
    }
    Guard.requireOwn(session, NsKind.MNT, args, session.text().get(Key.DOING_MOUNT));
    long mountFlags = flags;
    String dataText = data.isEmpty() ? null : String.join(",", data);
    String shown =
        quoted(source) + ", " + quoted(target) + ", " + quoted(type) + ", " + flagNames(mountFlags)
            + ", " + quoted(dataText);
    session.task().call(() -> {
      Syscalls.mount(source, target, type, mountFlags, dataText, shown);
      return null;
    });
    session.out().println(
        "mounted " + source + " on " + target + (bind ? " (bind)" : " type " + type)
            + session.paint(
                Paint.Tone.DIM,
                "  (in mnt " + session.task().namespace(NsFile.MNT).inode() + ")"));
  }

  private static void list(Session session) throws Exception {
    for (MountInfo m : MountInfo.parse(session.task().mountinfo())) {
      session.out().println(m.describe());
    }
  }

  private static long propagationFlags(String option) {
    long flags = option.startsWith("make-r") ? MS_REC : 0;
    if (option.endsWith("shared")) {
      return flags | MS_SHARED;
    }
    if (option.endsWith("slave")) {
      return flags | MS_SLAVE;
    }
    if (option.endsWith("unbindable")) {
      return flags | MS_UNBINDABLE;
    }
    return flags | MS_PRIVATE;
  }

  private static String propagationName(String option) {
    for (String[] p : PROPAGATIONS) {
      if (p[0].equals(option)) {
        return p[1];
      }
    }
    return option;
  }

  private static String quoted(String s) {
    return s == null ? "NULL" : '"' + s + '"';
  }

  static String flagNames(long flags) {
    List<String> names = new ArrayList<>();
    if ((flags & MS_BIND) != 0) {
      names.add("MS_BIND");
    }
    if ((flags & MS_REC) != 0) {
      names.add("MS_REC");
    }
    if ((flags & MS_RDONLY) != 0) {
      names.add("MS_RDONLY");
    }
    if ((flags & MS_NOSUID) != 0) {
      names.add("MS_NOSUID");
    }
    if ((flags & MS_NODEV) != 0) {
      names.add("MS_NODEV");
    }
    if ((flags & MS_NOEXEC) != 0) {
      names.add("MS_NOEXEC");
    }
    if ((flags & MS_REMOUNT) != 0) {
      names.add("MS_REMOUNT");
    }
    return names.isEmpty() ? "0" : String.join("|", names);
  }
}
