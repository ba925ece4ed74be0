package org.nslab.text;

import org.jline.utils.WCWidth;

/**
 * How many terminal columns text takes, from JLine's {@code WCWidth} (Markus Kuhn's wcwidth,
 * kept to current Unicode by JLine): two for East Asian Wide and Fullwidth characters and wide
 * emoji, none for combining marks and other zero-width characters, one for the rest.
 *
 * <p>The one import of {@code org.jline} outside {@code shell}: a pure table, no terminal, so
 * that lab text, reports and tables measure as the shell's line editor does.
 */
public final class Width {
  private Width() {}

  /** Display columns of a string. A control character counts one, as it always has here. */
  public static int of(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += of(cp);
      i += Character.charCount(cp);
    }
    return w;
  }

  /** Display columns of one code point (0, 1 or 2). */
  public static int of(int cp) {
    int w = WCWidth.wcwidth(cp);
    return w < 0 ? 1 : w;
  }

  /** Whether a code point takes two columns (a line may break either side of it). */
  public static boolean isWide(int cp) {
    return WCWidth.wcwidth(cp) == 2;
  }
}
