package org.nslab.sys;

import java.util.List;

/**
 * What a failed call teaches: one row per (syscall, errno), optionally narrowed by a word in
 * the call's arguments. The first matching row wins, so narrow rows come first.
 */
final class Lessons {
  private Lessons() {}

  private record Lesson(String syscall, String errno, String argWord, String text) {}

  private static final String NEEDS_ROOT =
      "this needs CAP_SYS_ADMIN: run nslab as root (sudo scripts/nslab), or inside a user"
          + " namespace (unshare --user --map-root-user scripts/nslab)";

  private static final List<Lesson> TABLE =
      List.of(
          new Lesson(
              "unshare",
              "EINVAL",
              "CLONE_NEWUSER",
              "the kernel makes a new user namespace only for a single-threaded process, and a"
                  + " JVM always runs many threads. Let a child make it: spawn unshare --user"
                  + " --map-root-user sh, or start nslab inside one: unshare --user"
                  + " --map-root-user scripts/nslab"),
          new Lesson(
              "unshare",
              "EINVAL",
              "CLONE_NEWPID",
              "this thread's children already go to a new PID namespace; a thread may unshare"
                  + " pid again only once it is back in the namespace it runs in"),
          new Lesson("unshare", "EPERM", null, NEEDS_ROOT),
          new Lesson(
              "unshare",
              "ENOSPC",
              null,
              "the limit on namespaces of this kind is reached (see /proc/sys/user/max_*_namespaces)"),
          new Lesson(
              "unshare",
              "EINVAL",
              null,
              "this kernel does not support one of these kinds (see ls /proc/thread-self/ns)"),
          new Lesson(
              "setns",
              "EINVAL",
              null,
              "the file is not a namespace of that kind, or the kernel refuses the move"
                  + " (a multi-threaded process cannot join a user namespace)"),
          new Lesson("setns", "EPERM", null, NEEDS_ROOT),
          new Lesson(
              "setns",
              "EUSERS",
              null,
              "a process may join a time namespace only while it has a single thread, and a"
                  + " JVM never has: let a child join it (nsenter --time=FILE in a spawn)"),
          new Lesson(
              "write",
              "EACCES",
              "timens_offsets",
              "a time namespace's offsets are frozen once a process has entered it (the first"
                  + " child spawned after unshare time): unshare time again makes a fresh one,"
                  + " whose offsets can be set until its first child starts"),
          new Lesson(
              "write",
              "EPERM",
              "timens_offsets",
              "time offsets need CAP_SYS_TIME in the user namespace that owns the time"
                  + " namespace (the one its maker was in)"),
          new Lesson(
              "write",
              "ERANGE",
              "timens_offsets",
              "with its offset, a clock may read neither below 0 nor beyond KTIME_SEC_MAX / 2"
                  + " (4611686018 s): a negative offset may not take it back past the host's"
                  + " reading of 0"),
          new Lesson(
              "write",
              "EINVAL",
              "timens_offsets",
              "the kernel takes lines 'CLOCK SECONDS NANOSECONDS' for monotonic and boottime"
                  + " only, in one write of less than a page from the start of the file"),
          new Lesson(
              "sethostname",
              "EPERM",
              null,
              "changing the hostname needs CAP_SYS_ADMIN in the user namespace that owns the"
                  + " UTS namespace: run as root"),
          new Lesson(
              "sethostname", "EINVAL", null, "a hostname is at most 64 bytes (HOST_NAME_MAX)"),
          new Lesson("mount", "EPERM", null, NEEDS_ROOT),
          new Lesson(
              "mount",
              "ENOENT",
              null,
              "the mount point (or the source of a bind mount) does not exist: create it first,"
                  + " for example spawn mkdir -p DIR"),
          new Lesson(
              "mount",
              "ENODEV",
              null,
              "the kernel does not know this filesystem type (see /proc/filesystems)"),
          new Lesson(
              "mount",
              "ENOTDIR",
              null,
              "a directory can only be mounted on a directory, a file on a file"),
          new Lesson(
              "mount",
              "EINVAL",
              "MS_REC|MS_",
              "propagation can only be changed on a mount point: is the path mounted?"),
          new Lesson(
              "mount",
              "EINVAL",
              null,
              "the kernel rejected this combination: is the target a mount point, do the options"
                  + " fit the filesystem, and is a bind source inside this mount namespace?"),
          new Lesson(
              "mount",
              "EBUSY",
              null,
              "the target is busy: something is already mounted there in a way that blocks this"),
          new Lesson(
              "umount2",
              "EBUSY",
              null,
              "the filesystem is in use (an open file, a process's working directory, or a mount"
                  + " below it); umount -l PATH detaches it now and frees it once unused"),
          new Lesson(
              "umount2",
              "EINVAL",
              null,
              "the path is not a mount point, or the mount is locked because it was inherited"
                  + " from a more privileged mount namespace"),
          new Lesson("umount2", "ENOENT", null, "there is no such path in this mount namespace"),
          new Lesson("umount2", "EPERM", null, NEEDS_ROOT),
          new Lesson(
              "posix_spawn",
              "ENOMEM",
              null,
              "the kernel refuses new processes in a PID namespace whose PID 1 has exited:"
                  + " the namespace is dead. Run unshare pid again to get a fresh one"),
          new Lesson(
              "posix_spawn",
              "EINVAL",
              null,
              "older kernels refuse clone() with CLONE_VM, which posix_spawn uses, while"
                  + " time_for_children differs from time (after unshare time)"),
          new Lesson(
              "posix_spawn",
              "ENOENT",
              "\"unshare\"",
              "spawn --user and --time start util-linux unshare(1) as the child's first step:"
                  + " install util-linux"),
          new Lesson(
              "posix_spawn",
              "ENOENT",
              null,
              "no such program in PATH of this mount namespace (is it mounted? is PATH right?)"),
          new Lesson("posix_spawn", "EACCES", null, "the file is not executable"),
          new Lesson(
              "open",
              "ENOENT",
              "/proc/thread-self",
              "nslab reads its namespaces through /proc, and there is none here (or it shows"
                  + " another PID namespace in which this process does not exist): mount one"
                  + " first, as in unshare --pid --fork --mount-proc"),
          new Lesson(
              "open",
              "ENOENT",
              "/proc/",
              "no such process (or /proc is not mounted in this mount namespace:"
                  + " mount -t proc proc /proc)"),
          new Lesson("open", "ENOENT", null, "there is no such file"),
          new Lesson(
              "open",
              "EACCES",
              "/ns/",
              "the kernel lets a process open another's namespaces only with ptrace access to"
                  + " it (root, or the same user, and the process not protected)"),
          new Lesson(
              "readlinkat",
              "ENOENT",
              null,
              "the process or namespace file is gone (it may have exited)"),
          new Lesson("kill", "ESRCH", null, "no such process"),
          new Lesson(
              "pivot_root",
              "EINVAL",
              null,
              "the new root must be a mount point, not the current root, and neither it nor its"
                  + " parent may have shared propagation"),
          new Lesson(
              "pivot_root",
              "EBUSY",
              null,
              "the new root or the place for the old one is already the root or busy"),
          new Lesson(
              "msgctl",
              "EINVAL",
              null,
              "no queue has that id in this IPC namespace (ipcs -q lists the ones here)"),
          new Lesson(
              "msgget",
              "ENOSPC",
              null,
              "this IPC namespace has as many queues as it may (/proc/sys/kernel/msgmni)"));

  /** The lesson for a failed call, or null if the table has none. */
  static String lookup(String syscall, String errnoName, String args) {
    for (Lesson l : TABLE) {
      if (l.syscall.equals(syscall)
          && l.errno.equals(errnoName)
          && (l.argWord == null || (args != null && args.contains(l.argWord)))) {
        return l.text;
      }
    }
    return null;
  }
}
