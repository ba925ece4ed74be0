package org.nslab.lab;

import java.util.List;

/**
 * A lab's or a step's text in one more language: from {@code <div lang="ja">} blocks (the
 * first heading, if any, is the title) and {@code <details lang="ja">} hints. A null title,
 * blank prose or no hints fall back to English. {@code parts} is the prose split as the
 * step's {@link Step.Part}s are: a div after the step's second nslab block translates the
 * text after it ("" where no div stands).
 */
public record Localized(String title, List<String> hints, List<String> parts) {
  public Localized {
    hints = List.copyOf(hints);
    parts = List.copyOf(parts);
  }

  /** The whole prose: the parts, in order. */
  public String prose() {
    return String.join("\n\n", parts.stream().filter(p -> !p.isEmpty()).toList());
  }
}
