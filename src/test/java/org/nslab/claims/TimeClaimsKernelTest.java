package org.nslab.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Root;
import org.nslab.cmd.LabSession;
import org.nslab.sys.LabTask;

/**
 * What labs/time.md says in its prose that neither its replay nor TimeKernelTest shows: each
 * test is one sentence of the lab, shown on the kernel in namespaces made for the test.
 */
@Tag("kernel")
class TimeClaimsKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create time namespaces (CAP_SYS_ADMIN, CAP_SYS_TIME)");
  }

  /**
   * Step 3: "util-linux unshare --time --fork --boottime 86400 ... unshares, writes
   * /proc/self/timens_offsets (...), then forks your program".
   */
  @Test
  void utilLinuxUnshareTimeForkUnsharesWritesProcSelfThenForks(@TempDir Path dir)
      throws Exception {
    assumeTrue(Programs.run("strace", "-V").status() == 0, "needs strace");
    Path trace = dir.resolve("trace");
    Claims.Ran r = Programs.run("strace", "-f", "-o", trace.toString(),
        "-e", "trace=unshare,openat,write,clone,clone3,fork,vfork",
        "unshare", "--time", "--fork", "--boottime", "86400", "true");
    assertEquals(0, r.status(), r.all());
    List<String> calls = Files.readAllLines(trace);
    int unshare = index(calls, "unshare(CLONE_NEWTIME) = 0");
    int open = index(calls, "openat(AT_FDCWD, \"/proc/self/timens_offsets\", O_WRONLY) = 3");
    int write = index(calls, "write(3, \"");
    int fork = index(calls, "clone");
    assertTrue(0 <= unshare && unshare < open && open < write && write < fork,
        "unshare, open, write, fork in this order:\n" + String.join("\n", calls));
    assertTrue(calls.get(write).contains(" 86400 0\""), calls.get(write));
  }

  /** The first line of CALLS (strace's, blanks squeezed) that contains TEXT, or -1. */
  private static int index(List<String> calls, String text) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).replaceAll("\\s+", " ").contains(text)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Step 3: "Without --fork, whether the program itself would be inside depends on the kernel:
   * 6.18 moves a process into its time_for_children when it execs, Debian 12's 6.1 does not".
   * The kernels that start a child after unshare time (6.18) are the ones that move on exec.
   */
  @Test
  void withoutForkTheProgramIsInsideOn618AndOutsideOn61() throws Exception {
    String host = Programs.ownNs("time");
    Claims.Ran r = Programs.run("unshare", "--time", "readlink", "/proc/self/ns/time",
        "/proc/self/ns/time_for_children");
    assertEquals(0, r.status(), r.all());
    List<String> ns = Programs.lines(r.out());
    assertNotEquals(host, ns.get(1), "time_for_children is the new namespace");
    if (LabTask.spawnsAfterUnshareTime()) {
      assertEquals(ns.get(1), ns.get(0), "6.18: exec moved the program into the new namespace");
    } else {
      assertEquals(host, ns.get(0), "6.1: the program stays where unshare(1) was");
    }
  }

  /**
   * Step 4: "The children already started keep their namespace and its offsets; the new one
   * starts with a copy of the old one's offsets".
   */
  @Test
  void childrenAlreadyStartedKeepTheirNamespaceAndItsOffsets() throws Exception {
    assumeTrue(LabTask.spawnsAfterUnshareTime(), "this kernel (" + System.getProperty(
        "os.version") + ") starts no child after unshare time (Linux 6.1 refuses: EINVAL)");
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare time --boottime 864000");
      Matcher m = Pattern.compile("\\[1\\] (\\d+)").matcher(lab.ok("spawn --bg sleep 60"));
      assertTrue(m.find());
      long job = Long.parseLong(m.group(1));
      String before = Programs.ns(job, "time");
      lab.ok("unshare time --boottime 86400");
      assertEquals("boottime 86400 0", boottime(lab.ok("spawn cat /proc/self/timens_offsets")));
      assertEquals(before, Programs.ns(job, "time"), "the job kept its namespace");
      assertEquals("boottime 864000 0", boottime(Programs.proc(job, "timens_offsets")));
    }
  }

  private static String boottime(String offsets) {
    return offsets.lines().filter(l -> l.startsWith("boottime")).findFirst().orElse("")
        .replaceAll("\\s+", " ");
  }
}
