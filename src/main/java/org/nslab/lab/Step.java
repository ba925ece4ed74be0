package org.nslab.lab;

import java.util.List;
import java.util.Map;

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
    List<Check> checks,
    Map<String, Localized> translations,
    List<Part> parts) {
  /**
   * The step in file order, for a demo: prose, then the commands of the nslab block after it;
   * the last part has the prose after the last block and no commands.
   */
  public record Part(String prose, List<Entry> entries) {
    public Part {
      entries = List.copyOf(entries);
    }
  }

  public Step {
    parts = List.copyOf(parts);
    requires = List.copyOf(requires);
    entries = List.copyOf(entries);
    hints = List.copyOf(hints);
    answer = List.copyOf(answer);
    checks = List.copyOf(checks);
    translations = Map.copyOf(translations);
  }

  public Step(int line, String title, String prose, List<String> requires, List<Entry> entries,
      List<String> hints, List<String> answer, List<Check> checks) {
    this(line, title, prose, requires, entries, hints, answer, checks, Map.of(),
        List.of(new Part(prose, entries)));
  }

  /** The title in a language, or English. */
  public String title(String lang) {
    Localized l = translations.get(lang);
    return l != null && l.title() != null && !l.title().isEmpty() ? l.title() : title;
  }

  /** The prose in a language, or English. */
  public String prose(String lang) {
    Localized l = translations.get(lang);
    return l != null && !l.prose().isBlank() ? l.prose() : prose;
  }

  /**
   * The parts in a language, for a demo: each part's commands with its prose in that language,
   * where the translation was written in pieces between the nslab blocks. A part the
   * translation leaves out has no prose (its text is in another piece). In English, or with no
   * translated prose, the English parts.
   */
  public List<Part> parts(String lang) {
    Localized l = translations.get(lang);
    if (l == null || l.prose().isBlank() || l.parts().size() != parts.size()) {
      return parts;
    }
    List<Part> out = new java.util.ArrayList<>();
    for (int k = 0; k < parts.size(); k++) {
      out.add(new Part(l.parts().get(k), parts.get(k).entries()));
    }
    return out;
  }

  /** The hints in a language, or English. */
  public List<String> hints(String lang) {
    Localized l = translations.get(lang);
    return l != null && !l.hints().isEmpty() ? l.hints() : hints;
  }
}
