package org.nslab.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
