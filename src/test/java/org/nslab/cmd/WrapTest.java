package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Wrapping at blanks to the terminal's width, and echoed lines cut. */
class WrapTest {
  @Test
  void linesBreakAtBlanksNeverInsideAWord() {
    assertEquals(
        List.of("unshare: unshare(CLONE_NEWUSER): EINVAL", "(Invalid argument): the kernel"),
        Wrap.line("unshare: unshare(CLONE_NEWUSER): EINVAL (Invalid argument): the kernel", 40));
    // A table row goes on under its second column.
    assertEquals(List.of("  ns       the ids of every", "           namespace kind"),
        Wrap.line("  ns       the ids of every namespace kind", 28));
    // A word wider than the window stays whole; no width, no wrapping.
    assertEquals(List.of("a", "bbbbbbbbbbbb", "c"), Wrap.line("a bbbbbbbbbbbb c", 5));
    assertEquals("x y z", Wrap.text("x y z", 0));
    // Wide characters take two columns; colours none.
    assertEquals(List.of("名前 空間", "です"), Wrap.line("名前 空間 です", 9));
    assertEquals(List.of("\u001b[31mred\u001b[0m word", "next"),
        Wrap.line("\u001b[31mred\u001b[0m word next", 8));
  }

  @Test
  void longEchoesAreCutSayingHowMuchIsLeftOut() {
    assertEquals("abc", Wrap.cut("abc", 3));
    assertEquals("abc… (1 more character)", Wrap.cut("abcd", 3));
    assertEquals("x".repeat(200) + "… (14,800 more characters)", Wrap.cut("x".repeat(15_000)));
  }
}
