package org.nslab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.nslab.sys.ProcFs;

/**
 * The tests' one answer to "am I root?", as a lab's {@code requires: root} asks it (the real
 * uid in /proc/self/status). A test that needs root, or real namespaces, calls {@link #assume}
 * and its class carries {@code @Tag("kernel")}; without root it is skipped with the reason,
 * never passed silently ({@code TestLayoutTest} holds every test file to this). A test that
 * only expects other words without root asks {@link #here}.
 */
public final class Root {
  private Root() {}

  /** Whether the tests run as root. */
  public static boolean here() {
    return ProcFs.statusId("Uid") == 0;
  }

  /** Skips the calling test unless it runs as root, saying what it needs root for. */
  public static void assume(String why) {
    assumeTrue(here(), "needs root: " + why + " (run scripts/test as root)");
  }
}
