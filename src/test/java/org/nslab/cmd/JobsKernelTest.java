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

/** spawn --bg keeps PID 1 alive; later children join its namespace; kill ends it. */
@Tag("kernel")
class JobsKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  @Test
  void laterChildrenJoinALivingPid1AndPsInsideSeesOnlyThem() throws Exception {
    int hostPid;
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare pid,mnt");
      Matcher m = Pattern.compile("^\\[1\\] (\\d+)  \\(PID 1 of pid namespace \\d+")
          .matcher(lab.ok("spawn --bg sleep 1000"));
      assertTrue(m.find());
      hostPid = Integer.parseInt(m.group(1));
      assertEquals("2\n", lab.ok("spawn sh -c 'echo $$'"));
      // A proc mounted from inside the PID namespace shows that namespace only.
      String ps = lab.ok("spawn sh -c 'mount -t proc proc /proc && ps -o pid=,comm='");
      assertTrue(ps.matches("(?s)\\s*1 sleep\\n.*"), ps);
      assertFalse(ps.contains("java"), ps);
      assertTrue(lab.ok("jobs").contains("Running  sleep 1000"));
      // TERM from the parent namespace to a PID 1 without a handler is dropped.
      String term = lab.ok("kill %1");
      assertTrue(term.contains("still running") && term.contains("the kernel dropped it"), term);
      assertTrue(Files.exists(Path.of("/proc", Integer.toString(hostPid))), "PID 1 lives on");
      assertTrue(lab.ok("kill -s KILL %1").contains("Done (killed by SIGKILL)"));
      LabSession.Result dead = lab.run("spawn true");
      assertTrue(dead.err().contains("has ended (killed by SIGKILL)"), dead.err());
    }
    assertFalse(Files.exists(Path.of("/proc", Integer.toString(hostPid))));
  }

  /** kill says how a job ended when the signal ends it, at once and on any machine. */
  @Test
  void aSignalThatEndsAJobIsWaitedForSoKillSaysHowItEnded() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("spawn --bg sleep 1000");
      assertTrue(lab.ok("kill %1").contains("Done (killed by SIGTERM)"));
      // Job 1 has ended and been said: its pid is free, and kill sends nothing there.
      LabSession.Result again = lab.run("kill %1");
      assertTrue(again.status() != 0 && again.err().contains("has already ended"), again.err());
      assertTrue(lab.ok("spawn --bg sleep 1001").startsWith("[2] "));
      assertTrue(lab.ok("kill -s INT %2").contains("Done (killed by SIGINT)"));
    }
  }

  @Test
  void aJobThatEndedIsListedOnceThenForgottenAndItsNumberIsFreeAgain() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("spawn --bg sleep 1000");
      lab.ok("spawn --bg true");
      String pid = lab.ok("spawn --bg sleep 1001").replaceAll("(?s)^\\[3\\] (\\d+).*", "$1");
      lab.ok("kill -s KILL %3");
      // Until the kernel has it, true may still run: wait for its end without a timer.
      Matcher m = Pattern.compile("\\[2\\] \\d+ +Done").matcher("");
      String first = "";
      for (int i = 0; i < 100_000 && !m.reset(first).find(); i++) {
        first = lab.ok("jobs");
      }
      assertTrue(first.contains("[1]") && first.contains("Running  sleep 1000"), first);
      assertTrue(first.matches("(?s).*\\[2\\] \\d+ +Done.*"), first);
      assertTrue(first.contains("[3] " + pid) && first.contains("killed by SIGKILL"), first);
      String second = lab.ok("jobs");
      assertEquals(1, second.lines().count(), second);
      assertTrue(second.startsWith("[1] "), second);
      // The highest number in use is 1 again: the next job is 2, as bash numbers them.
      assertTrue(lab.ok("spawn --bg sleep 1002").startsWith("[2] "));
    }
  }

  @Test
  void backgroundJobsEndWithTheSession() throws Exception {
    int hostPid;
    try (LabSession lab = new LabSession()) {
      Matcher m = Pattern.compile("^\\[1\\] (\\d+)\\n").matcher(lab.ok("spawn --bg sleep 1000"));
      assertTrue(m.find());
      hostPid = Integer.parseInt(m.group(1));
      assertTrue(Files.exists(Path.of("/proc", m.group(1))));
      assertEquals("no jobs (spawn --bg starts one)\n", new LabSession().ok("jobs"));
    }
    assertFalse(Files.exists(Path.of("/proc", Integer.toString(hostPid))), "the job outlived the session");
    assertEquals(java.util.List.of(), PidKernelTest.zombieChildren());
  }

  @Test
  void killErrors() throws Exception {
    try (LabSession lab = new LabSession()) {
      assertTrue(lab.run("kill %9").err().contains("no job %9"));
      assertEquals(Interpreter.USAGE, lab.run("kill -s FOO 1").status());
      assertTrue(lab.run("kill 999999999").err().contains("ESRCH"));
      assertEquals(9, KillCommand.signal("kill"));
      assertEquals(15, KillCommand.signal("SIGTERM"));
      assertEquals(2, KillCommand.signal("2"));
    }
  }
}
