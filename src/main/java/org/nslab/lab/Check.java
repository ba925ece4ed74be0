package org.nslab.lab;

/**
 * One line of a check block, "POINTS [not] EXPRESSION | MESSAGE": expression has neither the
 * leading "not" nor the message, probe is the expression parsed (what it looks at), and message
 * is "" when the line has none. Lines "[ja] TEXT" under it give the message in other languages.
 */
public record Check(
    int line, int points, boolean negated, String expression, Probe probe, String message,
    java.util.Map<String, String> messages) {
  public Check {
    messages = java.util.Map.copyOf(messages);
  }

  /** A check from its expression; IllegalArgumentException if the expression is malformed. */
  public Check(int line, int points, boolean negated, String expression, String message) {
    this(line, points, negated, expression, Probe.parse(expression), message, java.util.Map.of());
  }

  /** The message in a language (a "[ja] ..." line under the check), or English. */
  public String message(String lang) {
    return messages.getOrDefault(lang, message);
  }

  /** The same check with its message in one more language. */
  Check withMessage(String lang, String text) {
    java.util.Map<String, String> m = new java.util.TreeMap<>(messages);
    m.put(lang, text);
    return new Check(line, points, negated, expression, probe, message, m);
  }

  /** The check as written: "not outside hostname is demo". */
  public String text() {
    return (negated ? "not " : "") + expression;
  }
}
