package org.nslab.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which recorded lines start a shell that reads the keyboard, and so keep the terminal. */
class RecorderTest {
  private static final org.nslab.cmd.Registry REGISTRY = org.nslab.cmd.Registry.standard();

  @Test
  void aShellWithNothingToRunIsInteractive() {
    assertTrue(Recorder.interactive(REGISTRY, "spawn sh"));
    assertTrue(Recorder.interactive(REGISTRY, "spawn /bin/bash -l"));
    assertTrue(Recorder.interactive(REGISTRY, "spawn --ns c1 sh -i"));
    assertTrue(Recorder.interactive(REGISTRY, "spawn chroot rootfs /bin/sh"));
    assertTrue(Recorder.interactive(REGISTRY, "run target/rootfs"));
    assertTrue(Recorder.interactive(REGISTRY, "run --hostname c1 --keep target/rootfs sh"));
  }

  @Test
  void aCommandOrAScriptIsNot() {
    assertFalse(Recorder.interactive(REGISTRY, "spawn sh -c 'echo hi'"));
    assertFalse(Recorder.interactive(REGISTRY, "spawn hostname"));
    assertFalse(Recorder.interactive(REGISTRY, "spawn bash script.sh"));
    assertFalse(Recorder.interactive(REGISTRY, "run --hostname c1 target/rootfs hostname"));
    assertFalse(Recorder.interactive(REGISTRY, "hostname sh"));
    assertFalse(Recorder.interactive(REGISTRY, "spawn"));
    assertFalse(Recorder.interactive(REGISTRY, "spawn 'sh"));
  }
}
