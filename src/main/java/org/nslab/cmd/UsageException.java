package org.nslab.cmd;

/** A user's mistake in how a command was typed: shown with the command's usage line. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
