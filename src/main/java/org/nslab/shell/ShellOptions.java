package org.nslab.shell;

import org.nslab.text.Text;

/**
 * How nslab was started: --debug for stack traces, colour unless NO_COLOR or --no-color, and
 * the language of nslab's own words (--lang, else the locale's).
 */
public record ShellOptions(boolean debug, boolean color, Text text) {
  /** In English. */
  public ShellOptions(boolean debug, boolean color) {
    this(debug, color, Text.english());
  }
}
