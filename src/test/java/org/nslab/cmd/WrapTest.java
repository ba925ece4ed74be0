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
  void aHangingLineGoesOnUnderItsColumnAndANoteUnderItsLabel() {
    assertEquals(List.of("  ✗ the new namespace", "    must be uts only"),
        Wrap.line("  ✗ the new namespace must be uts only", 22, 4));
    // Too little room left under the hang: back to the line's own indent.
    assertEquals(List.of("  aaa bbb", "  ccc"), Wrap.line("  aaa bbb ccc", 12, 8));
    assertEquals("pid: the lab task stays\n     in pid 4",
        Wrap.note("pid: the lab task stays in pid 4", 24));
    assertEquals("a long note without\n  label", Wrap.note("a long note without label", 20));
    assertEquals("x y z", Wrap.hanging("x y z", 0, 4));
    // The option descriptions of help hang under their column, not at column 1.
    assertEquals(List.of(" -p, --prop MODE  mnt 用: private",
            "                  （デフォルト）、", "                  shared"),
        Wrap.line(" -p, --prop MODE  mnt 用: private（デフォルト）、shared", 36));
  }

  @Test
  void aKatakanaWordStaysWholeUnlessItIsWiderThanTheRoom() {
    assertEquals(List.of("あいう", "デフォルト"), Wrap.line("あいうデフォルト", 12));
    assertEquals(List.of("メッセージ", "キュー："), Wrap.line("メッセージキュー：", 10));
  }

  @Test
  void usageAndHelpHangUnderTheSynopsisAndTheDescriptionColumn() {
    org.nslab.text.Text ja = org.nslab.text.Text.of("ja");
    Spec spec = Registry.standard().find("unshare").spec();
    String usage = spec.usageLines(ja, 50);
    assertTrue(usage.contains("\n                KIND[,KIND...]"), usage);
    assertEquals(spec.usageLines(ja), spec.usageLines(ja, 0));
    assertEquals(spec.help(ja), spec.help(ja, 0));
    for (String lang : List.of("ja", "zh", "en")) {
      org.nslab.text.Text text = org.nslab.text.Text.of(lang);
      for (Command c : Registry.standard().all()) {
        String help = c.spec().help(text, 50);
        for (String line : help.split("\n")) {
          assertTrue(org.nslab.text.Width.of(line) <= 50, lang + " " + c.spec().name() + ": " + line);
          // No continuation falls back to one column in (as the terminal's cut did).
          assertTrue(!line.matches(" [^\\x00-\\x7f].*"),
              lang + " " + c.spec().name() + ": " + line);
        }
        assertEquals(c.spec().help(text).replaceAll("\\s+", ""), help.replaceAll("\\s+", ""));
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
