package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a spawned child gets from nslab besides its namespaces. */
class SpawnKernelTest {
  @BeforeEach
  void root() {
    LabSession.assumeRoot();
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
}
