package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;

/** What a spawned child gets from nslab besides its namespaces. */
@Tag("kernel")
class SpawnKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  @Test
  void aChildGetsOnlyItsStandardDescriptors() throws Exception {
    try (LabSession lab = new LabSession()) {
      // ls's own fd 3 is the directory it reads. Without closing the rest, the child also got
      // the JVM's jar files, a socket and whatever nslab's parent left open.
      assertEquals("0\n1\n2\n3\n", lab.ok("spawn ls /proc/self/fd"));
      // A PID 1 also gets the pipe that holds it until nslab has seen it start, and no more.
      lab.ok("unshare pid");
      assertEquals("0\n1\n2\n3\n", lab.ok("spawn ls /proc/self/fd"));
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(20)
  void whatAChildLeavesInTheBackgroundDoesNotHoldTheCommand() throws Exception {
    try (LabSession lab = new LabSession()) {
      // sleep inherits the output pipe and would keep it open for 987 s.
      LabSession.Result r = lab.run("spawn sh -c 'echo started; sleep 987 &'");
      ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
          .endsWith("sleep 987")).forEach(ProcessHandle::destroyForcibly);
      assertEquals(0, r.status());
      assertEquals("started\n", r.out());
      assertEquals("spawn: sh has ended, but what it left running in the background still"
          + " holds its output: not waited for\n", r.err());
      // What comes right after the child ends is still shown, and then the pipe closes.
      assertEquals("hi\nlate\n", lab.ok("spawn sh -c 'echo hi; (sleep 0.02; echo late) &'"));
    }
  }
}
