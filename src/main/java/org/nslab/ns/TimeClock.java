package org.nslab.ns;

/**
 * The two clocks a time namespace shifts, one row each: the word /proc/PID/timens_offsets and
 * unshare(1) use, and the CLOCK_* id of linux/time.h. CLOCK_REALTIME is not among them: the
 * wall clock is the machine's, in every time namespace.
 */
public enum TimeClock {
  MONOTONIC("monotonic", 1, "CLOCK_MONOTONIC"),
  BOOTTIME("boottime", 7, "CLOCK_BOOTTIME");

  private final String word;
  private final int clockId;
  private final String clockName;

  TimeClock(String word, int clockId, String clockName) {
    this.word = word;
    this.clockId = clockId;
    this.clockName = clockName;
  }

  /** "monotonic" or "boottime": the option's name and the word in timens_offsets. */
  public String word() {
    return word;
  }

  /** The clockid_t for clock_gettime(2). */
  public int clockId() {
    return clockId;
  }

  public String clockName() {
    return clockName;
  }

  /** The clock a line of timens_offsets names, by word or by number, as the kernel accepts. */
  static TimeClock parse(String text) {
    for (TimeClock c : values()) {
      if (c.word.equals(text) || String.valueOf(c.clockId).equals(text)) {
        return c;
      }
    }
    throw new IllegalArgumentException("not a clock of a time namespace: '" + text + "'");
  }
}
