package org.nslab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.lab.Lab;
import org.nslab.lab.LabParser;

/** The sandbox's pure parts: how an ending is put in words. */
class SandboxTest {
  @Test
  void aSandboxKilledByASignalIsToldByTheSignalsName() {
    assertEquals("killed by SIGKILL", Sandbox.exitWords(137));
    assertEquals("killed by SIGSEGV", Sandbox.exitWords(139));
    assertEquals("exit status 127", Sandbox.exitWords(127));
  }

  @Test
  void aSandboxThatDiedKeepsThePointsOfTheStepsItHadPassed() throws Exception {
    Lab lab = LabParser.parse(Path.of("labs/uts.md"));
    Report r = Sandbox.cutShort(lab, "alice.txt", Map.of(0, 3, 1, 5),
        "the sandbox ended at line 7 (spawn x) without a report (killed by SIGKILL): ...", "en",
        10);
    assertEquals(null, r.error(), "graded, not 'not graded'");
    int first = r.steps().get(0).max() + r.steps().get(1).max();
    assertEquals(first, r.score());
    assertTrue(r.max() > first);
    assertEquals(5, r.steps().get(1).passedAfter());
    assertEquals(-1, r.steps().get(2).passedAfter());
    assertTrue(r.stopped().startsWith("the sandbox ended at line 7"), r.stopped());
  }
}
