package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.ns.MountInfo;

/** What an unmount uncovered, read from mountinfo before and after. */
class UmountCommandTest {
  private static final MountInfo ROOT = line("21 1 8:1 / / rw - ext4 /dev/sda1 rw");
  private static final MountInfo HOST_PROC = line("22 21 0:5 / /proc rw - proc proc rw");
  private static final MountInfo STACKED_PROC = line("40 22 0:50 / /proc rw - proc proc rw");
  private static final MountInfo BINFMT =
      line("41 40 0:51 / /proc/sys/fs/binfmt_misc rw - binfmt_misc binfmt_misc rw");

  private static MountInfo line(String text) {
    return MountInfo.parseLine(text);
  }

  @Test
  void removingTheTopOfAStackUncoversTheMountUnderIt() {
    assertEquals(
        List.of(HOST_PROC),
        UmountCommand.uncovered(
            List.of(ROOT, HOST_PROC, STACKED_PROC, BINFMT), List.of(ROOT, HOST_PROC)));
  }

  @Test
  void removingTheOnlyMountAtAPathUncoversNothing() {
    assertEquals(
        List.of(), UmountCommand.uncovered(List.of(ROOT, HOST_PROC, BINFMT), List.of(ROOT)));
  }

  @Test
  void mountinfoThatCouldNotBeReadUncoversNothing() {
    assertEquals(List.of(), UmountCommand.uncovered(List.of(), List.of(ROOT)));
    assertEquals(List.of(), UmountCommand.uncovered(List.of(ROOT, HOST_PROC), List.of()));
  }
}
