package org.nslab.cmd;

import org.nslab.text.Key;
import org.nslab.text.Said;
import org.nslab.text.Text;

/** The lab task thread could not start, so no command that needs it can run. */
final class TaskUnavailableException extends RuntimeException implements Said {
  private static final long serialVersionUID = 1L;

  private final transient Key key;
  private final transient Object[] args;

  /** Said by the catalogue: English as the message, any language by {@link #message}. */
  TaskUnavailableException(Throwable cause, Key key, Object... args) {
    super(Text.english().get(key, args), cause);
    this.key = key;
    this.args = args.clone();
  }

  @Override
  public String message(Text text) {
    return text.get(key, args);
  }
}
