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
    return eachLine(text, width, l -> line(l, width));
  }

  /**
   * {@code text} with every line wider than {@code width} columns broken as {@link #line(String,
   * int, int)} breaks it, its continuations {@code hang} columns in. Width 0 leaves it as it is.
   */
  public static String hanging(String text, int width, int hang) {
    return eachLine(text, width, l -> line(l, width, hang));
  }

  /** Each line of {@code text} broken by {@code wrap}; width 0 leaves the text as it is. */
  private static String eachLine(String text, int width,
      java.util.function.Function<String, List<String>> wrap) {
    if (width <= 0 || text.isEmpty()) {
      return text;
    }
    StringBuilder sb = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        sb.append('\n');
      }
      sb.append(String.join("\n", wrap.apply(lines[i])));
    }
    return sb.toString();
  }

  /**
   * A note or a lesson ("pid: the lab task stays in ..."), wrapped to {@code width} columns
   * with its continuations under the words after its label ("pid: ") where it has a short one,
   * else two columns in. Width 0 leaves it as it is.
   */
  public static String note(String text, int width) {
    int colon = text.indexOf(": ");
    int hang = colon > 0 && colon < 16 && text.substring(0, colon).matches("[\\w_/.-]+")
        ? width(text.substring(0, colon + 2)) : 2;
    return hanging(text, width, hang);
  }

  /** Fewest columns a guessed hang (a table row's second column) leaves for its words. */
  static final int ROOM = 20;

  /** Fewest columns any hang leaves for its words; less, and it hangs less. */
  static final int MIN_ROOM = 10;

  /** One line, wrapped: see {@link #text}. */
  public static List<String> line(String line, int width) {
    if (width <= 0 || width(line) <= width) {
      return List.of(line);
    }
    int lead = lead(line);
    // "  name     what it does": continuations go under "what it does".
    int hang = lead;
    int gap = line.indexOf("  ", lead);
    if (lead > 0 && gap > 0 && gap < width / 2) {
      int col = gap;
      while (col < line.length() && line.charAt(col) == ' ') {
        col++;
      }
      hang = width(line.substring(0, col));
    }
    if (width - hang < Math.min(ROOM, width / 2)) {
      hang = Math.min(lead, width / 4);
    }
    return line(line, width, hang);
  }

  private static int lead(String line) {
    int lead = 0;
    while (lead < line.length() && line.charAt(lead) == ' ') {
      lead++;
    }
    return lead;
  }

  /**
   * One line broken at blanks (and beside wide characters, as Japanese and Chinese break) into
   * lines of at most {@code width} columns, each continuation indented {@code hang} columns: a
   * usage's synopsis under its arguments, an option's words under the description column, a
   * check's words under the check's text, a table's last cell under its column. A hang that
   * would leave fewer than {@link #MIN_ROOM} columns falls back to the line's own indent, at
   * most a quarter of the width. A word wider than the width stays whole.
   */
  public static List<String> line(String line, int width, int hang) {
    if (width <= 0 || width(line) <= width) {
      return List.of(line);
    }
    int lead = lead(line);
    if (hang > lead && width - hang < MIN_ROOM) {
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
      List<String> pieces = new ArrayList<>();
      for (String piece : pieces(word, true)) {
        // A katakana word too wide for a line of its own is broken after all.
        pieces.addAll(width(piece) > width - hang ? pieces(piece, false) : List.of(piece));
      }
      for (String piece : pieces) {
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
    return pieces(word, true);
  }

  private static List<String> pieces(String word, boolean wholeKatakana) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    int prev = -1;
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      if (prev >= 0 && (Width.isWide(prev) || Width.isWide(cp))
          && NO_START.indexOf(cp) < 0 && NO_END.indexOf(prev) < 0
          && !(wholeKatakana && katakana(prev) && katakana(cp))) {
        pieces.add(word.substring(start, i));
        start = i;
      }
      prev = cp;
      i += Character.charCount(cp);
    }
    pieces.add(word.substring(start));
    return pieces;
  }

  /** A katakana word (a loanword: デフォルト, オフセット) is not broken inside. */
  private static boolean katakana(int cp) {
    return (cp >= 0x30A0 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF);
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
