package org.nslab.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;
import org.nslab.ns.NsFile;

/** What labs/intro.md says besides nslab's output, shown by the kernel. */
@Tag("kernel")
class IntroClaimsKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  /** Step 2: "the inode number of the namespace, on a small filesystem inside the kernel (nsfs)". */
  @Test
  void theIdIsTheInodeOfAFileOnNsfs() throws Exception {
    String out = Claims.run("stat", "-L", "-f", "-c", "%T", "/proc/self/ns/uts").ok();
    assertEquals("nsfs\n", out);
    String[] lines = Claims.run("sh", "-c",
        "exec stat -L -c %i /proc/self/ns/uts /proc/self/ns/net").ok().split("\n");
    assertEquals(Claims.nsId("/proc/thread-self/ns/uts"), Long.parseLong(lines[0]));
    assertEquals(Claims.nsId("/proc/thread-self/ns/net"), Long.parseLong(lines[1]));
  }

  /** Step 2: "/proc/self is always the process that reads it". */
  @Test
  void procSelfIsTheProcessThatReadsIt() throws Exception {
    String[] lines = Claims.run("sh", "-c", "echo $$; exec readlink /proc/self").ok().split("\n");
    assertEquals(lines[0], lines[1]);
  }

  /**
   * Step 2: "a child starts in its parent's namespaces"; "two processes are in the same
   * namespace exactly when the inode numbers are equal": the child sees the parent's hostname,
   * a process in another UTS namespace (another id) does not.
   */
  @Test
  void aChildStartsInItsParentsNamespacesAndEqualIdsMeanOneNamespace() throws Exception {
    String[] l = Claims.unshare("-u", "hostname inside; readlink /proc/self/ns/uts;"
        + " sh -c 'readlink /proc/self/ns/uts; hostname';"
        + " unshare -u sh -c 'readlink /proc/self/ns/uts; hostname other; hostname'; hostname")
        .ok().split("\n");
    assertEquals(l[0], l[1], "a child's uts id is its parent's");
    assertEquals("inside", l[2], "and it sees the parent's hostname");
    assertNotEquals(l[0], l[3], "another namespace, another id");
    assertEquals("other", l[4]);
    assertEquals("inside", l[5], "a name set in the other id's namespace is not seen here");
    assertNotEquals("uts:[" + Claims.nsId("/proc/thread-self/ns/uts") + "]", l[0]);
  }

  /**
   * Step 1: "pid_for_children and time_for_children say where the lab task's next child will
   * go: for those two kinds a process never moves itself ... only its future children do".
   */
  @Test
  void pidAndTimeMoveOnlyTheNextChild() throws Exception {
    try (Claims.Nslab lab = new Claims.Nslab()) {
      long pid = lab.ns(NsFile.PID);
      long time = lab.ns(NsFile.TIME);
      assertEquals(pid, lab.ns(NsFile.PID_FOR_CHILDREN), "right now they are the same");
      assertEquals(time, lab.ns(NsFile.TIME_FOR_CHILDREN));
      lab.ok("unshare pid");
      lab.ok("unshare time");
      String job = lab.ok("spawn --bg sleep 1000");
      Matcher m = Pattern.compile("\\[1\\] (\\d+)").matcher(job);
      assertTrue(m.find(), job);
      assertEquals(pid, lab.ns(NsFile.PID), "the lab task stays in its PID namespace");
      assertEquals(time, lab.ns(NsFile.TIME), "and in its time namespace");
      long childPid = Claims.nsId("/proc/" + m.group(1) + "/ns/pid");
      long childTime = Claims.nsId("/proc/" + m.group(1) + "/ns/time");
      assertNotEquals(pid, childPid);
      assertNotEquals(time, childTime);
      assertEquals(childPid, lab.ns(NsFile.PID_FOR_CHILDREN));
      assertEquals(childTime, lab.ns(NsFile.TIME_FOR_CHILDREN));
      lab.ok("kill -s KILL %1");
    }
  }

  /** Step 1: "the lab task has a process id and a different thread id ... a JVM always runs many threads". */
  @Test
  void theLabTaskIsOneThreadOfAManyThreadedProcess() throws Exception {
    try (Claims.Nslab lab = new Claims.Nslab()) {
      String self = lab.ok("ns self");
      assertTrue(self.startsWith("lab task (pid " + lab.pid() + ", thread " + lab.tid() + ")"),
          self);
      assertNotEquals(lab.pid(), lab.tid());
      assertTrue(Files.isDirectory(Path.of("/proc/" + lab.pid() + "/task/" + lab.tid())));
      String status = Files.readString(Path.of("/proc/" + lab.pid() + "/status"));
      Matcher threads = Pattern.compile("(?m)^Threads:\\s+(\\d+)$").matcher(status);
      assertTrue(threads.find());
      assertTrue(Integer.parseInt(threads.group(1)) > 1, status);
    }
  }

  /**
   * Step 1: "the first uts namespace the kernel makes at boot is always 4026531838, the first
   * ipc one 4026531839, the first user one 4026531837. If your uts id is a different number,
   * this shell was itself started inside a new namespace". kthreadd (PID 2 of the first PID
   * namespace) never leaves the namespaces of boot.
   */
  @Test
  void theNamespacesOfBootHaveFixedIds() throws Exception {
    Path comm = Path.of("/proc/2/comm");
    assumeTrue(Files.exists(comm) && Files.readString(comm).strip().equals("kthreadd"),
        "this /proc is not the first PID namespace's: the boot namespaces are not in view");
    assertEquals(4026531838L, Claims.nsId("/proc/2/ns/uts"));
    assertEquals(4026531839L, Claims.nsId("/proc/2/ns/ipc"));
    assertEquals(4026531837L, Claims.nsId("/proc/2/ns/user"));
    String fresh = Claims.unshare("-u -i", "readlink /proc/self/ns/uts /proc/self/ns/ipc").ok();
    assertTrue(!fresh.contains("4026531838") && !fresh.contains("4026531839"), fresh);
  }

  /**
   * Step 3: "lsns walks through every process in /proc and groups them by namespace id: one
   * line per namespace, with how many processes are in it (NPROCS) and the one with the lowest
   * id"; "a container runtime's containers show up the same way ... their PID column names the
   * container's first process as the host sees it"; step 5: "unshare --uts bash runs bash as a
   * whole new process, with one thread, so lsns finds it".
   */
  @Test
  void aNewUtsNamespaceIsOneMoreLsnsLineWithItsCountAndLowestPid() throws Exception {
    String[] l = Claims.unshare("-u", "sleep 1000 & s=$!; echo $$ $s;"
        + " sh -c 'echo $$; exec lsns -n -t uts -o NS,NPROCS,PID -p '$$; kill $s").ok()
        .split("\n");
    String[] pids = l[0].split(" ");
    int lowest = Math.min(Math.min(Integer.parseInt(pids[0]), Integer.parseInt(pids[1])),
        Integer.parseInt(l[1].strip()));
    String[] row = l[2].strip().split("\\s+");
    assertNotEquals(Long.toString(Claims.nsId("/proc/thread-self/ns/uts")), row[0]);
    assertEquals("3", row[1], "sh, sleep and lsns itself: " + l[2]);
    assertEquals(Integer.toString(lowest), row[2], l[2]);

    try (Claims.Nslab lab = new Claims.Nslab()) {
      String job = lab.ok("spawn --bg unshare -u sleep 1000");
      Matcher m = Pattern.compile("\\[1\\] (\\d+)").matcher(job);
      assertTrue(m.find(), job);
      // The child's first step, util-linux unshare, makes the namespace after spawn has
      // returned, then execs sleep: wait for that.
      long pid = Long.parseLong(m.group(1));
      Programs.await("unshare to exec sleep", () -> Programs.proc(pid, "comm").equals("sleep\n"));
      long id = Claims.nsId("/proc/" + m.group(1) + "/ns/uts");
      assertNotEquals(lab.ns(NsFile.UTS), id);
      Pattern line = Pattern.compile("(?m)^" + id + " uts\\s+1\\s+" + m.group(1) + " ");
      assertTrue(line.matcher(lab.ok("lsns -t uts")).find(), "nslab's lsns");
      assertTrue(line.matcher(Claims.run("lsns", "-t", "uts").ok()).find(), "util-linux lsns");
      lab.ok("kill %1");
    }
  }

  /**
   * Step 4: "namespaces belong to threads. unshare(2) moves only the thread that calls it, and
   * /proc/PID/ns shows a process's first thread, which never moved"; step 5: "/proc/TID/ns and
   * nsenter -t TID accept a thread id too".
   */
  @Test
  void unshareMovesOnlyTheCallingThreadAndAThreadIdNamesIt() throws Exception {
    long host = Claims.nsId("/proc/thread-self/ns/uts");
    try (Claims.Nslab lab = new Claims.Nslab()) {
      lab.ok("unshare uts");
      lab.ok("hostname in-thread");
      long mine = lab.ns(NsFile.UTS);
      assertNotEquals(host, mine);
      assertEquals(host, Claims.nsId("/proc/" + lab.pid() + "/ns/uts"), "the first thread");
      assertEquals(mine, Claims.nsId("/proc/" + lab.pid() + "/task/" + lab.tid() + "/ns/uts"));
      assertEquals(mine, Claims.nsId("/proc/" + lab.tid() + "/ns/uts"), "/proc/TID/ns");
      assertEquals("in-thread\n",
          Claims.run("nsenter", "-t", Integer.toString(lab.tid()), "-u", "hostname").ok());
      assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")),
          Claims.run("nsenter", "-t", Integer.toString(lab.pid()), "-u", "hostname").ok());
    }
  }

  /**
   * Step 6: "Nothing holds the namespace you made any more ... So the kernel frees it, and its
   * id may be handed out again to a later namespace. An id names a namespace only while the
   * namespace exists." While one is held, a new one gets another id; once it is freed, the
   * kernel hands out the lowest free inode number, often the same one again (at most 20 tries:
   * another namespace made meanwhile on the machine may take it).
   */
  @Test
  void aFreedNamespacesIdMayBeHandedOutAgain() throws Exception {
    String held = Claims.unshare("-u",
        "readlink /proc/self/ns/uts; unshare -u readlink /proc/self/ns/uts").ok();
    String[] two = held.split("\n");
    assertNotEquals(two[0], two[1], "two namespaces alive at once: two ids");
    boolean reused = false;
    for (int i = 0; i < 20 && !reused; i++) {
      String a = Claims.run("unshare", "-u", "readlink", "/proc/self/ns/uts").ok();
      String b = Claims.run("unshare", "-u", "readlink", "/proc/self/ns/uts").ok();
      reused = a.equals(b);
    }
    assertTrue(reused, "no id was handed out twice in 20 tries");
  }
}
