package org.nslab.shell;

import org.nslab.cmd.Paint;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/** Command colours as JLine's styles, rendered for the terminal's own capabilities. */
final class TerminalPaint implements Paint {
  private final Terminal terminal;

  TerminalPaint(Terminal terminal) {
    this.terminal = terminal;
  }

  static AttributedStyle style(Tone tone) {
    return switch (tone) {
      case CHANGED -> AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);
      case OK -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
      case WARN -> AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
      case ERROR -> AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
      case DIM -> AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT + AttributedStyle.BLACK);
      case BOLD -> AttributedStyle.BOLD;
    };
  }

  /**
   * As JLine renders for the terminal, but with the text sent as it is: JLine would switch to
   * the terminal's line-drawing charset for box-drawing characters (or send ASCII for them),
   * and a log or a recording of the terminal would read "qq" for "──". JLine makes the codes
   * around a letter; the text goes between them.
   */
  @Override
  public String paint(Tone tone, String text) {
    String around = new AttributedString("x", style(tone)).toAnsi(terminal);
    int at = around.indexOf('x');
    return at < 0 ? text : around.substring(0, at) + text + around.substring(at + 1);
  }
}
