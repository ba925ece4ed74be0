package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;
import org.nslab.ns.NsSnapshot;

/** nsenter, ns reset, ns save/restore and spawn --ns, with setns(2) on the real kernel. */
@Tag("kernel")
class RewindKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  @Test
  void resetGoesBackToTheStartAndTheGuardsApplyAgain() throws Exception {
    String outside = LabSession.outsideHostname();
    try (LabSession lab = new LabSession()) {
      NsSnapshot start = lab.session().task().namespaces();
      lab.ok("unshare uts,mnt,ipc,net");
      lab.ok("hostname demo");
      lab.ok("umount -l /proc");
      String out = lab.ok("ns reset");
      assertTrue(out.contains("(start)"), out);
      assertEquals(start, lab.session().task().namespaces());
      assertEquals(outside + "\n", lab.ok("hostname"));
      assertTrue(lab.ok("spawn ps -o comm= -p 1").length() > 0, "/proc is back");
      assertTrue(lab.run("hostname again").err().contains("refusing"));
      assertEquals("already in the namespaces the shell started in\n", lab.ok("ns reset"));
    }
  }

  @Test
  void saveAndRestoreKeepANamespaceAliveWithNoProcessInIt() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare uts");
      lab.ok("hostname demo");
      assertTrue(lab.ok("ns save demo").startsWith("saved demo: uts "));
      lab.ok("ns reset");
      lab.ok("unshare uts");
      lab.ok("hostname other");
      // No thread is in "demo" now; the saved fd alone keeps it.
      assertEquals("demo\n", lab.ok("spawn --ns demo hostname"));
      assertEquals("other\n", lab.ok("hostname"));
      assertTrue(lab.ok("ns restore demo").contains("(restored demo)"));
      assertEquals("demo\n", lab.ok("hostname"));
      assertEquals("already at demo\n", lab.ok("ns restore demo"));
      assertTrue(lab.ok("ns points").startsWith("demo: uts "));
      assertTrue(lab.run("ns restore nope").err().contains("no saved point 'nope' (saved: demo)"));
    }
  }

  @Test
  void nsenterJoinsAnotherProcesssNamespaces() throws Exception {
    Process other =
        new ProcessBuilder(
                "unshare", "--uts", "sh", "-c", "hostname elsewhere && echo ready && exec sleep 60")
            .start();
    try (LabSession lab = new LabSession()) {
      byte[] ready = other.getInputStream().readNBytes(6);
      assertEquals("ready\n", new String(ready, StandardCharsets.UTF_8));
      String out = lab.ok("nsenter -t " + other.pid() + " uts");
      assertTrue(out.contains("(joined " + other.pid() + ")"), out);
      assertEquals("elsewhere\n", lab.ok("hostname"));
      assertEquals("elsewhere\n", lab.ok("spawn hostname"));
      lab.ok("ns reset");
      assertNotEquals("elsewhere\n", lab.ok("hostname"));
      assertEquals("elsewhere\n", lab.ok("spawn --ns " + other.pid() + " hostname"));
      assertNotEquals("elsewhere\n", lab.ok("hostname"));
    } finally {
      other.destroyForcibly();
      other.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void pidResetSendsChildrenBackAndTimeCannotBeJoined() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare pid");
      assertEquals("1\n", lab.ok("spawn sh -c 'echo $$'"));
      lab.ok("ns reset pid");
      assertNotEquals("1\n", lab.ok("spawn sh -c 'echo $$'"));
      lab.ok("unshare time");
      assertTrue(lab.ok("ns reset").contains("time: stays"));
      LabSession.Result r = lab.run("ns reset time");
      assertEquals(1, r.status());
      assertTrue(r.err().contains("CLONE_NEWTIME): EUSERS"), r.err());
      assertTrue(r.err().contains("single thread"), r.err());
      assertTrue(lab.run("nsenter -t 999999999").err().contains("ENOENT"));
      assertEquals(Interpreter.USAGE, lab.run("nsenter uts").status());
      assertEquals(Interpreter.USAGE, lab.run("ns restore").status());
    }
  }
}
