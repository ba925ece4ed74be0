package org.nslab.cmd;

import org.nslab.text.Key;
import org.nslab.text.Said;
import org.nslab.text.Text;

/** A command that cannot do what was asked, for a reason it explains (no usage line). */
public final class CommandException extends Exception implements Said {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient String prefix;
  private final transient Key key;
  private final transient Object[] args;

  public CommandException(String message) {
    this(message, 1);
  }

  /** With the exit status the command ends with: 2 for input nslab refuses (a malformed lab). */
  public CommandException(String message, int status) {
    super(message);
    this.status = status;
    this.prefix = "";
    this.key = null;
    this.args = new Object[0];
  }

  /** A reason said by the catalogue: English as the message, any language by {@link #message}. */
  public CommandException(Key key, Object... args) {
    this("", key, args);
  }

  /**
   * A reason said by the catalogue after words that stay as they are in every language (a
   * failed call and its errno, as the kernel names them).
   */
  public CommandException(String prefix, Key key, Object... args) {
    super(prefix + Text.english().get(key, args));
    this.status = 1;
    this.prefix = prefix;
    this.key = key;
    this.args = args.clone();
  }

  /** The message in the language of {@code text}. */
  @Override
  public String message(Text text) {
    return key == null ? getMessage() : prefix + text.get(key, args);
  }

  public int status() {
    return status;
  }
}
