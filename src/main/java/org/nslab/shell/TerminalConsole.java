package org.nslab.shell;

import org.nslab.cmd.Console;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

/** Lends the terminal to a child and takes it back as it was. */
final class TerminalConsole implements Console {
  private final Terminal terminal;
  private Attributes saved;

  TerminalConsole(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public boolean isTerminal() {
    return true;
  }

  @Override
  public int width() {
    return terminal.getWidth();
  }

  @Override
  public void clearScreen() {
    terminal.flush();
    terminal.puts(org.jline.utils.InfoCmp.Capability.clear_screen);
    terminal.flush();
  }

  @Override
  public void beforeChild() {
    terminal.flush();
    saved = terminal.getAttributes();
  }

  @Override
  public void afterChild() {
    // A child (a shell, an editor) may leave the line discipline raw or without echo.
    if (saved != null) {
      terminal.setAttributes(saved);
    }
    terminal.flush();
  }
}
