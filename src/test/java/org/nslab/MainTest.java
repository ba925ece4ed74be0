package org.nslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** nslab with standard input not a terminal: a script runner. */
class MainTest {
  private record Run(int status, String out, String err) {}

  private static Run run(String input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void runsOneCommandPerLineAndPrintsOnlyTheirOutput() {
    Run r = run("# a comment\n\nspawn echo 'hello  world'\nspawn printf %s\\\\n one\n");
    assertEquals(0, r.status(), r.err());
    assertEquals("hello  world\none\n", r.out());
    assertFalse(r.out().contains("\u001b"));
  }

  @Test
  void goesOnAfterAFailureAndExitsNonZero() {
    Run r = run("nope\nspawn echo still here\n");
    assertEquals(1, r.status());
    assertEquals("still here\n", r.out());
    assertTrue(r.err().contains("unknown command 'nope'"), r.err());
  }

  @Test
  void exitEndsTheScriptWithItsStatus() {
    Run r = run("exit 4\nspawn echo never\n");
    assertEquals(4, r.status());
    assertEquals("", r.out());
  }

  @Test
  void childrenDoNotReadTheScript() {
    // cat would swallow the rest of the script if it inherited nslab's stdin.
    Run r = run("spawn cat\nspawn echo after\n");
    assertEquals(0, r.status(), r.err());
    assertEquals("after\n", r.out());
  }

  @Test
  void orphansOfChildrenDoNotOutliveTheNslabCommand() throws Exception {
    // The real command in its own JVM: it is a child subreaper, so the backgrounded sleep
    // is reparented to it when sh exits, and ended when nslab exits.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.nslab.Main")
            .redirectErrorStream(true)
            .start();
    try (var stdin = p.getOutputStream()) {
      stdin.write("spawn sh -c 'sleep 300 >/dev/null 2>&1 & echo $!'\n".getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);
    Path orphan = Path.of("/proc", out.strip());
    assertTrue(out.strip().matches("\\d+"), out);
    for (int i = 0; i < 100 && Files.exists(orphan); i++) {
      Thread.sleep(20); // it was killed; give the kernel a moment to reap it
    }
    assertFalse(Files.exists(orphan), "sleep " + out.strip() + " outlived nslab");
  }

  @Test
  void badArgumentsAndHelp() {
    assertEquals(2, run("", "--frobnicate").status());
    Run help = run("", "--help");
    assertEquals(0, help.status());
    assertTrue(help.out().startsWith("Usage:"));
  }
}
