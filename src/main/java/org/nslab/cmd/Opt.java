package org.nslab.cmd;

import java.util.List;
import org.nslab.text.Key;
import org.nslab.text.Text;

/**
 * One option of a command. {@code shortName} is 0 where there is none; {@code param} names the
 * value an option takes, or is null for a flag. {@code help} is the English line; where
 * {@code helpKey} is given, the line comes from the catalogue (with {@code helpArgs}) in the
 * session's language.
 */
public record Opt(char shortName, String longName, String param, String help, Key helpKey,
    List<Object> helpArgs) {

  public Opt(char shortName, String longName, String param, String help) {
    this(shortName, longName, param, help, null, List.of());
  }

  public static Opt flag(char shortName, String longName, String help) {
    return new Opt(shortName, longName, null, help);
  }

  public static Opt value(char shortName, String longName, String param, String help) {
    return new Opt(shortName, longName, param, help);
  }

  /** A flag whose help line is the catalogue's {@code help}. */
  public static Opt flag(char shortName, String longName, Key help, Object... args) {
    return value(shortName, longName, null, help, args);
  }

  /** An option with a value, its help line the catalogue's {@code help}. */
  public static Opt value(char shortName, String longName, String param, Key help,
      Object... args) {
    return new Opt(shortName, longName, param, Text.english().get(help, args), help,
        List.of(args));
  }

  /** The help line in the language of {@code text}. */
  public String help(Text text) {
    return helpKey == null ? help : text.get(helpKey, helpArgs.toArray());
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
