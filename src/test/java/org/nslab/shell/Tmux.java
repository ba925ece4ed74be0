package org.nslab.shell;

import static org.junit.jupiter.api.Assertions.fail;

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

/**
 * A pseudo-terminal for tests: a private tmux server running one program as its pane's own
 * process (no shell wraps it: a wrapper would share its process group and get the Ctrl-Cs
 * meant for its children), with keys sent and the screen read back.
 */
final class Tmux implements AutoCloseable {
  static final Duration STEP = Duration.ofSeconds(20);
  private static final String SESSION = "nslab";

  private final Path socket;
  /** Index of the screen line the last keys were sent on: awaits look from there on. */
  private int mark;

  Tmux(Path dir) {
    this.socket = dir.resolve("sock");
  }

  /**
   * Runs {@code env VARS... java -cp CLASSPATH org.nslab.Main ARGS...} in a detached 120x40
   * window. The dead pane stays (remain-on-exit) for its screen and exit status.
   */
  void startNslab(List<String> env, String... args) throws Exception {
    startNslab(false, env, args);
  }

  /** As above; with {@code color}, NO_COLOR is not set, so nslab paints as it does by default. */
  void startNslab(boolean color, List<String> env, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> argv = new ArrayList<>(List.of(
        "new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", "env"));
    if (!color) {
      argv.add("NO_COLOR=1");
    }
    argv.add("TERM=xterm-256color");
    argv.addAll(env);
    argv.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), "org.nslab.Main"));
    argv.addAll(List.of(args));
    argv.addAll(List.of(";", "set-option", "-w", "-t", SESSION, "remain-on-exit", "on"));
    tmux(argv.toArray(String[]::new));
  }

  @Override
  public void close() throws Exception {
    if (socket != null) {
      // nslab still writes its history and progress as it ends on the SIGHUP kill-server
      // sends: wait for it to be gone, or @TempDir's cleanup races it. (The server's socket
      // may stay: a file, which the cleanup deletes like any other.)
      java.util.Optional<ProcessHandle> nslab = java.util.Optional.empty();
      try {
        nslab = ProcessHandle.of(Long.parseLong(paneFormat("#{pane_pid}")));
      } catch (Exception e) {
        // No pane (it was never started, or the server has gone): nothing to wait for.
      }
      new ProcessBuilder("tmux", "-S", socket.toString(), "-f", "/dev/null", "kill-server")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(10, TimeUnit.SECONDS);
      if (nslab.isPresent()) {
        try {
          nslab.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          nslab.get().destroyForcibly();
        }
      }
    }
  }

  /** Types a line and presses Enter. */
  void command(String line) throws Exception {
    markScreen();
    send("-l", line);
    send("Enter");
  }

  /** Types text literally, without Enter. */
  void type(String text) throws Exception {
    markScreen();
    send("-l", text);
  }

  /** Presses a key in tmux's notation: C-c. */
  void key(String name) throws Exception {
    markScreen();
    send(name);
  }

  void send(String... keys) throws Exception {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", SESSION));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  /** Later awaits look at the screen from its current last line (the prompt) on. */
  void markScreen() throws Exception {
    mark = Math.max(0, lines().size() - 1);
  }

  void awaitScreen(String regex) throws Exception {
    awaitScreen(regex, STEP);
  }

  /**
   * Waits until the screen from the last typed line on matches {@code regex}. Lines have their
   * trailing spaces trimmed and blank lines at the bottom are dropped, so {@code \z} means "and
   * that is the last thing on the screen".
   */
  void awaitScreen(String regex, Duration timeout) throws Exception {
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
  String awaitExitStatus() throws Exception {
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
  void awaitChild(String program, String... args) throws Exception {
    long nslab = Long.parseLong(paneFormat("#{pane_pid}"));
    long deadline = System.nanoTime() + STEP.toNanos();
    // The child, and the terminal handed to it: a key sent before nslab has made the child's
    // process group the terminal's foreground one would reach nslab's own line editor.
    while (!hasDescendant(nslab, program, args) || !inForeground(nslab, program, args)) {
      if (System.nanoTime() > deadline) {
        fail("no child '" + program + " " + String.join(" ", args) + "' in the terminal's"
            + " foreground appeared\n" + dump());
      }
      Thread.sleep(100);
    }
  }

  /** Whether such a descendant leads the terminal's foreground process group. */
  private static boolean inForeground(long pid, String program, String[] args) {
    return ProcessHandle.of(pid).stream()
        .flatMap(ProcessHandle::descendants)
        .filter(p -> p.info().command().orElse("").endsWith("/" + program)
            && Arrays.equals(p.info().arguments().orElse(null), args))
        .anyMatch(p -> {
          try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the name: state, ppid, pgrp, session, tty_nr, tpgid.
            return f[2].equals(f[5]);
          } catch (IOException | RuntimeException e) {
            return false;
          }
        });
  }

  static boolean hasDescendant(long pid, String program, String[] args) {
    return ProcessHandle.of(pid).stream()
        .flatMap(ProcessHandle::descendants)
        .map(ProcessHandle::info)
        .anyMatch(
            p ->
                p.command().orElse("").endsWith("/" + program)
                    && Arrays.equals(p.arguments().orElse(null), args));
  }

  /** A tmux format (#{pane_pid} ...) expanded for nslab's pane. */
  String paneFormat(String format) throws Exception {
    return tmux("display-message", "-p", "-t", SESSION, format).strip();
  }

  /** Makes the window this many columns wide (nslab sees SIGWINCH). */
  void resize(int columns) throws Exception {
    tmux("resize-window", "-t", SESSION, "-x", Integer.toString(columns));
  }

  /**
   * How many lines of the pane (scrollback included) the terminal itself wrapped because
   * they were wider than the window: tmux joins exactly those with capture-pane -J.
   */
  int wrappedByTheTerminal() throws Exception {
    int plain = tmux("capture-pane", "-p", "-S", "-", "-t", SESSION).split("\n", -1).length;
    int joined =
        tmux("capture-pane", "-p", "-J", "-S", "-", "-t", SESSION).split("\n", -1).length;
    return plain - joined;
  }

  /** What is on the screen now, without the scrollback. */
  String visible() throws Exception {
    return tmux("capture-pane", "-p", "-t", SESSION);
  }

  /** The whole pane, scrollback included, without trailing spaces or bottom blank lines. */
  List<String> lines() throws Exception {
    List<String> lines = new ArrayList<>();
    for (String line : tmux("capture-pane", "-p", "-S", "-", "-t", SESSION).split("\n", -1)) {
      lines.add(line.stripTrailing());
    }
    dropBlankTail(lines);
    // remain-on-exit adds "Pane is dead (status N, DATE)" once nslab has gone: not nslab's.
    if (!lines.isEmpty() && lines.get(lines.size() - 1).startsWith("Pane is dead (")) {
      lines.remove(lines.size() - 1);
      dropBlankTail(lines);
    }
    return lines;
  }

  private static void dropBlankTail(List<String> lines) {
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
  }

  /** The screen for failure messages; never throws, so it cannot hide the real failure. */
  String dump() {
    try {
      return "----- screen -----\n" + String.join("\n", lines()) + "\n------------------";
    } catch (Exception e) {
      return "(could not capture the pane: " + e + ")";
    }
  }

  /** Runs tmux on the private socket and returns its output; fails on a non-zero status. */
  String tmux(String... args) throws Exception {
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

  static String testHostname() throws IOException {
    return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
  }

  static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(d -> !d.isEmpty())
        .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }
}
