package org.nslab;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The busybox root filesystem the container tests run in (scripts/mkrootfs, made once per
 * test JVM), and why there is none when it could not be made.
 */
public final class TestRootfs {
  public static final Path PATH = Path.of("target/test-rootfs").toAbsolutePath();
  private static String unavailable;
  private static boolean tried;

  private TestRootfs() {}

  /** Makes it if needed; returns null when it is there, else why it is not. */
  public static synchronized String unavailable() throws Exception {
    if (tried) {
      return unavailable;
    }
    tried = true;
    if (!Files.isExecutable(Path.of("scripts/mkrootfs"))) {
      unavailable = "scripts/mkrootfs is missing";
      return unavailable;
    }
    Process p = new ProcessBuilder("scripts/mkrootfs", PATH.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      unavailable = "scripts/mkrootfs failed (is Debian's package registry reachable?): " + out;
    }
    return unavailable;
  }
}
