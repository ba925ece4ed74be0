package org.nslab.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountInfoTest {
  @Test
  void parsesTheProc5Example() {
    MountInfo m =
        MountInfo.parseLine(
            "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue");
    assertEquals(36, m.id());
    assertEquals(35, m.parentId());
    assertEquals("/mnt2", m.target());
    assertEquals("ext3", m.fstype());
    assertEquals("/dev/root", m.source());
    assertEquals("slave", m.propagationName());
    assertEquals("/dev/root on /mnt2 type ext3 (rw,noatime)", m.describe());
  }

  @Test
  void parsesMountsWithoutOptionalFieldsAndEscapes() {
    MountInfo m = MountInfo.parseLine("50 30 0:45 / /tmp/with\\040space rw,relatime - tmpfs tmpfs rw");
    assertEquals("/tmp/with space", m.target());
    assertEquals("private", m.propagationName());
    assertEquals(List.of(), m.propagation());
  }

  @Test
  void sharedPeerGroupsAreShared() {
    assertEquals(
        "shared",
        MountInfo.parseLine("22 1 8:1 / / rw shared:1 - ext4 /dev/vda rw").propagationName());
  }

  @Test
  void rejectsLinesWithoutSeparator() {
    assertThrows(IllegalArgumentException.class, () -> MountInfo.parseLine("22 1 8:1 / / rw"));
  }
}
