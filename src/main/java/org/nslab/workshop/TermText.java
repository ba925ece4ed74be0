package org.nslab.workshop;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nslab.cmd.Paint;
import org.nslab.text.Width;

/**
 * Markdown for the terminal: headings in bold, {@code code} and **strong** painted, lists with
 * hanging indents, code blocks indented and never wrapped, HTML tags and comments left out,
 * and paragraphs wrapped to the width in display columns: a Japanese or Chinese character
 * takes two, a line may break between any two of them, and no line starts with closing
 * punctuation (、。」) or ends with opening punctuation (「（), as Japanese typesetting wants.
 */
public final class TermText {
  private TermText() {}

  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*$");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$");
  private static final Pattern ITEM = Pattern.compile("^(\\s*)([-*+]|\\d+[.)])\\s+(.*)$");
  private static final Pattern INLINE =
      Pattern.compile("`([^`]+)`|\\*\\*(.+?)\\*\\*|__(.+?)__|\\*([^*\\s][^*]*?)\\*"
          + "|(?<![\\w])_([^_\\s][^_]*?)_(?![\\w])|\\[([^\\]]+)\\]\\(([^)]+)\\)|<[^>]+>");
  private static final String NO_START = "、。，．,.)）」』】〕〉》！？!?：；:;ー…‥・々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ";
  private static final String NO_END = "(（「『【〔〈《";
  private static final String WIDE_PUNCT = "、。，．：；！？）」』】〕〉》";

  /** A piece of text with how it looks; a unit of wrapping is a word or one wide character. */
  private record Piece(String text, Paint.Tone tone) {}

  /** Prints Markdown indented by two columns, within {@code width} columns in all. */
  public static void print(java.io.PrintWriter out, String markdown, int width, Paint paint) {
    for (String line : render(markdown, width - 2, paint)) {
      out.println(line.isEmpty() ? "" : "  " + line);
    }
  }

  /** Renders Markdown to lines of at most {@code width} columns (code blocks excepted). */
  public static List<String> render(String markdown, int width, Paint paint) {
    int w = Math.max(width, 10);
    List<String> out = new ArrayList<>();
    String[] lines = markdown.replace("\r", "").split("\n", -1);
    StringBuilder para = new StringBuilder();
    String indent = "";
    String firstIndent = "";
    boolean inComment = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (inComment) {
        inComment = !line.contains("-->");
        continue;
      }
      if (line.strip().startsWith("<!--")) {
        inComment = !line.contains("-->");
        continue;
      }
      Matcher fence = FENCE.matcher(line);
      if (fence.matches()) {
        flush(out, para, firstIndent, indent, w, paint);
        String marks = fence.group(1);
        for (i++; i < lines.length && !lines[i].strip().startsWith(marks); i++) {
          out.add(paint.paint(Paint.Tone.DIM, "    " + lines[i]));
        }
        blank(out);
        continue;
      }
      Matcher h = HEADING.matcher(line);
      if (h.matches()) {
        flush(out, para, firstIndent, indent, w, paint);
        String text = plain(h.group(2));
        out.add(paint.paint(Paint.Tone.BOLD, text));
        if (h.group(1).length() <= 2) {
          out.add(paint.paint(Paint.Tone.BOLD, "=".repeat(Math.min(width(text), w))));
        }
        blank(out);
        continue;
      }
      if (line.isBlank() || line.strip().matches("</?(details|summary|div)[^>]*>.*")) {
        flush(out, para, firstIndent, indent, w, paint);
        if (line.isBlank()) {
          blank(out);
        }
        continue;
      }
      if (line.strip().startsWith("|")) { // a table: as written, it is already laid out
        flush(out, para, firstIndent, indent, w, paint);
        out.add(line.strip());
        continue;
      }
      Matcher item = ITEM.matcher(line);
      if (item.matches()) {
        flush(out, para, firstIndent, indent, w, paint);
        String lead = item.group(1).replace("\t", "  ");
        String bullet = item.group(2).matches("[-*+]") ? "•" : item.group(2);
        firstIndent = "  " + lead + bullet + " ";
        indent = " ".repeat(width(firstIndent));
        para.append(item.group(3));
        continue;
      }
      if (para.length() > 0) {
        para.append(joiner(para, line.strip()));
      } else {
        firstIndent = "";
        indent = "";
      }
      para.append(line.strip());
    }
    flush(out, para, firstIndent, indent, w, paint);
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /** Lines of one paragraph are joined with a space, except next to a wide character. */
  private static String joiner(StringBuilder para, String next) {
    if (next.isEmpty()) {
      return "";
    }
    int last = para.codePointBefore(para.length());
    return isWide(last) || isWide(next.codePointAt(0)) ? "" : " ";
  }

  private static void blank(List<String> out) {
    if (!out.isEmpty() && !out.get(out.size() - 1).isEmpty()) {
      out.add("");
    }
  }

  private static void flush(List<String> out, StringBuilder para, String first, String indent,
      int width, Paint paint) {
    if (para.length() == 0) {
      return;
    }
    out.addAll(wrap(pieces(para.toString()), first, indent, width, paint));
    para.setLength(0);
  }

  /** The text without Markdown's inline marks: for headings. */
  static String plain(String s) {
    StringBuilder sb = new StringBuilder();
    for (Piece p : pieces(s)) {
      sb.append(p.text());
    }
    return sb.toString();
  }

  private static List<Piece> pieces(String s) {
    List<Piece> out = new ArrayList<>();
    Matcher m = INLINE.matcher(s);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        out.add(new Piece(s.substring(at, m.start()), null));
      }
      if (m.group(1) != null) {
        out.add(new Piece(m.group(1), Paint.Tone.CHANGED));
      } else if (m.group(2) != null || m.group(3) != null) {
        out.add(new Piece(m.group(2) != null ? m.group(2) : m.group(3), Paint.Tone.BOLD));
      } else if (m.group(4) != null || m.group(5) != null) {
        out.add(new Piece(m.group(4) != null ? m.group(4) : m.group(5), null));
      } else if (m.group(6) != null) {
        out.add(new Piece(m.group(6), null));
        if (!m.group(7).startsWith("#")) {
          out.add(new Piece(" (" + m.group(7) + ")", Paint.Tone.DIM));
        }
      } // an HTML tag: left out
      at = m.end();
    }
    if (at < s.length()) {
      out.add(new Piece(s.substring(at), null));
    }
    return out;
  }

  /** A unit of wrapping: no break inside it; space says whether a blank came before it. */
  private record Unit(String text, Paint.Tone tone, boolean space) {}

  private static List<Unit> units(List<Piece> pieces) {
    List<Unit> out = new ArrayList<>();
    boolean space = false;
    for (Piece p : pieces) {
      String t = p.text();
      if (p.tone() == Paint.Tone.CHANGED && !t.isBlank()) {
        // Inline code is one unit: a command is not broken across lines.
        boolean lead = t.startsWith(" ");
        out.add(new Unit(t.strip(), p.tone(), space || lead));
        space = t.endsWith(" ");
        continue;
      }
      int i = 0;
      StringBuilder word = new StringBuilder();
      while (i < t.length()) {
        int cp = t.codePointAt(i);
        int n = Character.charCount(cp);
        if (cp == ' ' || cp == '\t') {
          if (word.length() > 0) {
            out.add(new Unit(word.toString(), p.tone(), space));
            word.setLength(0);
          }
          space = true;
        } else if (isWide(cp)) {
          if (word.length() > 0) {
            out.add(new Unit(word.toString(), p.tone(), space));
            word.setLength(0);
            space = false;
          }
          out.add(new Unit(new String(Character.toChars(cp)), p.tone(), space));
          space = false;
        } else {
          word.appendCodePoint(cp);
        }
        i += n;
      }
      if (word.length() > 0) {
        out.add(new Unit(word.toString(), p.tone(), space));
        space = false;
      }
    }
    return out;
  }

  private static List<String> wrap(List<Piece> pieces, String first, String indent, int width,
      Paint paint) {
    List<Unit> units = units(pieces);
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(first);
    int col = width(first);
    boolean empty = true;
    for (int i = 0; i < units.size(); i++) {
      Unit u = units.get(i);
      int uw = width(u.text());
      // No blank after wide punctuation ("**課題：** 本文" is written so for Markdown's sake).
      boolean afterWidePunct = i > 0 && WIDE_PUNCT.indexOf(lastChar(units.get(i - 1))) >= 0;
      int gap = empty || !u.space() || afterWidePunct ? 0 : 1;
      boolean mustStay = stays(units, i);
      // What cannot be parted from this unit comes onto the line with it.
      int need = gap + uw;
      for (int j = i + 1; j < units.size() && stays(units, j); j++) {
        need += width(units.get(j).text());
      }
      // An opening bracket goes to the next line with what it opens.
      boolean opens = u.text().length() == 1 && NO_END.indexOf(u.text().charAt(0)) >= 0;
      if (opens && i + 1 < units.size() && !stays(units, i + 1)) {
        need += width(units.get(i + 1).text());
      }
      if (!empty && col + need > width && !mustStay) {
        lines.add(line.toString());
        line = new StringBuilder(indent);
        col = width(indent);
        empty = true;
        gap = 0;
      }
      if (gap > 0) {
        line.append(' ');
        col++;
      }
      line.append(u.tone() == null ? u.text() : paint.paint(u.tone(), u.text()));
      col += uw;
      empty = false;
    }
    if (!empty) {
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * Whether unit i may not start a line: closing punctuation (kinsoku), or the rest of a Latin
   * word, as in "`cgroup create`)," where the code and the ")," have no blank between them.
   */
  private static boolean stays(List<Unit> units, int i) {
    Unit u = units.get(i);
    if (u.text().length() == 1 && NO_START.indexOf(u.text().charAt(0)) >= 0) {
      return true;
    }
    return i > 0 && !u.space() && !isWide(u.text().codePointAt(0))
        && !isWide(units.get(i - 1).text().codePointBefore(units.get(i - 1).text().length()));
  }

  private static char lastChar(Unit u) {
    return u.text().isEmpty() ? ' ' : u.text().charAt(u.text().length() - 1);
  }

  /** Display columns of a string: two for wide (East Asian) characters ({@link Width}). */
  public static int width(String s) {
    return Width.of(s);
  }

  /** East Asian Wide and Fullwidth characters and wide emoji (Unicode UAX #11). */
  static boolean isWide(int cp) {
    return Width.isWide(cp);
  }
}
