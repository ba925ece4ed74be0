package org.nslab.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Root;

/** The shell on a real terminal: text fits the window, and a huge pasted line is no stall. */
@Timeout(400)
@Tag("kernel")
class ShellComfortPtyTest {
  private static final String PROMPT = "\\nnslab \\S+( \\[[a-z ]+\\])?>\\z";

  private static final String LAB_PROMPT = "\\nnslab [^\\n]*\\)>\\z";

  @TempDir Path dir;

  private Tmux start(Tmux t) throws Exception {
    t.startNslab(true, List.of("NSLAB_HISTORY=" + dir.resolve("history"),
        "NSLAB_STATE_DIR=" + dir.resolve("state"), "LANG=C.UTF-8"));
    t.awaitScreen(PROMPT);
    return t;
  }

  @Test
  void helpAndLongErrorsAreWrappedAtBlanksToTheWindow() throws Exception {
    Root.assume("nslab's commands need it");
    assumeTrue(Tmux.onPath("tmux"), "needs tmux on PATH to give nslab a pseudo-terminal");
    try (Tmux t = start(new Tmux(dir))) {
      t.resize(50);
      t.command("help");
      t.awaitScreen("Ctrl-D leaves\\.[\\s\\S]*" + PROMPT);
      t.command("help unshare");
      t.awaitScreen("Usage:[\\s\\S]*" + PROMPT);
      // A lesson of several sentences, and a usage error with its usage lines.
      t.command("unshare user");
      t.awaitScreen("EINVAL[\\s\\S]*" + PROMPT);
      t.command("unshare --propagation sideways uts");
      t.awaitScreen("Try 'help unshare' for more\\." + PROMPT);
      assertEquals(0, t.wrappedByTheTerminal(), t::dump);
    }
  }

  /**
   * Under --lang ja at 50 columns, nslab's own lines fit: help's options hang under their
   * column, a usage's synopsis goes on under its arguments, a check's ✗ under its words, a
   * note under its label; none is cut by the terminal, none goes on at column 0 or 1.
   */
  @Test
  void japaneseHelpUsageChecksAndNotesFitFiftyColumns() throws Exception {
    Root.assume("nslab's commands need it");
    assumeTrue(Tmux.onPath("tmux"), "needs tmux on PATH to give nslab a pseudo-terminal");
    try (Tmux t = new Tmux(dir)) {
      t.startNslab(true, List.of("NSLAB_HISTORY=" + dir.resolve("history"),
          "NSLAB_STATE_DIR=" + dir.resolve("state"), "LANG=C.UTF-8"), "--lang", "ja");
      t.awaitScreen(PROMPT);
      t.resize(50);
      t.command("unshare --help");
      t.awaitScreen("--help\\s+このヘルプを表示する" + PROMPT);
      t.command("unshare --propagation sideways uts");
      t.awaitScreen("'help unshare'[\\s\\S]*" + PROMPT);
      t.command("unshare pid");
      t.awaitScreen("pid: [\\s\\S]*" + PROMPT);
      t.command("lab start uts");
      t.awaitScreen("lab next[\\s\\S]*" + LAB_PROMPT);
      t.command("lab next");
      t.awaitScreen("lab next[\\s\\S]*" + LAB_PROMPT);
      t.command("check");
      t.awaitScreen("✗[\\s\\S]*" + LAB_PROMPT);
      assertEquals(0, t.wrappedByTheTerminal(), t::dump);
      List<String> lines = t.lines();
      for (String line : lines) {
        assertTrue(org.nslab.text.Width.of(line) <= 50, line + "\n" + t.dump());
        // A continuation cut by the terminal or put at column 1: " ト）、shared".
        assertFalse(line.matches(" [^ \\x00-\\x7f].*"), line + "\n" + t.dump());
      }
      String screen = String.join("\n", lines);
      // Hang-indented: an option's description, a synopsis, a ✗ line, the pid note.
      assertTrue(screen.matches("(?s).*\\n {25}\\S.*"), t.dump());
      assertTrue(screen.contains("\n                KIND[,KIND...]"), t.dump());
      assertTrue(screen.matches("(?s).*\\n  ✗ [^\\n]*\\n    \\S.*"), t.dump());
      assertTrue(screen.matches("(?s).*\\npid: [^\\n]*\\n     \\S.*"), t.dump());
    }
  }

  @Test
  void aPastedLineOf15000CharactersGivesThePromptBack() throws Exception {
    Root.assume("nslab's commands need it");
    assumeTrue(Tmux.onPath("tmux"), "needs tmux on PATH to give nslab a pseudo-terminal");
    try (Tmux t = start(new Tmux(dir))) {
      // Each key used to redraw (and highlight) the whole line: n keys, n redraws of up to n
      // characters. The line now goes in as it arrives, redrawn once per piece read, so the
      // work is linear; the cap below is only there so that a regression fails, not hangs.
      String word = "x".repeat(14_990);
      t.type("nosuch" + word + "END");
      t.key("Enter");
      t.awaitScreen("nslab: unknown command 'nosuchx+… \\(14,939 more characters\\)'; type\\s+"
          + "help for the list" + PROMPT, Duration.ofSeconds(300));
      t.command("hostname");
      t.awaitScreen("\\n\\S+" + PROMPT);
    }
  }
}
