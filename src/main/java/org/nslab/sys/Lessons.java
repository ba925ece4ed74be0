package org.nslab.sys;

import java.util.List;
import org.nslab.text.Key;

/**
 * What a failed call teaches: one row per (syscall, errno), optionally narrowed by a word in
 * the call's arguments. The first matching row wins, so narrow rows come first. The words are
 * in the message catalogues (lesson.* keys), one per language. Each row is provoked from the
 * real kernel and its words checked in LessonsKernelTest, or says here why it cannot be.
 */
final class Lessons {
  private Lessons() {}

  private record Lesson(String syscall, String errno, String argWord, Key text) {}

  private static final List<Lesson> TABLE =
      List.of(
          new Lesson("unshare", "EINVAL", "CLONE_NEWUSER", Key.LESSON_UNSHARE_EINVAL_USER),
          new Lesson("unshare", "EINVAL", "CLONE_NEWPID", Key.LESSON_UNSHARE_EINVAL_PID),
          new Lesson("unshare", "EPERM", null, Key.LESSON_NEEDS_ROOT),
          new Lesson("unshare", "ENOSPC", null, Key.LESSON_UNSHARE_ENOSPC),
          // Not provoked here: every kind is built into this kernel. From the kernel's stubs
          // (copy_utsname and the others return EINVAL when CONFIG_*_NS is off).
          new Lesson("unshare", "EINVAL", null, Key.LESSON_UNSHARE_EINVAL),
          new Lesson("setns", "EINVAL", null, Key.LESSON_SETNS_EINVAL),
          new Lesson("setns", "EPERM", null, Key.LESSON_NEEDS_ROOT),
          new Lesson("setns", "EUSERS", null, Key.LESSON_SETNS_EUSERS),
          new Lesson("write", "EACCES", "timens_offsets", Key.LESSON_TIMENS_EACCES),
          new Lesson("write", "EPERM", "timens_offsets", Key.LESSON_TIMENS_EPERM),
          new Lesson("write", "ERANGE", "timens_offsets", Key.LESSON_TIMENS_ERANGE),
          new Lesson("write", "EINVAL", "timens_offsets", Key.LESSON_TIMENS_EINVAL),
          new Lesson("sethostname", "EPERM", null, Key.LESSON_SETHOSTNAME_EPERM),
          new Lesson("sethostname", "EINVAL", null, Key.LESSON_SETHOSTNAME_EINVAL),
          new Lesson("mount", "EPERM", null, Key.LESSON_NEEDS_ROOT),
          new Lesson("mount", "ENOENT", null, Key.LESSON_MOUNT_ENOENT),
          new Lesson("mount", "ENODEV", null, Key.LESSON_MOUNT_ENODEV),
          new Lesson("mount", "ENOTDIR", null, Key.LESSON_MOUNT_ENOTDIR),
          new Lesson("mount", "EINVAL", "MS_REC|MS_", Key.LESSON_MOUNT_EINVAL_PROPAGATION),
          new Lesson("mount", "EINVAL", null, Key.LESSON_MOUNT_EINVAL),
          new Lesson("mount", "EBUSY", null, Key.LESSON_MOUNT_EBUSY),
          new Lesson("umount2", "EBUSY", null, Key.LESSON_UMOUNT_EBUSY),
          new Lesson("umount2", "EINVAL", null, Key.LESSON_UMOUNT_EINVAL),
          new Lesson("umount2", "ENOENT", null, Key.LESSON_UMOUNT_ENOENT),
          new Lesson("umount2", "EPERM", null, Key.LESSON_NEEDS_ROOT),
          new Lesson("posix_spawn", "ENOMEM", null, Key.LESSON_SPAWN_ENOMEM),
          // Not provoked here: 6.18 starts the child. Debian 12's 6.1 refuses (scripts/vmtest's
          // other-kernel check, where nslab says so before it tries).
          new Lesson("posix_spawn", "EINVAL", null, Key.LESSON_SPAWN_EINVAL),
          new Lesson("posix_spawn", "ENOENT", "\"unshare\"", Key.LESSON_SPAWN_ENOENT_UNSHARE),
          // A name with a slash is a path: PATH is not searched for it.
          new Lesson("posix_spawn", "ENOENT", "/", Key.LESSON_SPAWN_ENOENT_PATH),
          new Lesson("posix_spawn", "ENOENT", null, Key.LESSON_SPAWN_ENOENT),
          new Lesson("posix_spawn", "EACCES", null, Key.LESSON_SPAWN_EACCES),
          new Lesson("open", "ENOENT", "/proc/thread-self", Key.LESSON_OPEN_ENOENT_THREAD_SELF),
          new Lesson("open", "ENOENT", "/proc/", Key.LESSON_OPEN_ENOENT_PROC),
          new Lesson("open", "ENOENT", null, Key.LESSON_OPEN_ENOENT),
          new Lesson("open", "EACCES", "/ns/", Key.LESSON_OPEN_EACCES_NS),
          new Lesson("readlinkat", "ENOENT", null, Key.LESSON_READLINKAT_ENOENT),
          new Lesson("kill", "ESRCH", null, Key.LESSON_KILL_ESRCH),
          new Lesson("pivot_root", "EINVAL", null, Key.LESSON_PIVOT_ROOT_EINVAL),
          new Lesson("pivot_root", "EBUSY", null, Key.LESSON_PIVOT_ROOT_EBUSY),
          new Lesson("msgctl", "EINVAL", null, Key.LESSON_MSGCTL_EINVAL),
          new Lesson("msgget", "ENOSPC", null, Key.LESSON_MSGGET_ENOSPC));

  /** The lesson for a failed call, or null if the table has none. */
  static Key lookup(String syscall, String errnoName, String args) {
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
