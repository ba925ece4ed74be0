package org.nslab.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Root;
import org.nslab.cmd.Console;
import org.nslab.cmd.Interpreter;
import org.nslab.cmd.Paint;
import org.nslab.cmd.Registry;
import org.nslab.cmd.Session;

/**
 * The workshop in a live session (as root, in this JVM's fresh namespaces): a step passed by
 * a command is noticed at once, in one line; check wants the step's own work, and says each
 * check in words.
 */
@Tag("kernel")
class WorkshopKernelTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private Session session;
  private Interpreter interpreter;

  @BeforeEach
  void open() throws Exception {
    Root.assume("the lab unshares");
    interpreter = new Interpreter(Registry.standard(), false);
    new Workshop(Path.of("labs"), Progress.load(dir.resolve("progress.json")), "en")
        .install(interpreter);
    session = Session.open(new PrintWriter(out, true), new PrintWriter(out, true), Paint.NONE,
        Console.NONE, Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C"));
  }

  @AfterEach
  void close() {
    if (session != null) {
      session.close();
    }
  }

  /** Types a line as the student would, and returns its status and what was printed. */
  private String type(String line) {
    int status = interpreter.executeTyped(session, line);
    String printed = out.toString();
    out.getBuffer().setLength(0);
    return "[" + status + "]\n" + printed;
  }

  @Test
  void aPassedStepIsNoticedAfterTheCommandThatPassedIt() {
    type("lab start uts");
    // Step 1 only looks: nothing to check, and check says so rather than "passed".
    String c = type("check");
    assertTrue(c.contains("This step only looks"), c);
    type("lab next");
    String nothing = type("check");
    assertTrue(nothing.startsWith("[1]"), nothing);
    assertTrue(nothing.contains("✗ your UTS namespace is still the one the shell started in"),
        nothing);
    String unshare = type("unshare uts");
    assertTrue(unshare.contains("✓ Step 2 done (3 of 3 points): lab next goes on"), unshare);
    assertEquals(1, unshare.lines().filter(l -> l.contains("✓")).count(), unshare);
    String again = type("hostname");
    assertFalse(again.contains("Step 2 done"), "said once: " + again);
    String passed = type("check");
    assertTrue(passed.startsWith("[0]"), passed);
    // In the lab's words, not the check's syntax.
    assertTrue(passed.contains("✓ the lab task's uts namespace is a new one"), passed);
    assertTrue(passed.contains("✓ only uts is new: every other namespace is the one the shell"
        + " started in"), passed);
    assertTrue(passed.contains("Step 3: rename the container"), "check goes on: " + passed);
  }

  @Test
  void workDoneBeforeTheStepBeganNeedsACommandInIt() {
    type("lab start uts");
    type("unshare uts"); // step 2's work, typed in step 1
    type("lab next");
    String early = type("check");
    assertTrue(early.startsWith("[1]"), early);
    assertTrue(early.contains("Every check already held when this step began"), early);
    String ns = type("ns self");
    assertTrue(ns.contains("✓ Step 2 done"), ns);
  }

  @Test
  void aSpawnCheckIsNotTriedUnaskedInTheLabsOwnPidNamespace() {
    type("lab start pid");
    type("lab step 3");
    String unshare = type("unshare pid,mnt");
    // Step 3's join check would start PID 1 of the new namespace: not tried, no notice.
    assertFalse(unshare.contains("done"), unshare);
    String sleep = type("spawn --bg sleep 1000");
    // Nor PID 2: the student's next child is to be 2, as the lab says.
    assertFalse(sleep.contains("done"), sleep);
    assertTrue(type("spawn sh -c 'echo $$'").contains("\n2\n"), "the student's child is 2");
    assertTrue(type("spawn sh -c 'echo $$'").contains("\n3\n"));
    String check = type("check");
    assertTrue(check.startsWith("[0]") && check.contains("Step 3 passed (5 of 5 points)"), check);
    type("kill -s KILL %1");
  }

  /** A lab begins where the shell started: lab start says when the lab task is elsewhere. */
  @Test
  void labStartSaysWhenTheLabTaskIsNotWhereTheShellStarted() {
    type("unshare uts,mnt");
    String started = type("lab start mount");
    assertTrue(started.contains("the lab task is not where the shell started: its mnt uts"
        + " namespaces are new"), started);
    type("ns reset");
    // pid is said by where children go: the lab task's own PID namespace never changes.
    type("unshare pid");
    String pid = type("lab start mount");
    assertTrue(pid.contains("its pid namespaces are new"), pid);
    // ns reset takes the children back too, though the new namespace has no PID 1 yet.
    assertFalse(type("ns reset").contains("already in the namespaces the shell started in"));
    String missing = type("lab start /no/such/lab.md");
    assertTrue(missing.startsWith("[1]") && missing.contains("/no/such/lab.md: no such file"),
        missing);
    type("lab reset mount");
    String clean = type("lab start mount");
    assertFalse(clean.contains("not where the shell started"), clean);
  }

  @Test
  void labStartRefusesAMalformedLabWithStatusTwo() throws Exception {
    Path bad = dir.resolve("bad.md");
    Files.writeString(bad, "## Step 1\n\n```check\n1 hostname was demo | m\n```\n");
    String r = type("lab start " + bad);
    assertTrue(r.startsWith("[2]\nlab: " + bad + ":4: malformed check 'hostname was demo'"), r);
  }
}
