package org.nslab.cmd;

/** The lab task thread could not start, so no command that needs it can run. */
final class TaskUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TaskUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
