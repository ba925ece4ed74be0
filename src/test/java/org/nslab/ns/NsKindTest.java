package org.nslab.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class NsKindTest {
  @Test
  void parseListAcceptsCommaListsAndAliases() {
    assertEquals(EnumSet.of(NsKind.UTS, NsKind.MNT), NsKind.parseList("uts,mnt"));
    assertEquals(EnumSet.of(NsKind.MNT), NsKind.parseList("mount"));
    assertEquals(EnumSet.of(NsKind.NET, NsKind.IPC), NsKind.parseList("NET, ipc"));
  }

  @Test
  void parseRejectsUnknownKindAndNamesTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NsKind.parseList("uts,utz"));
    assertTrue(e.getMessage().contains("'utz'"), e.getMessage());
    assertTrue(e.getMessage().contains("cgroup, ipc, mnt (or mount), net, pid, time, user, uts"));
  }

  @Test
  void parseRejectsEmptyItems() {
    assertThrows(IllegalArgumentException.class, () -> NsKind.parseList("uts,"));
    assertThrows(IllegalArgumentException.class, () -> NsKind.parseList(""));
  }

  @Test
  void flagsMatchTheKernelHeaders() {
    assertEquals(0x04000000 | 0x00020000, NsKind.flags(EnumSet.of(NsKind.UTS, NsKind.MNT)));
    assertEquals("CLONE_NEWNS|CLONE_NEWUTS", NsKind.flagNames(EnumSet.of(NsKind.UTS, NsKind.MNT)));
    assertEquals(0x10000000, NsKind.USER.cloneFlag());
    assertEquals(0x80, NsKind.TIME.cloneFlag());
  }

  @Test
  void pidAndTimeChangeTheForChildrenFiles() {
    assertEquals(NsFile.PID_FOR_CHILDREN, NsFile.changedBy(NsKind.PID));
    assertEquals(NsFile.TIME_FOR_CHILDREN, NsFile.changedBy(NsKind.TIME));
    assertEquals(NsFile.UTS, NsFile.changedBy(NsKind.UTS));
    assertTrue(NsKind.PID.forChildren());
  }

  @Test
  void parseLinkReadsProcNsTargets() {
    assertEquals(new NsId(NsKind.MNT, 4026531841L), NsId.parseLink("mnt:[4026531841]"));
    assertEquals("uts:[4026531838]", NsId.parseLink("uts:[4026531838]").toString());
    assertThrows(IllegalArgumentException.class, () -> NsId.parseLink("mnt:4026531841"));
    assertThrows(IllegalArgumentException.class, () -> NsId.parseLink("foo:[1]"));
  }
}
