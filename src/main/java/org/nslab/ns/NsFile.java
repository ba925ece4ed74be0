package org.nslab.ns;

/**
 * The links in /proc/PID/task/TID/ns: one per kind, plus the two that name where the
 * thread's next children will go (pid_for_children, time_for_children).
 */
public enum NsFile {
  CGROUP("cgroup", NsKind.CGROUP),
  IPC("ipc", NsKind.IPC),
  MNT("mnt", NsKind.MNT),
  NET("net", NsKind.NET),
  PID("pid", NsKind.PID),
  PID_FOR_CHILDREN("pid_for_children", NsKind.PID),
  TIME("time", NsKind.TIME),
  TIME_FOR_CHILDREN("time_for_children", NsKind.TIME),
  USER("user", NsKind.USER),
  UTS("uts", NsKind.UTS);

  private final String fileName;
  private final NsKind kind;

  NsFile(String fileName, NsKind kind) {
    this.fileName = fileName;
    this.kind = kind;
  }

  public String fileName() {
    return fileName;
  }

  public NsKind kind() {
    return kind;
  }

  /** The file that changes when this kind is unshared: pid_for_children for pid, and so on. */
  public static NsFile changedBy(NsKind kind) {
    switch (kind) {
      case PID:
        return PID_FOR_CHILDREN;
      case TIME:
        return TIME_FOR_CHILDREN;
      default:
        return valueOf(kind.name());
    }
  }
}
