package org.nslab.claims;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Programs the claims tests run outside nslab (util-linux, setpriv, sh), and bounded waits. */
final class Programs {
  private Programs() {}

  /** Runs ARGV to its end (bounded, as {@link Claims#run}) with a plain PATH and the C locale. */
  static Claims.Ran run(String... argv) throws Exception {
    return Claims.run(Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C"), argv);
  }

  /** Starts ARGV in the background (the caller ends it). */
  static Process start(String... argv) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    return pb.start();
  }

  /** Waits (60 s at most: a guard against a hang, not a timing) until CONDITION holds; fails saying WHAT otherwise. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "waited 60 s for " + what);
      Thread.sleep(5);
    }
  }

  /** The namespace link of KIND of process PID ("uts:[4026531838]"), or "" once it is gone. */
  static String ns(long pid, String kind) {
    try {
      return Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/" + kind)).toString();
    } catch (IOException e) {
      return "";
    }
  }

  /** A file of /proc/PID, or "" where it cannot be read. */
  static String proc(long pid, String file) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/" + file));
    } catch (IOException e) {
      return "";
    }
  }

  /** The namespace link of KIND of this thread. */
  static String ownNs(String kind) throws IOException {
    return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/" + kind)).toString();
  }

  static List<String> lines(String text) {
    return text.lines().toList();
  }
}
