package org.nslab.lab;

import java.util.List;
import java.util.Map;

/** A parsed lab file: its front matter, the introduction above the first step, and the steps. */
public record Lab(
    String file, String id, String title, List<String> requires, String intro, List<Step> steps,
    Map<String, Localized> translations) {
  public Lab {
    requires = List.copyOf(requires);
    steps = List.copyOf(steps);
    translations = Map.copyOf(translations);
  }

  public Lab(String file, String id, String title, List<String> requires, String intro,
      List<Step> steps) {
    this(file, id, title, requires, intro, steps, Map.of());
  }

  public String title(String lang) {
    Localized l = translations.get(lang);
    return l != null && l.title() != null && !l.title().isEmpty() ? l.title() : title;
  }

  public String intro(String lang) {
    Localized l = translations.get(lang);
    return l != null && !l.prose().isBlank() ? l.prose() : intro;
  }

  /** The languages this lab has text in, English first. */
  public java.util.List<String> languages() {
    java.util.Set<String> all = new java.util.TreeSet<>(translations.keySet());
    steps.forEach(s -> all.addAll(s.translations().keySet()));
    all.remove("en");
    java.util.List<String> out = new java.util.ArrayList<>(List.of("en"));
    out.addAll(all);
    return out;
  }
}
