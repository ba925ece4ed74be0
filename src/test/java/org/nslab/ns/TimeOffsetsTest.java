package org.nslab.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeOffsetsTest {
  private static final Map<TimeClock, Long> NOW =
      Map.of(TimeClock.MONOTONIC, 11_000L, TimeClock.BOOTTIME, 12_000L);

  @Test
  void parseTakesWholeSecondsEitherWayAndOnlyTheClocksGiven() {
    TimeOffsets o = TimeOffsets.parse(null, "864000");
    assertEquals(Map.of(TimeClock.BOOTTIME, new TimeOffsets.Offset(864000, 0)), o.offsets());
    assertEquals(-60, TimeOffsets.parse("-60", null).get(TimeClock.MONOTONIC).seconds());
    assertEquals(5, TimeOffsets.parse("+5", null).get(TimeClock.MONOTONIC).seconds());
    assertTrue(TimeOffsets.parse(null, null).isEmpty());
  }

  @Test
  void parseRejectsWhatIsNotAWholeNumberAndNamesTheOption() {
    for (String bad : new String[] {"x", "1.5", "", "1e3", "--5", "86400s"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TimeOffsets.parse(null, bad), bad);
      assertTrue(e.getMessage().startsWith("--boottime takes whole seconds"), e.getMessage());
    }
  }

  @Test
  void parseRejectsOffsetsBeyondKtimeSecMaxWithTheNumberAsTyped() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TimeOffsets.parse("99999999999999999999999", null));
    assertTrue(e.getMessage().startsWith("--monotonic 99999999999999999999999: an offset is at"
        + " most 9223372036 s either way"), e.getMessage());
    assertEquals(9223372036L, TimeOffsets.parse("9223372036", null)
        .get(TimeClock.MONOTONIC).seconds());
    assertThrows(IllegalArgumentException.class, () -> TimeOffsets.parse("-9223372037", null));
  }

  @Test
  void procTextIsOneLinePerClockGivenMonotonicFirst() {
    assertEquals("monotonic 3600 0\nboottime 864000 0\n",
        TimeOffsets.parse("3600", "864000").procText());
    assertEquals("boottime -5 0\n", TimeOffsets.parse(null, "-5").procText());
  }

  @Test
  void outOfRangeFollowsTheKernelsBounds() {
    assertNull(TimeOffsets.parse("-11000", "-12000").outOfRange(NOW)); // exactly to 0
    String below = TimeOffsets.parse(null, "-12001").outOfRange(NOW);
    assertEquals("--boottime -12001: CLOCK_BOOTTIME reads 12000 s now on the host, and an"
        + " offset below -12000 would take it below 0", below);
    long top = TimeOffsets.CLOCK_SEC_MAX - 11_000;
    assertNull(TimeOffsets.parse(String.valueOf(top), null).outOfRange(NOW));
    String above = TimeOffsets.parse(String.valueOf(top + 1), null).outOfRange(NOW);
    assertTrue(above.startsWith("--monotonic " + (top + 1) + ": CLOCK_MONOTONIC reads 11000 s"
        + " now on the host, and with the offset it may read at most 4611686018 s"), above);
    assertTrue(above.endsWith("so at most " + top), above);
    assertTrue(TimeOffsets.parse(null, "-9223372036").outOfRange(NOW).contains("below 0"));
  }

  @Test
  void hostSecondsTakesTheOwnNamespacesOffsetAwayWithBorrow() {
    assertEquals(100, TimeOffsets.hostSeconds(100, 5, new TimeOffsets.Offset(0, 0)));
    assertEquals(10, TimeOffsets.hostSeconds(86410, 700, new TimeOffsets.Offset(86400, 0)));
    // 10.2 s read in a namespace 3.5 s ahead: 6.7 s on the host.
    assertEquals(6,
        TimeOffsets.hostSeconds(10, 200_000_000, new TimeOffsets.Offset(3, 500_000_000)));
    assertEquals(20, TimeOffsets.hostSeconds(10, 0, new TimeOffsets.Offset(-10, 0)));
  }

  @Test
  void parseProcReadsTheKernelsColumnsAndDescribeShowsThem() {
    TimeOffsets o = TimeOffsets.parseProc(
        "monotonic        3600         0\nboottime       864000         0\n");
    assertEquals(3600, o.get(TimeClock.MONOTONIC).seconds());
    assertEquals("monotonic 3600 s, boottime 864000 s", o.describe());
    assertEquals("monotonic -1.5 s",
        TimeOffsets.parseProc("1 -2 500000000\n").describe()); // by clock id, as the kernel takes
    assertThrows(IllegalArgumentException.class, () -> TimeOffsets.parseProc("realtime 1 0\n"));
    assertThrows(IllegalArgumentException.class, () -> TimeOffsets.parseProc("boottime 1\n"));
  }
}
