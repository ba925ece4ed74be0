package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {
  @Test
  void splitsOnBlanks() {
    assertEquals(List.of("unshare", "uts,mnt"), Words.split("  unshare \t uts,mnt "));
  }

  @Test
  void quotesWorkAsInAPosixShellAndNothingIsExpanded() {
    assertEquals(List.of("spawn", "sh", "-c", "echo $$"), Words.split("spawn sh -c 'echo $$'"));
    assertEquals(List.of("a b", "c\"d", "$HOME"), Words.split("\"a b\" \"c\\\"d\" $HOME"));
    assertEquals(List.of("ab c"), Words.split("a'b c'"));
    assertEquals(List.of("a b"), Words.split("a\\ b"));
    assertEquals(List.of("x\\y"), Words.split("\"x\\y\""));
    assertEquals(List.of(""), Words.split("''"));
  }

  @Test
  void hashStartsACommentOnlyAtTheStartOfAWord() {
    assertEquals(List.of("hostname"), Words.split("hostname # print it"));
    assertEquals(List.of("a#b"), Words.split("a#b"));
    assertEquals(List.of(), Words.split("# just a comment"));
  }

  @Test
  void unterminatedQuotesAreErrors() {
    assertThrows(IllegalArgumentException.class, () -> Words.split("spawn sh -c 'echo"));
    assertThrows(IllegalArgumentException.class, () -> Words.split("hostname \"demo"));
  }
}
