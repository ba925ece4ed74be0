package org.nslab.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Drives the real nslab REPL through a pseudo-terminal (a private tmux server). */
@Timeout(120)
class PtyEndToEndTest {
  private static final Duration STEP = Duration.ofSeconds(20);
  private static final String SESSION = "nslab";
  private static final String DEMO_PROMPT = "\\nnslab demo \\[uts\\]>\\z";
  private static final String SH_PROMPT = "\\n#\\z"; // root's "# ", trailing space trimmed

  @TempDir Path dir;
  private Path socket;
  /** Index of the screen line the last keys were sent on: awaits look from there on. */
  private int mark;

  @Test
  void namespacesSpawnAndCtrlCThroughARealTerminal() throws Exception {
    assumeTrue(new UnixSystem().getUid() == 0, "needs root: nslab's unshare uts would fail");
    assumeTrue(onPath("tmux"), "needs tmux on PATH to give nslab a pseudo-terminal");
    String hostBefore = testHostname();

    startNslab();
    awaitScreen("(?m)^nslab \\S+>\\z");

    command("unshare uts");
    awaitScreen("(?m)^uts +\\d+ -> \\d+ +\\(new\\)\\nnslab \\S+ \\[uts\\]>\\z");
    command("hostname demo");
    awaitScreen("(?m)^hostname \\S+ -> demo +\\(in uts \\d+\\)" + DEMO_PROMPT);

    // A child shell: it is in nslab's UTS namespace, and Ctrl-C at its prompt harms nobody.
    command("spawn sh");
    awaitScreen(SH_PROMPT);
    command("hostname");
    awaitScreen("\\ndemo" + SH_PROMPT);
    key("C-c");
    awaitScreen(SH_PROMPT);
    command("echo alive");
    awaitScreen("\\nalive" + SH_PROMPT);
    command("exit");
    awaitScreen("\\n\\[sh: exit status 0\\]" + DEMO_PROMPT);

    // Ctrl-C at nslab's own prompt drops the line: "hostname oops" never runs.
    type("hostname oops");
    awaitScreen("hostname oops\\z");
    key("C-c");
    awaitScreen(DEMO_PROMPT);
    command("hostname");
    awaitScreen("\\ndemo" + DEMO_PROMPT);

    // Ctrl-C while a child runs kills the child, not nslab, and the prompt returns at once.
    command("spawn sleep 30");
    awaitChild("sleep", "30");
    key("C-c");
    awaitScreen("\\[sleep: killed by SIGINT\\]" + DEMO_PROMPT, Duration.ofSeconds(5));

    command("exit");
    assertEquals("exit status 0", awaitExitStatus(), () -> "nslab's exit status\n" + dump());

    String hostAfter = testHostname();
    assertEquals(hostBefore, hostAfter, "the test's own hostname changed: nslab touched the host");
    assertNotEquals("demo", hostAfter, "the test's own hostname is nslab's lab hostname");
  }

  @AfterEach
  void killTmux() throws Exception {
    if (socket != null) {
      new ProcessBuilder("tmux", "-S", socket.toString(), "-f", "/dev/null", "kill-server")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Runs nslab as the pane's own process in a detached 120x40 tmux window. No shell wraps it:
   * a wrapper would share nslab's process group and get the Ctrl-Cs meant for its children.
   * The dead pane stays (remain-on-exit) for its screen and exit status.
   */
  private void startNslab() throws Exception {
    socket = dir.resolve("sock");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    tmux(
        "new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40",
        "env", "NO_COLOR=1", "NSLAB_HISTORY=" + dir.resolve("history"), "TERM=xterm-256color",
        java, "-cp", System.getProperty("java.class.path"), "org.nslab.Main",
        ";", "set-option", "-w", "-t", SESSION, "remain-on-exit", "on");
  }

  /** Types a line and presses Enter. */
  private void command(String line) throws Exception {
    markScreen();
    send("-l", line);
    send("Enter");
  }

  /** Types text literally, without Enter. */
  private void type(String text) throws Exception {
    markScreen();
    send("-l", text);
  }

  /** Presses a key in tmux's notation: C-c. */
  private void key(String name) throws Exception {
    markScreen();
    send(name);
  }

  private void send(String... keys) throws Exception {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", SESSION));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  /** Later awaits look at the screen from its current last line (the prompt) on. */
  private void markScreen() throws Exception {
    mark = Math.max(0, lines().size() - 1);
  }

  private void awaitScreen(String regex) throws Exception {
    awaitScreen(regex, STEP);
  }

  /**
   * Waits until the screen from the last typed line on matches {@code regex}. Lines have their
   * trailing spaces trimmed and blank lines at the bottom are dropped, so {@code \z} means "and
   * that is the last thing on the screen".
   */
  private void awaitScreen(String regex, Duration timeout) throws Exception {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean ended = paneFormat("#{pane_dead}").equals("1");
      List<String> lines = lines();
      String recent = String.join("\n", lines.subList(Math.min(mark, lines.size()), lines.size()));
      if (pattern.matcher(recent).find()) {
        return;
      }
      if (ended || System.nanoTime() > deadline) {
        fail(
            (ended ? "nslab ended" : "no match within " + timeout.toSeconds() + " s")
                + " waiting for /" + regex + "/ in the screen from line " + mark + " on\n"
                + dump());
      }
      Thread.sleep(100);
    }
  }

  /** Waits for nslab to end; returns "exit status N" or "killed by signal N". */
  private String awaitExitStatus() throws Exception {
    long deadline = System.nanoTime() + STEP.toNanos();
    while (true) {
      String format = "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}|#{pid}";
      String[] pane = paneFormat(format).split("\\|", -1);
      if (!pane[1].isEmpty()) {
        return "exit status " + pane[1];
      } else if (!pane[2].isEmpty()) {
        return "killed by signal " + pane[2];
      } else if (pane[0].equals("1")) {
        // The pty has closed but tmux has no status yet. Debian's tmux runs its utempter helper
        // with SIGCHLD at SIG_DFL right then, and loses nslab's SIGCHLD if it comes meanwhile:
        // nudge the server to reap its children.
        new ProcessBuilder("kill", "-s", "CHLD", pane[3]).start().waitFor();
      }
      if (System.nanoTime() > deadline) {
        return fail("nslab did not exit within " + STEP.toSeconds() + " s\n" + dump());
      }
      Thread.sleep(100);
    }
  }

  /** Waits until nslab's child {@code program args} has exec'd, so a Ctrl-C will reach it. */
  private void awaitChild(String program, String... args) throws Exception {
    long nslab = Long.parseLong(paneFormat("#{pane_pid}"));
    long deadline = System.nanoTime() + STEP.toNanos();
    while (!hasDescendant(nslab, program, args)) {
      if (System.nanoTime() > deadline) {
        fail("no child '" + program + " " + String.join(" ", args) + "' appeared\n" + dump());
      }
      Thread.sleep(100);
    }
  }

  private static boolean hasDescendant(long pid, String program, String[] args) {
    return ProcessHandle.of(pid).stream()
        .flatMap(ProcessHandle::descendants)
        .map(ProcessHandle::info)
        .anyMatch(
            p ->
                p.command().orElse("").endsWith("/" + program)
                    && Arrays.equals(p.arguments().orElse(null), args));
  }

  /** A tmux format (#{pane_pid} ...) expanded for nslab's pane. */
  private String paneFormat(String format) throws Exception {
    return tmux("display-message", "-p", "-t", SESSION, format).strip();
  }

  /** The whole pane, scrollback included, without trailing spaces or bottom blank lines. */
  private List<String> lines() throws Exception {
    List<String> lines = new ArrayList<>();
    for (String line : tmux("capture-pane", "-p", "-S", "-", "-t", SESSION).split("\n", -1)) {
      lines.add(line.stripTrailing());
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** The screen for failure messages; never throws, so it cannot hide the real failure. */
  private String dump() {
    try {
      return "----- screen -----\n" + String.join("\n", lines()) + "\n------------------";
    } catch (Exception e) {
      return "(could not capture the pane: " + e + ")";
    }
  }

  /** Runs tmux on the private socket and returns its output; fails on a non-zero status. */
  private String tmux(String... args) throws Exception {
    List<String> argv =
        new ArrayList<>(List.of("tmux", "-S", socket.toString(), "-f", "/dev/null"));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.remove("TMUX"); // the test may itself run inside tmux
    env.remove("PS1"); // sh's prompt must be its default "# "
    env.remove("ENV");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  private static String testHostname() throws IOException {
    return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(d -> !d.isEmpty())
        .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }
}
