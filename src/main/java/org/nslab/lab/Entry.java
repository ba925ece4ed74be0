package org.nslab.lab;

import java.util.List;

/** One "> command" line of an nslab block and the expected lines after it, up to the next. */
public record Entry(int line, String command, List<Expected> expected) {
  public Entry {
    expected = List.copyOf(expected);
  }

  /** The lab expects this command to fail: its expected output ends with "[N]". */
  public boolean expectsFailure() {
    return checked() && expected.get(expected.size() - 1).text().matches("\\[\\d+\\]");
  }

  /** A command with no expected lines is run, but what it prints is not compared. */
  public boolean checked() {
    return !expected.isEmpty();
  }
}
