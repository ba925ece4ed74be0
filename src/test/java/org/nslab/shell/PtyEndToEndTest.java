package org.nslab.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Root;

/** Drives the real nslab REPL through a pseudo-terminal (a private tmux server). */
@Timeout(120)
@Tag("kernel")
class PtyEndToEndTest {
  private static final String DEMO_PROMPT = "\\nnslab demo \\[uts\\]>\\z";
  private static final String SH_PROMPT = "\\n#\\z"; // root's "# ", trailing space trimmed

  @TempDir Path dir;

  @Test
  void namespacesSpawnAndCtrlCThroughARealTerminal() throws Exception {
    Root.assume("nslab's unshare uts would fail");
    assumeTrue(Tmux.onPath("tmux"), "needs tmux on PATH to give nslab a pseudo-terminal");
    String hostBefore = Tmux.testHostname();
    try (Tmux t = new Tmux(dir)) {
      t.startNslab(List.of("NSLAB_HISTORY=" + dir.resolve("history")));
      t.awaitScreen("(?m)^nslab \\S+>\\z");

      t.command("unshare uts");
      t.awaitScreen("(?m)^uts +\\d+ -> \\d+ +\\(new\\)\\nnslab \\S+ \\[uts\\]>\\z");
      t.command("hostname demo");
      t.awaitScreen("(?m)^hostname \\S+ -> demo +\\(in uts \\d+\\)" + DEMO_PROMPT);

      // A child shell: it is in nslab's UTS namespace, and Ctrl-C at its prompt harms nobody.
      t.command("spawn sh");
      t.awaitScreen(SH_PROMPT);
      t.command("hostname");
      t.awaitScreen("\\ndemo" + SH_PROMPT);
      t.key("C-c");
      t.awaitScreen(SH_PROMPT);
      t.command("echo alive");
      t.awaitScreen("\\nalive" + SH_PROMPT);
      t.command("exit");
      t.awaitScreen("\\n\\[sh: exit status 0\\]" + DEMO_PROMPT);

      // Ctrl-C at nslab's own prompt drops the line: "hostname oops" never runs.
      t.type("hostname oops");
      t.awaitScreen("hostname oops\\z");
      t.key("C-c");
      t.awaitScreen(DEMO_PROMPT);
      t.command("hostname");
      t.awaitScreen("\\ndemo" + DEMO_PROMPT);

      // Ctrl-C while a child runs kills the child, not nslab, and the prompt returns at once.
      t.command("spawn sleep 30");
      t.awaitChild("sleep", "30");
      t.key("C-c");
      t.awaitScreen("\\[sleep: killed by SIGINT\\]" + DEMO_PROMPT);

      // A child that is PID 1 holds the terminal: what nslab says of it comes after its output.
      t.command("unshare pid");
      t.awaitScreen("once PID 1 exists\\)\\nnslab demo \\[pid uts\\]>\\z");
      t.command("spawn sh -c 'echo from-pid-1'");
      t.awaitScreen("(?s)\\nfrom-pid-1\\n\\[sh was PID 1 of pid namespace \\d+; host pid \\d+\\]\\n"
          + "\\[sh: exit status 0\\]\\n.*nslab demo \\[[a-z ]+\\]>\\z");

      t.command("exit");
      assertEquals("exit status 0", t.awaitExitStatus(), () -> "nslab's exit status\n" + t.dump());
    }
    String hostAfter = Tmux.testHostname();
    assertEquals(hostBefore, hostAfter, "the test's own hostname changed: nslab touched the host");
    assertNotEquals("demo", hostAfter, "the test's own hostname is nslab's lab hostname");
  }
}
