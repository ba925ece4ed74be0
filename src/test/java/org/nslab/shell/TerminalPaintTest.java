package org.nslab.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.nslab.cmd.Paint;

class TerminalPaintTest {
  @Test
  void boxDrawingGoesOutAsUnicodeTextNotTheTerminalsLineDrawingCharset() throws Exception {
    // xterm has a line-drawing charset (smacs, ESC ( 0), where JLine would send "q" for "─".
    try (Terminal t = TerminalBuilder.builder().system(false).type("xterm-256color")
        .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).build()) {
      String s = new TerminalPaint(t).paint(Paint.Tone.CHANGED, "╔═╗ uts 1 ──▶ 2");
      assertTrue(s.contains("╔═╗ uts 1 ──▶ 2"), s);
      assertFalse(s.contains("\u001b(0"), s);
      assertTrue(s.contains("\u001b["), "still painted: " + s);
    }
  }
}
