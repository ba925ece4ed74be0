package org.nslab.lab;

import java.util.List;

/**
 * A lab's or a step's text in one more language: from {@code <div lang="ja">} blocks (the
 * first heading, if any, is the title) and {@code <details lang="ja">} hints. Null or empty
 * fields fall back to English. {@code parts} is the prose split as the step's {@link
 * Step.Part}s are: a div after the step's second nslab block translates the text after it.
 */
public record Localized(String title, String prose, List<String> hints, List<String> parts) {
  public Localized {
    hints = List.copyOf(hints);
    parts = List.copyOf(parts);
  }

  public Localized(String title, String prose, List<String> hints) {
    this(title, prose, hints, List.of());
  }
}
