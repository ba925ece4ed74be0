package org.nslab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** nslab as a process of its own, for tests that need one: after a prefix such as unshare. */
final class NslabProcess {
  private NslabProcess() {}

  /**
   * Runs {@code prefix... java -cp CLASSPATH org.nslab.Main args...} with {@code input} on its
   * standard input; returns what it printed (standard error too) and "exit N".
   */
  static String run(List<String> prefix, List<String> args, String input, long seconds)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> argv = new ArrayList<>(prefix);
    argv.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), "org.nslab.Main"));
    argv.addAll(args);
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), out);
    return out + "exit " + p.exitValue();
  }
}
