package org.nslab.sys;

/**
 * A failed system call, rendered as util-linux renders one, plus what it teaches:
 * {@code unshare(CLONE_NEWUTS): EPERM (Operation not permitted): this needs CAP_SYS_ADMIN...}.
 */
public final class SyscallException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String syscall;
  private final String args;
  private final int errno;

  public SyscallException(String syscall, String args, int errno) {
    super(render(syscall, args, errno));
    this.syscall = syscall;
    this.args = args;
    this.errno = errno;
  }

  public String syscall() {
    return syscall;
  }

  public int errno() {
    return errno;
  }

  public String errnoName() {
    return Errnos.name(errno);
  }

  /** The one-line lesson, or null where the table has none. */
  public String lesson() {
    return Lessons.lookup(syscall, Errnos.name(errno), args);
  }

  private static String render(String syscall, String args, int errno) {
    String name = Errnos.name(errno);
    StringBuilder sb = new StringBuilder();
    sb.append(syscall).append('(').append(args == null ? "" : args).append("): ");
    sb.append(name).append(" (").append(Errnos.description(errno)).append(')');
    String lesson = Lessons.lookup(syscall, name, args);
    if (lesson != null) {
      sb.append(": ").append(lesson);
    }
    return sb.toString();
  }
}
