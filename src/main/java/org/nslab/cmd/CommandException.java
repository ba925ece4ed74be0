package org.nslab.cmd;

/** A command that cannot do what was asked, for a reason it explains (no usage line). */
public final class CommandException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  public CommandException(String message) {
    this(message, 1);
  }

  /** With the exit status the command ends with: 2 for input nslab refuses (a malformed lab). */
  public CommandException(String message, int status) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
