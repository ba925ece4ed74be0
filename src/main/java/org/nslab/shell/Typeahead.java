package org.nslab.shell;

import org.jline.reader.LineReader;
import org.jline.reader.Widget;
import org.jline.reader.impl.LineReaderImpl;

/**
 * Typed or pasted text that is already waiting goes into the line in one piece. JLine redraws
 * the whole line (and highlights it) after every key, so a pasted line of n characters cost
 * n redraws of up to n characters each: 15,000 characters took 15 s of CPU here (100 s on a
 * slower machine) before the prompt came back. Now a printable character that arrives while
 * more are waiting is inserted with them, and the line is redrawn once per piece read: the
 * work grows with the text, not with its square.
 */
final class Typeahead {
  /** At most this much is inserted between two redraws, so a huge paste still shows progress. */
  static final int MAX_BATCH = 1 << 16;

  private Typeahead() {}

  static void install(LineReader reader) {
    if (!(reader instanceof LineReaderImpl impl)) {
      return;
    }
    Widget plain = reader.getWidgets().get(LineReader.SELF_INSERT);
    if (plain == null) {
      return;
    }
    reader.getWidgets().put(LineReader.SELF_INSERT, () -> {
      if (!plain.apply()) {
        return false;
      }
      StringBuilder more = new StringBuilder();
      // peekCharacter(1) only tells whether a character is already there: waiting longer or
      // shorter changes how many redraws there are, never what the line holds.
      while (more.length() < MAX_BATCH && plain(impl.peekCharacter(1))) {
        more.appendCodePoint(impl.readCharacter());
      }
      if (more.length() > 0) {
        impl.putString(more);
      }
      return true;
    });
  }

  /** A character the keymap inserts as it is: printable, not ESC, DEL or a control key. */
  static boolean plain(int c) {
    return c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0);
  }
}
