package org.nslab.lab;

import java.util.List;

/** One "> command" line of an nslab block and the expected lines after it, up to the next. */
public record Entry(int line, String command, List<Expected> expected) {
  public Entry {
    expected = List.copyOf(expected);
  }

  /** A command with no expected lines is run, but what it prints is not compared. */
  public boolean checked() {
    return !expected.isEmpty();
  }
}
