package org.nslab.lab;

import java.util.List;

/**
 * A lab's or a step's text in one more language: from a {@code <div lang="ja">} block (whose
 * first heading, if any, is the title) and {@code <details lang="ja">} hints. Null or empty
 * parts fall back to English.
 */
public record Localized(String title, String prose, List<String> hints) {
  public Localized {
    hints = List.copyOf(hints);
  }
}
