package org.nslab.shell;

import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.nslab.cmd.Console;

/** Lends the terminal to a child and takes it back as it was. */
final class TerminalConsole implements Console {
  /** The most nslab waits to be told of the SIGINT that killed a child (a guard only). */
  private static final long INTERRUPT_WAIT_MS = 2000;
  private final Terminal terminal;
  private Attributes saved;
  /** SIGINTs the JVM has dispatched to nslab while children had the terminal (under this). */
  private long interrupts;
  private long interruptsBefore;
  private Terminal.SignalHandler previous;

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
    // The JVM hands a signal to its handler on a thread of its own, maybe late: counted here,
    // it cannot be taken for a Ctrl-C at the prompt that follows.
    synchronized (this) {
      interruptsBefore = interrupts;
    }
    previous = terminal.handle(Terminal.Signal.INT, s -> {
      synchronized (this) {
        interrupts++;
        notifyAll();
      }
    });
  }

  @Override
  public synchronized void childInterrupted() {
    long until = System.nanoTime() + INTERRUPT_WAIT_MS * 1_000_000;
    while (interrupts == interruptsBefore) {
      long left = (until - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return; // the SIGINT came from elsewhere (kill -INT), not the terminal
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void afterChild() {
    // A child (a shell, an editor) may leave the line discipline raw or without echo.
    if (saved != null) {
      terminal.setAttributes(saved);
    }
    if (previous != null) {
      terminal.handle(Terminal.Signal.INT, previous);
      previous = null;
    }
    terminal.flush();
  }
}
