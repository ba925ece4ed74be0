package org.nslab.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NsUsageTest {
  private static TaskNamespaces task(int pid, int tid, long uts, long mnt) {
    return new TaskNamespaces(
        pid,
        tid,
        new NsSnapshot(
            Map.of(
                NsFile.UTS, new NsId(NsKind.UTS, uts), NsFile.MNT, new NsId(NsKind.MNT, mnt))));
  }

  @Test
  void countsProcessesNotThreadsAndShowsTheLowestPid() {
    List<NsUsage> rows =
        NsUsage.collect(List.of(task(7, 7, 100, 200), task(7, 8, 100, 200), task(3, 3, 100, 200)));
    NsUsage uts = rows.stream().filter(r -> r.id().kind() == NsKind.UTS).findFirst().get();
    assertEquals(2, uts.nprocs());
    assertEquals(3, uts.pid());
    assertEquals(3, uts.process());
    assertFalse(uts.threadOnly());
  }

  @Test
  void aNamespaceOnlyAThreadIsInIsListedWithTheThreadId() {
    // Process 7's thread 9 unshared uts: util-linux lsns would not see namespace 101.
    List<NsUsage> rows =
        NsUsage.collect(List.of(task(7, 7, 100, 200), task(7, 9, 101, 200)));
    NsUsage fresh = rows.stream().filter(r -> r.id().inode() == 101).findFirst().get();
    assertTrue(fresh.threadOnly());
    assertEquals(9, fresh.pid());
    assertEquals(7, fresh.process());
    assertEquals(1, fresh.nprocs());
  }

  @Test
  void rowsAreSortedById() {
    List<NsUsage> rows = NsUsage.collect(List.of(task(1, 1, 300, 200), task(2, 2, 100, 250)));
    assertEquals(List.of(100L, 200L, 250L, 300L), rows.stream().map(r -> r.id().inode()).toList());
  }
}
