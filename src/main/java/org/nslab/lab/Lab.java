package org.nslab.lab;

import java.util.List;

/** A parsed lab file: its front matter, the introduction above the first step, and the steps. */
public record Lab(
    String file, String id, String title, List<String> requires, String intro, List<Step> steps) {
  public Lab {
    requires = List.copyOf(requires);
    steps = List.copyOf(steps);
  }
}
