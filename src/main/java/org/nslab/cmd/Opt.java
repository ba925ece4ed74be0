package org.nslab.cmd;

/**
 * One option of a command. {@code shortName} is 0 where there is none; {@code param} names the
 * value an option takes, or is null for a flag.
 */
public record Opt(char shortName, String longName, String param, String help) {

  public static Opt flag(char shortName, String longName, String help) {
    return new Opt(shortName, longName, null, help);
  }

  public static Opt value(char shortName, String longName, String param, String help) {
    return new Opt(shortName, longName, param, help);
  }

  public boolean takesValue() {
    return param != null;
  }

  /** " -p, --propagation MODE" as a help line shows it. */
  public String label() {
    String s = shortName != 0 ? "-" + shortName + ", " : "    ";
    s += "--" + longName;
    return param == null ? s : s + " " + param;
  }
}
