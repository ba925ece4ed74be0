package org.nslab.lab;

import java.util.Locale;
import java.util.Set;

/**
 * One-line YAML scalars, as a lab's front matter holds them ({@code title: "PID 1: init"}):
 * read the way every YAML parser reads them (GitHub's page view, site generators), and written
 * so that they read back the same.
 */
public final class YamlScalar {
  private YamlScalar() {}

  /** Words YAML 1.1 parsers (SnakeYAML, PyYAML) read as booleans or null, not as text. */
  private static final Set<String> SPECIAL =
      Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null", "~");

  /**
   * The value of a {@code KEY: VALUE} line, from the text after the colon: plain, 'single' or
   * "double" quoted, with a {@code  # comment} after it or not.
   *
   * @throws IllegalArgumentException saying what a YAML parser would refuse, and the fix
   */
  static String parse(String afterColon) {
    if (!afterColon.isEmpty() && afterColon.charAt(0) != ' ' && afterColon.charAt(0) != '\t') {
      throw new IllegalArgumentException("YAML needs a space after the colon ('KEY: VALUE')");
    }
    String v = afterColon.strip();
    if (v.isEmpty() || v.startsWith("#")) {
      return "";
    }
    char first = v.charAt(0);
    if (first == '"' || first == '\'') {
      return quoted(v);
    }
    if ("[]{}&*!|>%@`,".indexOf(first) >= 0
        || (first == '-' || first == '?' || first == ':') && (v.length() == 1 || v.charAt(1) == ' ')) {
      throw new IllegalArgumentException("a value starting with '" + first + "' means something"
          + " else to YAML: put it in double quotes");
    }
    int comment = v.indexOf(" #");
    String plain = comment < 0 ? v : v.substring(0, comment).strip();
    if (plain.contains(": ") || plain.endsWith(":")) {
      throw new IllegalArgumentException("'" + plain + "' has a colon that YAML reads as the"
          + " start of another KEY: VALUE: put the value in double quotes (\"" + plain + "\")");
    }
    return plain;
  }

  private static String quoted(String v) {
    char q = v.charAt(0);
    StringBuilder sb = new StringBuilder();
    int i = 1;
    while (true) {
      if (i >= v.length()) {
        throw new IllegalArgumentException("the " + (q == '"' ? "double" : "single")
            + " quote has no closing " + q + " on its line");
      }
      char c = v.charAt(i);
      if (q == '\'' && c == '\'') {
        if (i + 1 < v.length() && v.charAt(i + 1) == '\'') {
          sb.append('\'');
          i += 2;
          continue;
        }
        break;
      }
      if (q == '"' && c == '"') {
        break;
      }
      if (q == '"' && c == '\\') {
        i = escape(v, i + 1, sb);
        continue;
      }
      sb.append(c);
      i++;
    }
    String rest = v.substring(i + 1).strip();
    if (!rest.isEmpty() && !(rest.startsWith("#") && v.charAt(i + 1) != '#')) {
      throw new IllegalArgumentException("text after the closing " + q + ": '" + rest
          + "' (put all of the value inside the quotes)");
    }
    return sb.toString();
  }

  /** A double-quoted scalar's escape at {@code v[i]} (after the backslash); returns what follows. */
  private static int escape(String v, int i, StringBuilder sb) {
    if (i >= v.length()) {
      throw new IllegalArgumentException("a backslash at the end of the line");
    }
    char e = v.charAt(i);
    int hex = switch (e) {
      case 'x' -> 2;
      case 'u' -> 4;
      case 'U' -> 8;
      default -> 0;
    };
    if (hex > 0) {
      if (i + 1 + hex > v.length() || !v.substring(i + 1, i + 1 + hex).matches("[0-9A-Fa-f]+")) {
        throw new IllegalArgumentException("\\" + e + " needs " + hex + " hex digits");
      }
      sb.appendCodePoint(Integer.parseInt(v.substring(i + 1, i + 1 + hex), 16));
      return i + 1 + hex;
    }
    // YAML 1.1's escapes, which 1.2 keeps (1.2's "\/" is not here: SnakeYAML refuses it).
    String from = "0abtnvfre \"\\N_LP\t";
    String to = "\0\u0007\b\t\n\u000b\f\r\u001b \"\\\u0085\u00a0\u2028\u2029\t";
    int k = from.indexOf(e);
    if (k < 0) {
      throw new IllegalArgumentException("\\" + e + " is not a YAML escape (write \\\\ for a"
          + " backslash)");
    }
    sb.append(to.charAt(k));
    return i + 1;
  }

  /** {@code s} as a value that every YAML parser reads back as this text: plain where it can. */
  public static String quote(String s) {
    if (s.matches("[A-Za-z][A-Za-z0-9._-]*") && !SPECIAL.contains(s.toLowerCase(Locale.ROOT))) {
      return s;
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c) || c >= 0xfffe) {
            sb.append("\\ufffd"); // no character (a lone surrogate, U+FFFE): YAML has none
          } else if (c < 0x20 || c == 0x7f || c >= 0x80 && c <= 0x9f) {
            sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
