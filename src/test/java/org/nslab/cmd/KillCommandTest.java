package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What kill expects the kernel to do with a signal, from the target's signal masks. */
class KillCommandTest {
  private static long bit(int sig) {
    return 1L << (sig - 1);
  }

  @Test
  void killAlwaysEnds() {
    assertEquals(KillCommand.Fate.ENDS, KillCommand.fate(9, true, -1L, -1L, 0));
    assertEquals(KillCommand.Fate.ENDS, KillCommand.fate(9, false, -1L, -1L, 0));
  }

  @Test
  void aFatalSignalWithoutHandlerEndsAnOrdinaryProcess() {
    assertEquals(KillCommand.Fate.ENDS, KillCommand.fate(15, false, bit(17), 0, 0));
    assertEquals(KillCommand.Fate.ENDS, KillCommand.fate(2, false, 0, 0, 0));
  }

  @Test
  void caughtBlockedIgnoredOrHarmlessSignalsAreUpToTheProcess() {
    assertEquals(KillCommand.Fate.UNKNOWN, KillCommand.fate(15, false, bit(15), 0, 0));
    assertEquals(KillCommand.Fate.UNKNOWN, KillCommand.fate(15, false, 0, 0, bit(15)));
    assertEquals(KillCommand.Fate.UNKNOWN, KillCommand.fate(15, false, 0, bit(15), 0));
    assertEquals(KillCommand.Fate.UNKNOWN, KillCommand.fate(17, false, 0, 0, 0)); // CHLD
    assertEquals(KillCommand.Fate.UNKNOWN, KillCommand.fate(19, false, 0, 0, 0)); // STOP
    assertEquals(KillCommand.Fate.UNKNOWN, KillCommand.fate(0, false, 0, 0, 0));
  }

  @Test
  void aPid1DropsWhatItHasNoHandlerForButStop() {
    assertEquals(KillCommand.Fate.DROPPED, KillCommand.fate(15, true, 0, 0, 0));
    assertEquals(KillCommand.Fate.DROPPED, KillCommand.fate(2, true, 0, bit(2), 0));
    assertEquals(KillCommand.Fate.UNKNOWN, KillCommand.fate(15, true, bit(15), 0, 0));
    assertEquals(KillCommand.Fate.UNKNOWN, KillCommand.fate(19, true, 0, 0, 0));
  }
}
