package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;
import org.nslab.sys.Syscalls;

/** ns self / ns PID read the real kernel's ids. These need no root. */
@Tag("kernel")
class NsKernelTest {
  @Test
  void nsSelfShowsEveryKindWithTheKernelsIds() throws Exception {
    try (LabSession lab = new LabSession()) {
      String out = lab.ok("ns self");
      for (String f :
          new String[] {"cgroup", "ipc", "mnt", "net", "pid", "pid_for_children", "time",
            "time_for_children", "user", "uts"}) {
        assertTrue(out.contains("\n  " + f + " "), f + " missing in\n" + out);
      }
      // The test thread has not moved, so its ids are the lab task's starting ids.
      String uts = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/uts")).toString();
      assertTrue(out.contains(uts.substring(5, uts.length() - 1)), out);
      assertTrue(!out.contains("new"), out);
    }
  }

  @Test
  void nsJsonListsTheSameIds() throws Exception {
    try (LabSession lab = new LabSession()) {
      String json = lab.ok("ns --json");
      assertTrue(json.contains("\"file\": \"pid_for_children\""), json);
      assertTrue(json.contains("\"changed\": false"), json);
      assertTrue(json.trim().startsWith("{") && json.trim().endsWith("}"), json);
    }
  }

  @Test
  void nsPidReadsAnotherProcess() throws Exception {
    try (LabSession lab = new LabSession()) {
      String out = lab.ok("ns " + Syscalls.getpid());
      assertTrue(out.startsWith("process " + Syscalls.getpid()), out);
      LabSession.Result r = lab.run("ns 999999999");
      assertEquals(1, r.status());
      assertTrue(r.err().contains("ENOENT"), r.err());
      assertEquals(Interpreter.USAGE, lab.run("ns abc").status());
    }
  }

  @Test
  void userNamespacesExplainWhyAJvmCannot() throws Exception {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
    try (LabSession lab = new LabSession()) {
      LabSession.Result r = lab.run("unshare user");
      assertEquals(1, r.status());
      assertTrue(r.err().contains("unshare(CLONE_NEWUSER): EINVAL (Invalid argument)"), r.err());
      assertTrue(r.err().contains("single-threaded"), r.err());
      assertTrue(r.err().contains("unshare --user --map-root-user"), r.err());
    }
  }
}
