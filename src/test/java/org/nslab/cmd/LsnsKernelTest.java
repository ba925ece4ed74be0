package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;
import org.nslab.ns.NsFile;

/** lsns finds the lab task's per-thread namespaces, which util-linux lsns cannot see. */
@Tag("kernel")
class LsnsKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (new File(dir, tool).canExecute()) {
        return true;
      }
    }
    return false;
  }

  @Test
  void listsTheLabTasksNewNamespaceWithItsThreadId() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare uts");
      long id = lab.session().task().namespace(NsFile.UTS).inode();
      int tid = lab.session().task().tid();
      String out = lab.ok("lsns -t uts");
      assertTrue(out.startsWith("        NS TYPE"), out);
      Matcher m = Pattern.compile("(?m)^" + id + " uts\\s+1\\s+" + tid + " \\S+ .*$").matcher(out);
      assertTrue(m.find(), out);
      assertTrue(out.contains("util-linux lsns, which reads /proc/PID/ns, does not list it"), out);
      if (onPath("lsns")) {
        // The point of the exercise: util-linux really does not list it.
        assertFalse(run("lsns", "-t", "uts").contains(Long.toString(id)));
      }
      assertTrue(lab.ok("lsns -p " + tid + " -t uts").contains(Long.toString(id)));
    }
  }

  @Test
  void withoutHeadingsOnlyRowsGoToStandardOutputAndTheNoteToStandardError() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare uts");
      long id = lab.session().task().namespace(NsFile.UTS).inode();
      LabSession.Result r = lab.run("lsns -n -t uts");
      assertEquals(0, r.status(), r.all());
      for (String line : r.out().split("\n")) {
        assertTrue(line.matches("\\d+ uts +\\d+ +\\d+ \\S+ *.*"), "not a row: " + line);
      }
      assertTrue(r.out().contains(id + " uts "), r.out());
      assertEquals("only a thread is in uts " + id + " (its id is in the PID column): util-linux"
          + " lsns, which reads /proc/PID/ns, does not list it\n", r.err());
      // The same columns as with headings: the table without its first line.
      String[] full = lab.ok("lsns -t uts").split("\n");
      assertEquals(full[1].indexOf(" uts "), r.out().indexOf(" uts "));
    }
  }

  @Test
  void jsonHasTheShapeOfUtilLinuxLsnsJ() throws Exception {
    try (LabSession lab = new LabSession()) {
      String ours = lab.ok("lsns -J -t mnt");
      assertTrue(ours.startsWith("{\n   \"namespaces\": [\n      {\n         \"ns\": "), ours);
      assertEquals(keys(ours).subList(0, 6), List.of("ns", "type", "nprocs", "pid", "user", "command"));
      if (onPath("lsns")) {
        String theirs = run("lsns", "-J", "-t", "mnt");
        assertEquals(keys(theirs).subList(0, 6), keys(ours).subList(0, 6));
        assertEquals(theirs.substring(0, 40), ours.substring(0, 40));
      }
    }
  }

  @Test
  void namespacesGoAwayWhenTheSessionCloses() throws Exception {
    long id;
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare uts,ipc");
      id = lab.session().task().namespace(NsFile.UTS).inode();
    }
    try (LabSession other = new LabSession()) {
      // The lab task thread is gone, and with it the only reference to the namespace.
      String out = "";
      for (int i = 0; i < 50; i++) {
        out = other.ok("lsns -t uts");
        if (!out.contains(Long.toString(id))) {
          break;
        }
        Thread.sleep(20);
      }
      assertFalse(out.contains(Long.toString(id)), out);
    }
  }

  @Test
  void badTypesAndPidsAreUsageErrors() throws Exception {
    try (LabSession lab = new LabSession()) {
      assertTrue(lab.run("lsns -t utz").err().contains("unknown namespace kind 'utz'"));
      assertEquals(Interpreter.USAGE, lab.run("lsns -p abc").status());
      assertTrue(lab.run("lsns -p 999999999").err().contains("no process or thread"));
    }
  }

  private static List<String> keys(String json) {
    List<String> keys = new ArrayList<>();
    Matcher m = Pattern.compile("\"(\\w+)\": ").matcher(json);
    while (m.find()) {
      if (!m.group(1).equals("namespaces")) {
        keys.add(m.group(1));
      }
    }
    return keys;
  }
}
