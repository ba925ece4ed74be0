package org.nslab.lab;

/**
 * One line of a check block, "POINTS [not] EXPRESSION | MESSAGE": expression has neither the
 * leading "not" nor the message, and message is "" when the line has none.
 */
public record Check(int line, int points, boolean negated, String expression, String message) {
  /** The check as written: "not outside hostname is demo". */
  public String text() {
    return (negated ? "not " : "") + expression;
  }
}
