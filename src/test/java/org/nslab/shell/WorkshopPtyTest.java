package org.nslab.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Root;

/** A student's workshop session and an instructor's demo, through a real pseudo-terminal. */
@Timeout(180)
@Tag("kernel")
class WorkshopPtyTest {
  private static final String PROMPT =
      "\\nnslab( \\S+)?( \\[[a-z ]+\\])?( \\([a-z]+ \\d+/\\d+\\))?>\\z";

  @TempDir Path dir;

  private List<String> env() {
    return List.of("NSLAB_HISTORY=" + dir.resolve("history"),
        "NSLAB_STATE_DIR=" + dir.resolve("state"),
        "NSLAB_LABS=" + Path.of("labs").toAbsolutePath(), "LANG=C.UTF-8");
  }

  @Test
  void aStudentTakesHintsFailsACheckFixesItCrashesAndFindsTheProgress() throws Exception {
    Root.assume("the lab unshares");
    assumeTrue(Tmux.onPath("tmux"), "needs tmux on PATH to give nslab a pseudo-terminal");
    String host = Tmux.testHostname();
    try (Tmux t = new Tmux(dir.resolve("a"))) {
      Files.createDirectories(dir.resolve("a"));
      t.startNslab(env());
      t.awaitScreen(PROMPT);
      t.command("lab start uts");
      t.awaitScreen("Step 1: the hostname belongs to a namespace[\\s\\S]*hints: 0 of 1 shown"
          + "[\\s\\S]*" + PROMPT);
      t.command("answer");
      t.awaitScreen("take the hints first: 0 of 1 shown[\\s\\S]*" + PROMPT);
      t.command("hint");
      t.awaitScreen("Hint 1 of 1\\n +Type hostname alone[\\s\\S]*" + PROMPT);
      t.command("answer");
      t.awaitScreen("The expected commands:\\n +hostname\\n +hostname container1" + PROMPT);
      // Step 1 only looks: there is nothing to check, and check does not call it passed.
      t.command("check");
      t.awaitScreen("This step only looks: nothing to check. lab next goes on." + PROMPT);
      t.command("lab next");
      t.awaitScreen("Step 2: a UTS namespace of your own[\\s\\S]*" + PROMPT);
      // Step 2 checked before its work: what is not right yet, in the lab's words.
      t.command("check");
      t.awaitScreen("✗ your UTS namespace is still the one the shell started in: run unshare"
          + " uts first\\n +✗ uts must be the only new namespace[\\s\\S]*\\n0 of 2 checks hold"
          + " \\(0 of 3 points\\)[\\s\\S]*" + PROMPT);
      // The command that does the step's work passes it, and nslab says so by itself.
      t.command("unshare uts");
      t.awaitScreen("\\(new\\)\\n✓ Step 2 done \\(3 of 3 points\\): lab next goes on, check"
          + " shows the details\\." + PROMPT);
      t.command("check");
      t.awaitScreen("Step 2 passed \\(3 of 3 points\\)[\\s\\S]*Step 3: rename the container"
          + "[\\s\\S]*" + PROMPT);
      t.command("hostname container1");
      t.awaitScreen("-> container1[\\s\\S]*✓ Step 3 done \\(5 of 5 points\\)[^\\n]*"
          + "\\nnslab container1 \\[uts\\] \\(uts 3/4\\)>\\z");
      // A crash: nslab is killed outright, with no chance to save anything more.
      new ProcessBuilder("kill", "-KILL", t.paneFormat("#{pane_pid}")).start().waitFor();
      assertEquals("killed by signal 9", t.awaitExitStatus());
    }
    assertEquals(host, Tmux.testHostname(), "the lab renamed the test's own namespace");

    try (Tmux t = new Tmux(dir.resolve("b"))) {
      Files.createDirectories(dir.resolve("b"));
      t.startNslab(env());
      t.awaitScreen(PROMPT);
      t.command("lab list");
      t.awaitScreen("\\nuts +3/4 +1 +\\S+ +Your own hostname: the UTS namespace" + PROMPT);
      t.command("lab start uts");
      t.awaitScreen("lab uts: back at step 3 \\(3 of 4 steps passed\\)[\\s\\S]*"
          + "Step 3: rename the container" + "[\\s\\S]*" + PROMPT);
      t.command("lab submit " + dir.resolve("sub.txt"));
      t.awaitScreen("wrote 2 commands to " + dir.resolve("sub.txt") + "[\\s\\S]*" + PROMPT);
      t.command("exit");
      assertEquals("exit status 0", t.awaitExitStatus(), t::dump);
    }
    String submission = Files.readString(dir.resolve("sub.txt"));
    assertTrue(submission.contains("\n# step 2\nunshare uts\n\n# step 3\nhostname container1\n"),
        submission);
    String progress = Files.readString(dir.resolve("state/progress.json"));
    assertTrue(progress.contains("\"uts\": {\"step\": 3"), progress);

    // What lab submit wrote is what nslab grade takes: these two commands pass steps 2 and 3,
    // and step 4 (which leaves and comes back to a saved point) earns nothing without its own.
    java.io.ByteArrayOutputStream report = new java.io.ByteArrayOutputStream();
    java.io.PrintStream ps = new java.io.PrintStream(report, true, "UTF-8");
    int status = org.nslab.cli.GradeMain.run(
        List.of("labs/uts.md", dir.resolve("sub.txt").toString()), ps, ps);
    assertEquals(1, status, report.toString("UTF-8"));
    assertTrue(report.toString("UTF-8").contains("8/12 points, 3 of 4 steps"),
        report.toString("UTF-8"));
  }

  @Test
  void recordingKeepsTheTerminalForAnInteractiveShellAndTheLabStillReplays() throws Exception {
    Root.assume("the session unshares");
    assumeTrue(Tmux.onPath("tmux"), "needs tmux on PATH to give nslab a pseudo-terminal");
    Path lab = dir.resolve("rec.md");
    try (Tmux t = new Tmux(dir)) {
      t.startNslab(env());
      t.awaitScreen(PROMPT);
      t.command("record " + lab);
      t.awaitScreen("record: recording to[\\s\\S]*" + PROMPT);
      t.command("unshare uts");
      t.awaitScreen("\\(new\\)" + PROMPT);
      t.command("hostname rec");
      t.awaitScreen("-> rec[\\s\\S]*" + PROMPT);
      // The child shell reads the keyboard: it has the terminal, as without record.
      t.command("spawn sh");
      t.awaitScreen("\\n#\\z");
      t.command("hostname");
      t.awaitScreen("\\nrec\\n#\\z");
      t.command("exit");
      t.awaitScreen("\\[sh: exit status 0\\]" + PROMPT);
      t.command("spawn hostname");
      t.awaitScreen("\\nrec" + PROMPT);
      t.command("record stop");
      t.awaitScreen("record: wrote " + lab + " \\(4 commands\\)[\\s\\S]*" + PROMPT);
      t.command("exit");
      assertEquals("exit status 0", t.awaitExitStatus(), t::dump);
    }
    String text = Files.readString(lab);
    assertTrue(text.contains("`spawn sh` was interactive: it had the terminal, and what was"
        + " typed in it was not recorded."), text);
    assertTrue(text.contains("> spawn sh\n...\n> spawn hostname\nrec\n"), text);
    java.io.ByteArrayOutputStream replay = new java.io.ByteArrayOutputStream();
    java.io.PrintStream ps = new java.io.PrintStream(replay, true, "UTF-8");
    assertEquals(0, org.nslab.cli.LabMain.run(List.of(lab.toString()), ps, ps),
        replay.toString("UTF-8") + "\n" + text);
  }

  @Test
  void anInstructorsDemoRunsToItsEndGoingBackAStepOnTheWay() throws Exception {
    Root.assume("the lab unshares");
    assumeTrue(Tmux.onPath("tmux"), "needs tmux on PATH to give nslab a pseudo-terminal");
    String host = Tmux.testHostname();
    try (Tmux t = new Tmux(dir)) {
      t.startNslab(env(), "demo", "--pace", "1", "labs/uts.md");
      t.awaitScreen("\\[Enter: start +q: quit\\]\\z");
      t.key("Enter");
      t.awaitScreen("Step 1: the hostname belongs to a namespace[\\s\\S]*nslab> hostname"
          + " container1\\nhostname: refusing[\\s\\S]*\\[Enter: next step[^\\n]*\\z");
      t.key("Enter");
      t.awaitScreen("nslab> unshare uts\\nuts +\\d+ -> \\d+ +\\(new\\)\\n +╔═+╗\\n +║ +UTS +"
          + "\\d+ +──▶ +\\d+ +║[\\s\\S]*\\[Enter: next step[^\\n]*\\z");
      // Back a step: the namespaces go back to where step 1 started.
      t.key("b");
      t.awaitScreen("<< back to the start of step 1: namespaces restored\\n +uts +\\d+ -> \\d+ +"
          + "\\(restored demo-step-1\\)[\\s\\S]*Step 1: the hostname[\\s\\S]*hostname: refusing"
          + "[\\s\\S]*\\[Enter: next step[^\\n]*\\z");
      for (int step = 2; step <= 4; step++) {
        t.key("Right");
        t.awaitScreen("Step " + step + ":[\\s\\S]*\\[Enter: (next step|end)[^\\n]*\\z");
      }
      t.key("Enter");
      t.awaitScreen("end of uts\\z");
      assertEquals("exit status 0", t.awaitExitStatus(), t::dump);
    }
    assertEquals(host, Tmux.testHostname());
  }

  @Test
  void theDemoShowsAStepAgainFromItsStartOnAClearedScreen() throws Exception {
    Root.assume("the lab unshares");
    assumeTrue(Tmux.onPath("tmux"), "needs tmux on PATH to give nslab a pseudo-terminal");
    String host = Tmux.testHostname();
    String h = java.util.regex.Pattern.quote(host);
    try (Tmux t = new Tmux(dir)) {
      t.startNslab(env(), "demo", "--pace", "0", "labs/uts.md");
      t.awaitScreen("\\[Enter: start +q: quit\\]\\z");
      t.key("Enter");
      t.awaitScreen("Step 1: the hostname belongs[\\s\\S]*\\[Enter: next step[^\\n]*\\z");
      t.key("Enter");
      t.awaitScreen("Step 2:[\\s\\S]*\\(new\\)[\\s\\S]*\\[Enter: next step[^\\n]*\\z");
      // A step of its own on the screen: the one before has gone (to the scrollback).
      String screen = t.visible();
      assertTrue(screen.contains("Step 2:") && !screen.contains("Step 1:"), t::dump);
      t.key("Enter");
      t.awaitScreen("Step 3:[\\s\\S]*nslab> hostname container1\\nhostname " + h
          + " -> container1[\\s\\S]*\\[Enter: next step[^\\n]*\\z");
      // Again: from the step's start, hostname and all, so it runs as it did the first time.
      t.key("r");
      t.awaitScreen("<< back to the start of step 3: namespaces restored\\n[\\s\\S]*hostname"
          + " container1 -> " + h + " +\\(as step 3 began\\)[\\s\\S]*Step 3:[\\s\\S]*"
          + "nslab> hostname container1\\nhostname " + h + " -> container1[\\s\\S]*"
          + "\\[Enter: next step[^\\n]*\\z");
      t.key("q");
      assertEquals("exit status 0", t.awaitExitStatus(), t::dump);
    }
    assertEquals(host, Tmux.testHostname());
  }
}
