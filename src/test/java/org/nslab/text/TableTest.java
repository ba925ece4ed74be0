package org.nslab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one table printer: widths, hints, fixed columns, alignment, the last column free. */
class TableTest {
  private static final Table LSNS_LIKE = Table.of("", " ", String::length,
      Table.Column.right("NS").hint(10), Table.Column.left("TYPE").hint(5),
      Table.Column.right("PID").hint(5), Table.Column.left("COMMAND"));

  @Test
  void aColumnIsAsWideAsItsHeadingAndItsWidestCell() {
    assertEquals(List.of("NS TYPE PID COMMAND", " 1 uts    2 sleep 30"),
        LSNS_LIKE.lines(List.of(List.of("1", "uts", "2", "sleep 30")), true));
  }

  @Test
  void aColumnThatReachesItsHeadingTakesItsHint() {
    // "time" is as wide as TYPE: the hint, 5; "1234" is wider than PID: the hint, 5 (above,
    // "uts" and "2" are narrower than their headings: the headings' widths).
    assertEquals(List.of("4026531834 time   1234 sh"),
        LSNS_LIKE.lines(List.of(List.of("4026531834", "time", "1234", "sh")), false));
  }

  @Test
  void aFixedColumnKeepsItsWidthAndAWiderCellPushesOnlyItsLine() {
    Table t = Table.of("", "  ", String::length, Table.Column.left("A"),
        Table.Column.right("SCORE").fixed(5), Table.Column.left("NOTE"));
    assertEquals(List.of("A  SCORE  NOTE", "x   9/14  ok", "y  100/100  "),
        t.lines(List.of(List.of("x", "9/14", "ok"), List.of("y", "100/100", "")), true));
  }

  @Test
  void theMeasureDecidesWhatAWideCharacterCounts() {
    Table columns = Table.of("  ", "  ", s -> s.codePoints().map(c -> c > 0x2e80 ? 2 : 1).sum(),
        Table.Column.left(""), Table.Column.left(""));
    assertEquals(List.of("  名前  x", "  ab    y"),
        columns.lines(List.of(List.of("名前", "x"), List.of("ab", "y")), false));
  }
}
