package org.nslab.lab;

/**
 * One expected output line as written: "! TEXT" for standard error, "[N]" for an exit status,
 * "..." for any number of lines, and {*}, {NAME}, {!NAME} patterns within it.
 */
public record Expected(int line, String text) {
  /** True for a "..." line, which stands for any number of output lines. */
  public boolean ellipsis() {
    return text.stripTrailing().equals("...");
  }
}
