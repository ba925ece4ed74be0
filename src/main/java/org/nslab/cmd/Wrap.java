package org.nslab.cmd;

import java.util.ArrayList;
import java.util.List;
import org.nslab.text.Key;
import org.nslab.text.Text;
import org.nslab.text.Width;

/**
 * Text fitted to the terminal: lines wrapped at word boundaries (never inside a word), and
 * long echoed lines cut with what was left out said.
 */
public final class Wrap {
  private Wrap() {}

  /** An echoed line longer than this many characters is cut. */
  public static final int ECHO_MAX = 200;

  /**
   * {@code text} with every line wider than {@code width} columns broken at blanks; a
   * continuation is indented as its line is, and a little more for an indented table row
   * (under its second column). A word wider than the width stays whole. Width 0 (not a
   * terminal, or its width unknown) leaves the text as it is.
   */
  public static String text(String text, int width) {
    if (width <= 0 || text.isEmpty()) {
      return text;
    }
    StringBuilder sb = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        sb.append('\n');
      }
      sb.append(String.join("\n", line(lines[i], width)));
    }
    return sb.toString();
  }

  /** One line, wrapped: see {@link #text}. */
  public static List<String> line(String line, int width) {
    if (width <= 0 || width(line) <= width) {
      return List.of(line);
    }
    int lead = 0;
    while (lead < line.length() && line.charAt(lead) == ' ') {
      lead++;
    }
    // "  name     what it does": continuations go under "what it does".
    int hang = lead;
    int gap = line.indexOf("  ", lead);
    if (lead > 0 && gap > 0 && gap < width / 2) {
      int col = gap;
      while (col < line.length() && line.charAt(col) == ' ') {
        col++;
      }
      hang = col;
    }
    if (hang >= width / 2) {
      hang = Math.min(lead, width / 4);
    }
    String indent = " ".repeat(hang);
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder(line.substring(0, lead));
    int curWidth = lead;
    boolean empty = true;
    int blanks = 0; // the blanks before the next word, as many as the line had
    String[] words = line.substring(lead).split(" ", -1);
    for (int i = 0; i < words.length; i++) {
      String word = words[i];
      if (i > 0) {
        blanks++;
      }
      if (word.isEmpty()) {
        continue;
      }
      // Japanese and Chinese have no blanks between words: a line may break beside any wide
      // character (not before a closing mark, nor after an opening one), with no blank added.
      for (String piece : pieces(word)) {
        int w = width(piece);
        if (!empty && curWidth + blanks + w > width) {
          out.add(cur.toString().stripTrailing());
          cur = new StringBuilder(indent);
          curWidth = hang;
          blanks = 0;
        } else if (!empty) {
          cur.append(" ".repeat(blanks));
          curWidth += blanks;
        }
        cur.append(piece);
        curWidth += w;
        blanks = 0;
        empty = false;
      }
    }
    out.add(cur.toString().stripTrailing());
    return out;
  }

  /** Marks a line never starts with (Japanese and Chinese line-breaking rules, kinsoku). */
  private static final String NO_START = "、。，．・：；？！）］｝〕〉》」』】〙〗”’ー"
      + "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々…‥,.;:!?)]}%";

  /** Marks a line never ends with. */
  private static final String NO_END = "（［｛〔〈《「『【〘〖“‘([{";

  /** A blank-free word cut where a line may break: beside a wide character, rules allowing. */
  static List<String> pieces(String word) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    int prev = -1;
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      if (prev >= 0 && (Width.isWide(prev) || Width.isWide(cp))
          && NO_START.indexOf(cp) < 0 && NO_END.indexOf(prev) < 0) {
        pieces.add(word.substring(start, i));
        start = i;
      }
      prev = cp;
      i += Character.charCount(cp);
    }
    pieces.add(word.substring(start));
    return pieces;
  }

  /**
   * An echoed line (a command shown back) of at most {@link #ECHO_MAX} characters, or cut
   * there with the count of characters left out: "spawn sh -c '...… (14,817 more characters)".
   */
  public static String cut(String line) {
    return cut(line, ECHO_MAX);
  }

  public static String cut(String line, int max) {
    return cut(line, max, Text.english());
  }

  /** As {@link #cut(String, int)}, the count of characters left out said in {@code text}. */
  public static String cut(String line, int max, Text text) {
    int n = line.codePointCount(0, line.length());
    if (n <= max) {
      return line;
    }
    int keep = line.offsetByCodePoints(0, max);
    int more = n - max;
    return line.substring(0, keep) + text.get(more == 1 ? Key.WRAP_ONE_MORE
        : Key.WRAP_MORE, String.format(java.util.Locale.ROOT, "%,d", more));
  }

  /**
   * Columns the text takes on a terminal, as {@link Width} measures them (two for East Asian
   * wide characters); colours and other control characters take none.
   */
  public static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      if (s.charAt(i) == '\u001b' && i + 1 < s.length() && s.charAt(i + 1) == '[') {
        // A colour: no columns.
        i += 2;
        while (i < s.length() && (s.charAt(i) < '@' || s.charAt(i) > '~')) {
          i++;
        }
        i++;
        continue;
      }
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      w += cp < 0x20 ? 0 : Width.of(cp);
    }
    return w;
  }
}
