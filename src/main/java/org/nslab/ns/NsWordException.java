package org.nslab.ns;

import java.util.List;

/**
 * A namespace kind or a time offset nslab cannot take: which mistake ({@link #reason}) and the
 * words that say it ({@link #args}); the message is English. ns knows no catalogue: cmd says
 * the same in the user's language from the reason and the words.
 */
public final class NsWordException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The mistakes, each said with its own args. */
  public enum Reason {
    /** The word, the valid kinds. */
    UNKNOWN_KIND,
    /** The list, the valid kinds. */
    EMPTY_KIND,
    /** The clock's word, the value. */
    OFFSET_NOT_SECONDS,
    /** The clock's word, the value, KTIME_SEC_MAX: refused when parsed (ERANGE). */
    OFFSET_TOO_FAR,
    /** The clock's word, the value, KTIME_SEC_MAX. */
    OFFSET_BEYOND_MAX,
    /** The clock's word, the value, the clock's name, its reading now. */
    OFFSET_BELOW_ZERO,
    /** The clock's word, the value, the clock's name, its reading, its most, what is left. */
    OFFSET_ABOVE_CLOCK_MAX
  }

  private final Reason reason;
  private final transient List<Object> args;

  NsWordException(String message, Reason reason, Object... args) {
    super(message);
    this.reason = reason;
    this.args = List.of(args);
  }

  public Reason reason() {
    return reason;
  }

  public List<Object> args() {
    return args;
  }
}
