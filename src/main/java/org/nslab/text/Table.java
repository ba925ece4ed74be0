package org.nslab.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Aligned columns, laid out as util-linux's libsmartcols lays out lsns's table when its output
 * is not a terminal: every aligned listing of nslab (lsns, help, a command's options, the
 * grading reports, lab check-all) goes through here.
 *
 * <p>A column is as wide as its heading and its widest cell (with or without headings shown,
 * so {@code lsns -n} is the table without its first line); one whose cells are at least as
 * wide as the heading but narrower than its width hint takes the hint (libsmartcols'
 * count_column_width: "use absolute size"); a fixed column is always its hint wide, and a
 * wider cell pushes only its own line on (as printf's {@code %5s}). The last column is never
 * padded.
 *
 * @param columns the columns, left to right
 * @param indent what every line starts with
 * @param gap what stands between two columns
 * @param measure how wide a cell is: in display columns, or {@code String::length} where a
 *     listing has always counted UTF-16 units
 */
public record Table(
    List<Column> columns, String indent, String gap, ToIntFunction<String> measure) {

  /** Left or right. */
  public enum Align { LEFT, RIGHT }

  /**
   * One column, as a row of lsns.c's {@code infos[]}: its heading, its width hint (0: none),
   * its alignment, and whether the hint is its width whatever its cells.
   */
  public record Column(String header, int hint, Align align, boolean fixed) {
    public static Column left(String header) {
      return new Column(header, 0, Align.LEFT, false);
    }

    public static Column right(String header) {
      return new Column(header, 0, Align.RIGHT, false);
    }

    /** The same column, as wide as {@code n} where its cells reach its heading's width. */
    public Column hint(int n) {
      return new Column(header, n, align, false);
    }

    /** The same column, always {@code n} wide. */
    public Column fixed(int n) {
      return new Column(header, n, align, true);
    }
  }

  /** Columns without headings, {@code gap} apart. */
  public static Table of(String indent, String gap, ToIntFunction<String> measure,
      Column... columns) {
    return new Table(List.of(columns), indent, gap, measure);
  }

  /** The width of each column for these rows (each row a cell per column). */
  public int[] widths(Iterable<? extends List<String>> rows) {
    int[] w = new int[columns.size()];
    for (List<String> r : rows) {
      for (int c = 0; c < w.length; c++) {
        w[c] = Math.max(w[c], measure.applyAsInt(r.get(c)));
      }
    }
    for (int c = 0; c < w.length; c++) {
      Column col = columns.get(c);
      int min = measure.applyAsInt(col.header());
      if (col.fixed()) {
        w[c] = col.hint();
      } else if (w[c] < min) {
        w[c] = min;
      } else if (w[c] < col.hint() && min < col.hint()) {
        w[c] = col.hint();
      }
    }
    return w;
  }

  /** The headings, laid out in these widths. */
  public String header(int[] widths) {
    return line(widths, columns.stream().map(Column::header).toList());
  }

  /** One row, laid out in these widths. */
  public String line(int[] widths, List<String> cells) {
    StringBuilder line = new StringBuilder(indent);
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      line.append(c == 0 ? "" : gap);
      if (c == cells.size() - 1) {
        line.append(cell);
        continue;
      }
      String space = " ".repeat(Math.max(0, widths[c] - measure.applyAsInt(cell)));
      line.append(columns.get(c).align() == Align.RIGHT ? space + cell : cell + space);
    }
    return line.toString();
  }

  /** The lines of a whole table: its headings first, if asked, then a line per row. */
  public List<String> lines(List<? extends List<String>> rows, boolean headings) {
    int[] w = widths(rows);
    List<String> lines = new ArrayList<>();
    if (headings) {
      lines.add(header(w));
    }
    for (List<String> r : rows) {
      lines.add(line(w, r));
    }
    return lines;
  }
}
