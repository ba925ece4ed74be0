package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void japaneseAndChineseBreakBesideWideCharactersNotBeforeClosingMarks() {
    assertEquals(List.of("名前空間を", "移します。", "次に"), Wrap.line("名前空間を移します。次に", 10));
    // "。" never starts a line: it goes down with the character before it.
    assertEquals(List.of("あああ", "あ。い"), Wrap.line("ああああ。い", 8));
    // "（" never ends one; ASCII words inside CJK text stay whole, no blank is added.
    assertEquals(List.of("これは", "（unshare）で", "す"), Wrap.line("これは（unshare）です", 14));
    assertEquals(List.of("把实验任务移入", "unshare 命名"), Wrap.line("把实验任务移入unshare 命名", 14));
  }

  /** Every command's help in Japanese and Chinese, fitted to 50 columns as a terminal shows it. */
  @Test
  void helpWrapsJapaneseAndChineseAtFiftyColumns() {
    for (String lang : List.of("ja", "zh")) {
      org.nslab.text.Text text = org.nslab.text.Text.of(lang);
      for (Command c : Registry.standard().all()) {
        String help = c.spec().help(text);
        String wrapped = Wrap.text(help, 50);
        for (String line : wrapped.split("\n")) {
          // Only a word with no break in it may be wider (none is, in any help text).
          assertTrue(org.nslab.text.Width.of(line) <= 50,
              lang + " " + c.spec().name() + ": " + line);
        }
        // Nothing lost or reordered: only blanks and line ends differ.
        assertEquals(help.replaceAll("\\s+", ""), wrapped.replaceAll("\\s+", ""),
            lang + " " + c.spec().name());
        assertNotEquals(c.spec().help(), help, lang + " " + c.spec().name());
      }
    }
  }

  @Test
  void longEchoesAreCutSayingHowMuchIsLeftOut() {
    assertEquals("abc", Wrap.cut("abc", 3));
    assertEquals("abc… (1 more character)", Wrap.cut("abcd", 3));
    assertEquals("x".repeat(200) + "… (14,800 more characters)", Wrap.cut("x".repeat(15_000)));
  }
}
