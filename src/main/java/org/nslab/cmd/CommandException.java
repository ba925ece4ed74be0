package org.nslab.cmd;

/** A command that cannot do what was asked, for a reason it explains (no usage line). */
public final class CommandException extends Exception {
  private static final long serialVersionUID = 1L;

  public CommandException(String message) {
    super(message);
  }
}
