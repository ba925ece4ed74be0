package org.nslab.shell;

import java.io.IOException;
import org.nslab.cmd.Interpreter;
import org.nslab.cmd.Session;

/**
 * What {@code nslab demo} presents, handed to the shell as a hook: the shell owns the terminal
 * (raw keys, width, colour) and the session; the workshop's presenter owns the lab. So the
 * shell needs nothing from the lab packages.
 */
@FunctionalInterface
public interface Stage {
  /** What a key between steps means. */
  enum Key {
    NEXT,
    BACK,
    AGAIN,
    QUIT
  }

  /** The next key that means something (the shell maps the keyboard to these). */
  @FunctionalInterface
  interface Keys {
    Key next() throws IOException;
  }

  /**
   * Presents in {@code session}; returns nslab's exit status. {@code width} is the terminal's
   * width as it is now (read again for each step: the window may be resized between steps).
   */
  int present(Session session, Interpreter interpreter, Keys keys,
      java.util.function.IntSupplier width) throws Exception;
}
