package org.nslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The sandbox's pure parts: how an ending is put in words. */
class SandboxTest {
  @Test
  void aSandboxKilledByASignalIsToldByTheSignalsName() {
    assertEquals("killed by SIGKILL", Sandbox.exitWords(137));
    assertEquals("killed by SIGSEGV", Sandbox.exitWords(139));
    assertEquals("exit status 127", Sandbox.exitWords(127));
  }
}
