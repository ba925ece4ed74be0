package org.nslab.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON that grading needs: quoting (nslab's own) for the reports it writes, and a
 * parser for the one line a sandbox sends back (objects, arrays, strings, integers, booleans,
 * null).
 */
public final class JsonText {
  private final String s;
  private int at;

  private JsonText(String s) {
    this.s = s;
  }

  /** A JSON string, quoted: {@link Json#quote}, which {@link #parse} reads back. */
  public static String quote(String value) {
    return Json.quote(value);
  }

  /** Whether the char at i is half of a surrogate pair whose other half is missing. */
  public static boolean loneSurrogate(CharSequence s, int i) {
    return Json.loneSurrogate(s, i);
  }

  /** Map (insertion-ordered), List, String, Long, Boolean or null. */
  public static Object parse(String text) {
    JsonText p = new JsonText(text);
    Object v = p.value();
    p.blanks();
    if (p.at != text.length()) {
      throw p.error("trailing text");
    }
    return v;
  }

  private Object value() {
    blanks();
    if (at >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(at);
    switch (c) {
      case '{' -> {
        at++;
        Map<String, Object> m = new LinkedHashMap<>();
        blanks();
        if (peek('}')) {
          return m;
        }
        do {
          blanks();
          String key = string();
          blanks();
          expect(':');
          m.put(key, value());
          blanks();
        } while (peek(','));
        expect('}');
        return m;
      }
      case '[' -> {
        at++;
        List<Object> l = new ArrayList<>();
        blanks();
        if (peek(']')) {
          return l;
        }
        do {
          l.add(value());
          blanks();
        } while (peek(','));
        expect(']');
        return l;
      }
      case '"' -> {
        return string();
      }
      default -> {
        if (s.startsWith("true", at)) {
          at += 4;
          return Boolean.TRUE;
        }
        if (s.startsWith("false", at)) {
          at += 5;
          return Boolean.FALSE;
        }
        if (s.startsWith("null", at)) {
          at += 4;
          return null;
        }
        int start = at;
        if (c == '-') {
          at++;
        }
        while (at < s.length() && Character.isDigit(s.charAt(at))) {
          at++;
        }
        if (start == at || (c == '-' && at == start + 1)) {
          throw error("unexpected '" + c + "'");
        }
        return Long.parseLong(s.substring(start, at));
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (at >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(at++);
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (at >= s.length()) {
        throw error("unterminated string");
      }
      char e = s.charAt(at++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          if (at + 4 > s.length()) {
            throw error("short \\u escape");
          }
          try {
            sb.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
          } catch (NumberFormatException x) {
            throw error("bad \\u escape");
          }
          at += 4;
        }
        default -> sb.append(e); // \" \\ \/
      }
    }
  }

  private void blanks() {
    while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
      at++;
    }
  }

  private boolean peek(char c) {
    if (at < s.length() && s.charAt(at) == c) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("JSON at offset " + at + ": " + what);
  }
}
