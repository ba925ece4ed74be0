package org.nslab.sys;

import org.nslab.text.Key;
import org.nslab.text.Said;
import org.nslab.text.Text;

/**
 * A failed system call, rendered as util-linux renders one, plus what it teaches:
 * {@code unshare(CLONE_NEWUTS): EPERM (Operation not permitted): this needs CAP_SYS_ADMIN...}.
 * The call and the errno are named as the kernel names them in every language; the lesson is
 * in the user's ({@link #message(Text)}); {@link #getMessage} is English.
 */
public final class SyscallException extends Exception implements Said {
  private static final long serialVersionUID = 1L;

  private final String syscall;
  private final String args;
  private final int errno;

  public SyscallException(String syscall, String args, int errno) {
    // The message is rendered when asked for: lsns tolerates thousands of these.
    super();
    this.syscall = syscall;
    this.args = args;
    this.errno = errno;
  }

  @Override
  public String getMessage() {
    return render(syscall, args, errno, Text.english());
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

  /** The one-line lesson in English, or null where the table has none. */
  public String lesson() {
    return lesson(Text.english());
  }

  /** The one-line lesson in the language of {@code text}, or null where the table has none. */
  public String lesson(Text text) {
    Key key = Lessons.lookup(syscall, Errnos.name(errno), args);
    return key == null ? null : text.get(key);
  }

  /** The whole message, with the lesson in the language of {@code text}. */
  @Override
  public String message(Text text) {
    return render(syscall, args, errno, text);
  }

  private static String render(String syscall, String args, int errno, Text text) {
    String name = Errnos.name(errno);
    StringBuilder sb = new StringBuilder();
    sb.append(syscall).append('(').append(args == null ? "" : args).append("): ");
    sb.append(name).append(" (").append(Errnos.description(errno)).append(')');
    Key lesson = Lessons.lookup(syscall, name, args);
    if (lesson != null) {
      sb.append(": ").append(text.get(lesson));
    }
    return sb.toString();
  }
}
