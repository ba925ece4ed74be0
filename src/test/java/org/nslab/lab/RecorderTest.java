package org.nslab.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which recorded lines start a shell that reads the keyboard, and so keep the terminal. */
class RecorderTest {
  @Test
  void aShellWithNothingToRunIsInteractive() {
    assertTrue(Recorder.interactive("spawn sh"));
    assertTrue(Recorder.interactive("spawn /bin/bash -l"));
    assertTrue(Recorder.interactive("spawn --ns c1 sh -i"));
    assertTrue(Recorder.interactive("spawn chroot rootfs /bin/sh"));
    assertTrue(Recorder.interactive("run target/rootfs"));
    assertTrue(Recorder.interactive("run --hostname c1 --keep target/rootfs sh"));
  }

  @Test
  void aCommandOrAScriptIsNot() {
    assertFalse(Recorder.interactive("spawn sh -c 'echo hi'"));
    assertFalse(Recorder.interactive("spawn hostname"));
    assertFalse(Recorder.interactive("spawn bash script.sh"));
    assertFalse(Recorder.interactive("run --hostname c1 target/rootfs hostname"));
    assertFalse(Recorder.interactive("hostname sh"));
    assertFalse(Recorder.interactive("spawn"));
    assertFalse(Recorder.interactive("spawn 'sh"));
  }
}
