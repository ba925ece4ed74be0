package org.nslab.cmd;

import java.util.ArrayList;
import java.util.List;

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
      int w = width(word);
      if (!empty && curWidth + blanks + w > width) {
        out.add(cur.toString());
        cur = new StringBuilder(indent);
        curWidth = hang;
        blanks = 0;
      } else if (!empty) {
        cur.append(" ".repeat(blanks));
        curWidth += blanks;
      }
      cur.append(word);
      curWidth += w;
      blanks = 0;
      empty = false;
    }
    out.add(cur.toString().stripTrailing());
    return out;
  }

  /**
   * An echoed line (a command shown back) of at most {@link #ECHO_MAX} characters, or cut
   * there with the count of characters left out: "spawn sh -c '...… (14,817 more characters)".
   */
  public static String cut(String line) {
    return cut(line, ECHO_MAX);
  }

  public static String cut(String line, int max) {
    int n = line.codePointCount(0, line.length());
    if (n <= max) {
      return line;
    }
    int keep = line.offsetByCodePoints(0, max);
    int more = n - max;
    return line.substring(0, keep) + "… (" + String.format(java.util.Locale.ROOT, "%,d", more)
        + (more == 1 ? " more character)" : " more characters)");
  }

  /** Columns the text takes on a terminal: two for East Asian wide characters. */
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
      w += wide(cp) ? 2 : cp < 0x20 ? 0 : 1;
    }
    return w;
  }

  private static boolean wide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
        || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
  }
}
