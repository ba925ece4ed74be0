package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;

/** Seed 003 in-process: a queue made with ipcmk inside a new IPC namespace stays there. */
@Tag("kernel")
class IpcKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  private static String outsideQueues() throws Exception {
    return Files.readString(Path.of("/proc/sysvipc/msg"));
  }

  @Test
  void queueMadeInsideIsListedInsideOnlyAndRemovable() throws Exception {
    String outside = outsideQueues();
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare ipc");
      Matcher made = Pattern.compile("^Message queue id: (\\d+)  \\(in ipc \\d+\\)\n$")
          .matcher(lab.ok("ipcmk -Q"));
      assertTrue(made.find());
      String id = made.group(1);
      String listed = lab.ok("ipcs -q");
      assertTrue(listed.matches("(?s).*\n0x[0-9a-f]{8} " + id + " +root +644 +0 +0 *\n.*"), listed);
      // An external tool started by the lab task sees it too; the outside does not.
      assertTrue(lab.ok("spawn ipcs -q").contains(" " + id + " "));
      assertEquals(outside, outsideQueues());
      lab.ok("ipcrm -q " + id);
      assertFalse(lab.ok("ipcs -q").matches("(?s).*\n0x[0-9a-f]{8} .*"));
      LabSession.Result again = lab.run("ipcrm -q " + id);
      assertTrue(again.err().contains("msgctl(" + id + ", IPC_RMID, NULL): EINVAL"), again.err());
      lab.ok("ipcmk -Q -p 600");
    }
    // The namespace, and the queue left in it, went with the lab task.
    assertEquals(outside, outsideQueues());
  }

  /**
   * ipcs with no option lists the three kinds as util-linux ipcs does, byte for byte: compared
   * with spawn ipcs in a new IPC namespace holding one object of each kind.
   */
  @Test
  void ipcsPrintsWhatUtilLinuxPrints() throws Exception {
    String outside = outsideQueues();
    String outsideShm = Files.readString(Path.of("/proc/sysvipc/shm"));
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare ipc");
      String empty = lab.ok("ipcs");
      assertEquals(lab.ok("spawn ipcs"), empty);
      assertTrue(empty.contains("------ Shared Memory Segments --------")
          && empty.contains("------ Semaphore Arrays --------"), empty);
      lab.ok("ipcmk -Q");
      lab.ok("spawn ipcmk -M 4096");
      lab.ok("spawn ipcmk -S 3");
      lab.ok("spawn ipcmk -Q -p 600");
      String all = lab.ok("ipcs");
      assertEquals(lab.ok("spawn ipcs"), all);
      assertTrue(all.matches("(?s).*\n0x[0-9a-f]{8} \\d+ +root +644 +4096 +0 +\n.*"), all);
      for (String option : new String[] {"-q", "-m", "-s", "-a"}) {
        assertEquals(lab.ok("spawn ipcs " + option), lab.ok("ipcs " + option), option);
      }
    }
    assertEquals(outside, outsideQueues());
    assertEquals(outsideShm, Files.readString(Path.of("/proc/sysvipc/shm")));
  }

  @Test
  void theHostsQueuesAreNeverTouchedByDefault() throws Exception {
    String outside = outsideQueues();
    try (LabSession lab = new LabSession()) {
      assertTrue(lab.run("ipcmk -Q").err().contains("refusing to make a queue"));
      assertTrue(lab.run("ipcrm -q 0").err().contains("refusing to remove a queue"));
      assertEquals(Interpreter.USAGE, lab.run("ipcmk").status());
      assertEquals(Interpreter.USAGE, lab.run("ipcrm -q x").status());
      assertEquals(Interpreter.USAGE, lab.run("ipcmk -Q -p 999").status());
    }
    assertEquals(outside, outsideQueues());
  }
}
