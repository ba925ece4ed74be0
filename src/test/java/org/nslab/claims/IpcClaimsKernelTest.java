package org.nslab.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;

/** What labs/ipc.md says besides nslab's output, shown by the kernel. */
@Tag("kernel")
class IpcClaimsKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  /**
   * Intro: "An IPC namespace gives each its own table (and its own POSIX message queues,
   * /dev/mqueue)". A queue made through one namespace's mqueue filesystem is not in
   * another's (each mount of mqueue shows the IPC namespace of the process that mounted it).
   */
  @Test
  void posixMessageQueuesArePerIpcNamespace() throws Exception {
    String out = Claims.unshare("-m -i", "mount -t tmpfs t /mnt && mkdir /mnt/mq"
        + " && mount -t mqueue mq /mnt/mq && touch /mnt/mq/q1 && ls /mnt/mq && echo --"
        + " && unshare -m -i sh -c 'mount -t mqueue mq /mnt/mq && ls /mnt/mq' && echo --"
        + " && ls /mnt/mq").ok();
    assertEquals("q1\n--\n--\nq1\n", out);
  }

  /**
   * Step 2: "ids are handed out per namespace, and this namespace had none"; "On a host that
   * has been up for a while, ids are large numbers: a new queue takes the next slot, and once
   * the slots wrap around the kernel adds a sequence number (32768 a round)".
   */
  @Test
  void idsCountUpFromZeroAndGainASequenceNumberWhenTheSlotsWrap() throws Exception {
    String out = Claims.unshare("-i", "for i in $(seq 1 66); do"
        + " id=$(ipcmk -Q | sed 's/.*: //'); echo $id; ipcrm -q $id; done").ok();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      expected.add(Integer.toString(i));
    }
    expected.add("32768");
    expected.add("32769");
    assertEquals(String.join("\n", expected) + "\n", out);
  }

  /**
   * Step 2: "util-linux ipcs ... reads /proc/sysvipc/msg, which shows the namespace of the
   * reader": the same proc mount shows a queue to a reader in its namespace, and not to the
   * test outside.
   */
  @Test
  void procSysvipcShowsTheReadersNamespace() throws Exception {
    String out = Claims.unshare("-i", "ipcmk -Q >/dev/null; cat /proc/sysvipc/msg;"
        + " strace -e trace=openat ipcs -q 2>&1 >/dev/null | grep -c /proc/sysvipc/msg").ok();
    String[] l = out.split("\n");
    assertEquals(3, l.length, out);
    String key = l[1].strip().split("\\s+")[0];
    assertEquals("0", l[1].strip().split("\\s+")[1], "the only queue, id 0");
    assertEquals("1", l[2], "ipcs opened /proc/sysvipc/msg");
    for (String row : Files.readAllLines(Path.of("/proc/sysvipc/msg"))) {
      assertFalse(row.strip().startsWith(key + " "), row);
    }
  }

  /**
   * Step 3: "A program in one container that opens queue 0 can only ever reach its own";
   * step 4: "a System V queue lives until someone removes it, even when every process that
   * used it is gone". ipcrm -q 0 in a second namespace removes that namespace's queue 0 only;
   * the first's, made by an ipcmk long gone, is still there.
   */
  @Test
  void queueZeroInOneNamespaceIsNotQueueZeroInAnother() throws Exception {
    String[] l = Claims.unshare("-i", "ipcmk -Q; unshare -i sh -c 'ipcmk -Q; ipcrm -q 0;"
        + " ipcs -q | grep -c \"^0x\"'; ipcs -q | awk '/^0x/ {print $2}'").ok().split("\n");
    assertEquals("Message queue id: 0", l[0]);
    assertEquals("Message queue id: 0", l[1], "the second namespace's first queue is 0 too");
    assertEquals("0", l[2], "ipcrm -q 0 removed it there");
    assertEquals("0", l[3], "and not the first namespace's queue 0");
  }

  /**
   * Step 4: "When the lab task left the second namespace, nothing held it any more ..., so
   * the kernel destroyed it and its queue with it." In a user namespace allowed one IPC
   * namespace at a time (max_ipc_namespaces 1), a second is refused while the first lives,
   * and granted once the first, which held a queue, has nothing holding it. The kernel frees
   * it from a work queue: wait for that, at most 10 s.
   */
  @Test
  void anIpcNamespaceNothingHoldsIsDestroyedWithItsQueues() throws Exception {
    String out = Claims.unshare("-U -r", "echo 1 > /proc/sys/user/max_ipc_namespaces;"
        + " unshare -i sh -c 'ipcmk -Q >/dev/null; unshare -i true 2>/dev/null"
        + " && echo second-granted || echo second-refused';"
        + " i=0; until unshare -i true 2>/dev/null; do i=$((i+1));"
        + " sleep 0.1; done; echo freed").ok();
    assertEquals("second-refused\nfreed\n", out);
  }
}
