package org.nslab.lab;

import java.util.List;

/**
 * One "## " section of a lab. prose is the step's Markdown without its heading, its nslab and
 * check blocks, its hint and answer details blocks and its requires comment.
 */
public record Step(
    int line,
    String title,
    String prose,
    List<String> requires,
    List<Entry> entries,
    List<String> hints,
    List<String> answer,
    List<Check> checks) {
  public Step {
    requires = List.copyOf(requires);
    entries = List.copyOf(entries);
    hints = List.copyOf(hints);
    answer = List.copyOf(answer);
    checks = List.copyOf(checks);
  }
}
