package org.nslab.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * record on a real terminal with colours on, as a student or a teacher has it: the lab it
 * writes is plain text, marks standard error, and replays with nslab run.
 */
@Timeout(180)
@Tag("kernel")
class RecordPtyTest {
  private static final String PROMPT = "\\nnslab( \\S+)?( \\[[a-z ]+\\])?>\\z";

  @TempDir Path dir;

  @Test
  void aColouredSessionWithErrorsRecordsAsALabThatReplays() throws Exception {
    Root.assume("the session unshares");
    assumeTrue(Tmux.onPath("tmux"), "needs tmux on PATH to give nslab a pseudo-terminal");
    Path lab = dir.resolve("rec.md");
    try (Tmux t = new Tmux(dir)) {
      t.startNslab(true, List.of("NSLAB_HISTORY=" + dir.resolve("history"),
          "NSLAB_STATE_DIR=" + dir.resolve("state"), "LANG=C.UTF-8"));
      t.awaitScreen(PROMPT);
      t.command("record " + lab);
      t.awaitScreen("record: recording to[\\s\\S]*" + PROMPT);
      t.command("ns self");
      t.awaitScreen("uts +\\d+[\\s\\S]*" + PROMPT);
      t.command("unshare uts");
      t.awaitScreen("\\(new\\)" + PROMPT);
      t.command("hostname rec");
      t.awaitScreen("-> rec[\\s\\S]*" + PROMPT);
      t.command("nosuchcommand");
      t.awaitScreen("unknown command 'nosuchcommand'[\\s\\S]*" + PROMPT);
      t.command("umount /nonexistent");
      t.awaitScreen("umount: [\\s\\S]*" + PROMPT);
      t.command("spawn sh -c 'echo out; echo oops >&2; exit 3'");
      t.awaitScreen("oops[\\s\\S]*" + PROMPT);
      t.command("lsns -t uts");
      t.awaitScreen("NS TYPE[\\s\\S]*" + PROMPT);
      t.command("spawn ps");
      t.awaitScreen("PID[\\s\\S]*" + PROMPT);
      t.command("record stop");
      t.awaitScreen("record: wrote " + lab + " \\(8 commands\\)[\\s\\S]*" + PROMPT);
      t.command("exit");
      assertEquals("exit status 0", t.awaitExitStatus(), t::dump);
    }
    String text = Files.readString(lab);
    assertFalse(text.contains("\u001b"), "terminal codes in the lab:\n" + text);
    assertTrue(text.contains("> nosuchcommand\n! nslab: unknown command 'nosuchcommand';"
        + " type help for the list\n[127]\n"), text);
    assertTrue(text.contains("> umount /nonexistent\n! umount: "), text);
    assertTrue(text.contains("> spawn sh -c 'echo out; echo oops >&2; exit 3'\nout\n! oops\n"
        + "! spawn: sh: exit status 3\n[3]\n"), text);
    assertTrue(text.contains("> lsns -t uts\n{*}NS TYPE NPROCS{*}\n...\n{uts1} uts {*}\n"),
        text);
    assertTrue(text.contains("> spawn ps\n{*}PID TTY{*}\n...\n"), text);

    java.io.ByteArrayOutputStream replay = new java.io.ByteArrayOutputStream();
    java.io.PrintStream ps = new java.io.PrintStream(replay, true, "UTF-8");
    assertEquals(0, org.nslab.cli.LabMain.run(List.of(lab.toString()), ps, ps),
        replay.toString("UTF-8") + "\n" + text);
  }
}
