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

  @Override
  public String paint(Tone tone, String text) {
    return new AttributedString(text, style(tone)).toAnsi(terminal);
  }
}
