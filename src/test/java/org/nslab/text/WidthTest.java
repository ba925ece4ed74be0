package org.nslab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Display width, from JLine's wcwidth table: what the terminal shows, column for column. */
class WidthTest {
  @Test
  void wideCjkTakesTwoColumns() {
    assertEquals(4, Width.of("名前"));
    assertEquals(4, Width.of("ab名"));
    assertEquals(6, Width.of("ホスト"));
    assertEquals(4, Width.of("한국"));
    assertEquals(2, Width.of("、")); // wide punctuation
    assertEquals(2, Width.of("\u3000")); // ideographic space
    assertEquals(2, Width.of("Ａ")); // fullwidth Latin
    assertEquals(2, Width.of(new String(Character.toChars(0x20B9F)))); // CJK extension B
    assertTrue(Width.isWide('名'));
    assertFalse(Width.isWide('a'));
  }

  @Test
  void combiningMarksTakeNone() {
    assertEquals(1, Width.of("e\u0301")); // e and a combining acute accent
    assertEquals(3, Width.of("Ame\u0301")); // as "Amé"
    assertEquals(2, Width.of("か\u3099")); // a combining voiced mark after kana: が
    assertEquals(0, Width.of("\u200b")); // zero width space
  }

  @Test
  void emojiTakeTwoColumns() {
    assertEquals(2, Width.of("😀"));
    assertEquals(2, Width.of("🚀"));
    assertEquals(2, Width.of("✅"));
    assertEquals(1, Width.of("✓")); // the check mark the workshop prints is narrow
    assertEquals(1, Width.of("✗"));
  }

  @Test
  void narrowTextAndControlsTakeOneEach() {
    assertEquals(5, Width.of("hello"));
    assertEquals(0, Width.of(""));
    assertEquals(1, Width.of("\t"));
    assertEquals(1, Width.of("─")); // box drawing, ambiguous: narrow
  }
}
