package org.nslab.ns;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The offsets of a time namespace, per clock, as /proc/PID/timens_offsets shows and takes
 * them; a clock left out is not written (the new namespace keeps what it copied for it).
 */
public record TimeOffsets(Map<TimeClock, Offset> offsets) {

  /** One clock's offset: whole seconds and nanoseconds (0 to 999999999), as the kernel keeps it. */
  public record Offset(long seconds, long nanos) {}

  /** KTIME_SEC_MAX: the most seconds the kernel's ktime_t (signed 64-bit nanoseconds) holds. */
  public static final long KTIME_SEC_MAX = Long.MAX_VALUE / 1_000_000_000L;

  /** The most a clock may read once offset: the kernel keeps half of ktime_t's range free. */
  public static final long CLOCK_SEC_MAX = KTIME_SEC_MAX / 2;

  public TimeOffsets {
    Map<TimeClock, Offset> copy = new EnumMap<>(TimeClock.class);
    copy.putAll(offsets);
    offsets = Collections.unmodifiableMap(copy);
  }

  /**
   * Parses --monotonic and --boottime values (null where not given) as whole seconds, which
   * may be negative. A value that is not a whole number is an IllegalArgumentException naming
   * it; one beyond what the kernel takes is left to {@link #outOfRange}.
   */
  public static TimeOffsets parse(String monotonic, String boottime) {
    Map<TimeClock, Offset> m = new EnumMap<>(TimeClock.class);
    String[] given = {monotonic, boottime};
    for (TimeClock c : TimeClock.values()) {
      String text = given[c.ordinal()];
      if (text != null) {
        m.put(c, new Offset(seconds(c, text), 0));
      }
    }
    return new TimeOffsets(m);
  }

  private static long seconds(TimeClock c, String text) {
    if (!text.matches("[+-]?[0-9]+")) {
      throw new NsWordException(
          "--" + c.word() + " takes whole seconds, such as 86400 or -60, not '" + text + "'",
          NsWordException.Reason.OFFSET_NOT_SECONDS, c.word(), text);
    }
    BigInteger v = new BigInteger(text);
    if (v.abs().compareTo(BigInteger.valueOf(KTIME_SEC_MAX)) > 0) {
      // Said here, as the kernel would say it (ERANGE), where the text still shows the number.
      throw new NsWordException("--" + c.word() + " " + text + ": " + tooFar()
          + ", and the kernel refuses more (ERANGE)",
          NsWordException.Reason.OFFSET_TOO_FAR, c.word(), text, KTIME_SEC_MAX);
    }
    return v.longValue();
  }

  private static String tooFar() {
    return "an offset is at most " + KTIME_SEC_MAX + " s either way (KTIME_SEC_MAX)";
  }

  public boolean isEmpty() {
    return offsets.isEmpty();
  }

  /**
   * The text to write to timens_offsets: a line per clock, "monotonic 3600 0", all in one
   * text. The kernel checks every line of a write before it applies any, so one write sets
   * all of them or, refused, none.
   */
  public String procText() {
    StringBuilder sb = new StringBuilder();
    offsets.forEach((c, o) -> sb.append(c.word()).append(' ').append(o.seconds()).append(' ')
        .append(o.nanos()).append('\n'));
    return sb.toString();
  }

  /**
   * Why the kernel would refuse these offsets with ERANGE (kernel/time/namespace.c,
   * proc_timens_set_offset), given each clock's reading now on the host (in the initial time
   * namespace, which the kernel compares against), or null if it would take them: an offset
   * beyond KTIME_SEC_MAX either way, or one that takes its clock below 0 or above
   * KTIME_SEC_MAX / 2.
   */
  public String outOfRange(Map<TimeClock, Long> hostSeconds) {
    NsWordException e = rangeError(hostSeconds);
    return e == null ? null : e.getMessage();
  }

  /** As {@link #outOfRange}, the mistake with its words, for cmd to say in the user's language. */
  public NsWordException rangeError(Map<TimeClock, Long> hostSeconds) {
    for (Map.Entry<TimeClock, Offset> e : offsets.entrySet()) {
      TimeClock c = e.getKey();
      long s = e.getValue().seconds();
      long now = hostSeconds.get(c);
      String name = "--" + c.word() + " " + s;
      if (s > KTIME_SEC_MAX || s < -KTIME_SEC_MAX) {
        return new NsWordException(name + ": " + tooFar(),
            NsWordException.Reason.OFFSET_BEYOND_MAX, c.word(), s, KTIME_SEC_MAX);
      }
      if (now + s < 0) {
        return new NsWordException(name + ": " + c.clockName() + " reads " + now
            + " s now on the host, and an offset below -" + now + " would take it below 0",
            NsWordException.Reason.OFFSET_BELOW_ZERO, c.word(), s, c.clockName(), now);
      }
      if (now + s > CLOCK_SEC_MAX) {
        return new NsWordException(name + ": " + c.clockName() + " reads " + now
            + " s now on the host, and with the offset it may read at most " + CLOCK_SEC_MAX
            + " s (KTIME_SEC_MAX / 2), so at most " + (CLOCK_SEC_MAX - now),
            NsWordException.Reason.OFFSET_ABOVE_CLOCK_MAX, c.word(), s, c.clockName(), now,
            CLOCK_SEC_MAX, CLOCK_SEC_MAX - now);
      }
    }
    return null;
  }

  /**
   * A clock's reading on the host, in whole seconds, from its reading in a time namespace
   * whose offset is {@code own}: the namespace adds the offset, so take it away again.
   */
  public static long hostSeconds(long seconds, long nanos, Offset own) {
    long ns = nanos - own.nanos();
    return seconds - own.seconds() + Math.floorDiv(ns, 1_000_000_000L);
  }

  /** Parses timens_offsets as the kernel prints it: "monotonic        3600         0". */
  public static TimeOffsets parseProc(String text) {
    Map<TimeClock, Offset> m = new EnumMap<>(TimeClock.class);
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      if (f.length != 3) {
        throw new IllegalArgumentException("not a line of timens_offsets: '" + line + "'");
      }
      try {
        m.put(TimeClock.parse(f[0]), new Offset(Long.parseLong(f[1]), Long.parseLong(f[2])));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a line of timens_offsets: '" + line + "'");
      }
    }
    return new TimeOffsets(m);
  }

  /** This namespace's offset for a clock; 0 where it has none. */
  public Offset get(TimeClock c) {
    return offsets.getOrDefault(c, new Offset(0, 0));
  }

  /** "monotonic 3600 s, boottime 864000 s", in the kernel's order. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    offsets.forEach((c, o) -> parts.add(c.word() + " " + BigDecimal.valueOf(o.seconds())
        .add(BigDecimal.valueOf(o.nanos(), 9)).stripTrailingZeros().toPlainString() + " s"));
    return String.join(", ", parts);
  }
}
