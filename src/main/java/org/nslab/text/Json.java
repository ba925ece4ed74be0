package org.nslab.text;

/** The little JSON writing nslab needs: string escaping. */
public final class Json {
  private Json() {}

  /**
   * A JSON string, quoted, that every JSON reader takes and that stays ASCII-safe wherever a
   * student's bytes could hurt: control characters (C0, DEL and C1), lone surrogates (which
   * no UTF-8 encoder can write), U+2028/U+2029 (line ends to JavaScript) and the
   * noncharacters U+FFFE/U+FFFF are written as backslash-u escapes; null is JSON's null.
   * The lab package's JSON reader reads back exactly the string that was quoted.
   */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
              || c == '\ufffe' || c == '\uffff' || loneSurrogate(value, i)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Whether the char at i is half of a surrogate pair whose other half is missing. */
  public static boolean loneSurrogate(CharSequence s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
