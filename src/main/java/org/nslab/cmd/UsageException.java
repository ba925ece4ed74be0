package org.nslab.cmd;

import org.nslab.text.Key;
import org.nslab.text.Said;
import org.nslab.text.Text;

/** A user's mistake in how a command was typed: shown with the command's usage line. */
public final class UsageException extends Exception implements Said {
  private static final long serialVersionUID = 1L;

  private final transient Key key;
  private final transient Object[] args;

  public UsageException(String message) {
    super(message);
    this.key = null;
    this.args = new Object[0];
  }

  /** A mistake said by the catalogue: English as the message, any language by {@link #message}. */
  public UsageException(Key key, Object... args) {
    super(Text.english().get(key, args));
    this.key = key;
    this.args = args.clone();
  }

  /** The message in the language of {@code text}. */
  @Override
  public String message(Text text) {
    return key == null ? getMessage() : text.get(key, args);
  }
}
