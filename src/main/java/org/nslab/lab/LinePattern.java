package org.nslab.lab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** One expected line compiled into literal text and its {*}, {NAME} and {!NAME} patterns. */
record LinePattern(List<Part> parts) {
  /** A piece of an expected line. */
  sealed interface Part permits Text, AnyText, Word, OtherWord {}

  /** Literal text, matched exactly. */
  record Text(String text) implements Part {}

  /** {*}: any text, possibly none. */
  record AnyText() implements Part {}

  /** {NAME}: a word (no blanks) that is captured the first time and must repeat after that. */
  record Word(String name) implements Part {}

  /** {!NAME}: a word that differs from what {NAME} captured. */
  record OtherWord(String name) implements Part {}

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

  /**
   * Characters that mean a brace pair is not trying to be a pattern: JSON ({"a": 1}), shell
   * brace lists ({a,b}) and prose keep their braces as literal text.
   */
  private static final String NOT_A_PATTERN = " \t\"':,;{";

  LinePattern {
    parts = List.copyOf(parts);
  }

  /**
   * Compiles an expected line (trailing blanks dropped, since they never count).
   *
   * @throws IllegalArgumentException for a brace pair that looks like a pattern but is not one
   *     ({}, {!}, {a-b}), with a message that says what a pattern is
   */
  static LinePattern parse(String line) {
    String s = line.stripTrailing();
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int close = c == '{' ? s.indexOf('}', i + 1) : -1;
      String inside = close < 0 ? null : s.substring(i + 1, close);
      if (inside == null || inside.chars().anyMatch(ch -> NOT_A_PATTERN.indexOf(ch) >= 0)) {
        text.append(c);
        i++;
        continue;
      }
      Part part;
      if (inside.equals("*")) {
        part = new AnyText();
      } else {
        boolean other = inside.startsWith("!");
        String name = other ? inside.substring(1) : inside;
        if (name.isEmpty()) {
          throw new IllegalArgumentException(
              "{" + inside + "} has an empty NAME: a pattern is {*}, {NAME} or {!NAME}, and a"
                  + " NAME is letters, digits and _");
        }
        if (!NAME.matcher(name).matches()) {
          throw new IllegalArgumentException(
              "{" + inside + "} is not a pattern: a NAME is letters, digits and _ (use {*} for"
                  + " any text)");
        }
        part = other ? new OtherWord(name) : new Word(name);
      }
      if (text.length() > 0) {
        parts.add(new Text(text.toString()));
        text.setLength(0);
      }
      parts.add(part);
      i = close + 1;
    }
    if (text.length() > 0) {
      parts.add(new Text(text.toString()));
    }
    return new LinePattern(parts);
  }

  /** The names this line's {!NAME} patterns compare against. */
  Set<String> otherWordNames() {
    Set<String> names = new LinkedHashSet<>();
    for (Part p : parts) {
      if (p instanceof OtherWord o) {
        names.add(o.name());
      }
    }
    return names;
  }

  /**
   * Matches a whole actual line (trailing blanks dropped). Returns the captures afterwards
   * (the given ones plus any this line made), or null when the line does not match. Where a
   * line could match in several ways, a {NAME} takes the longest word and {*} the shortest text.
   */
  Map<String, String> match(String actual, Map<String, String> captures) {
    String a = actual.stripTrailing();
    List<State> states = List.of(new State(0, captures));
    for (Part p : parts) {
      states = advance(states, p, a);
      if (states.isEmpty()) {
        return null;
      }
    }
    for (State s : states) {
      if (s.pos() == a.length()) {
        return s.captures();
      }
    }
    return null;
  }

  /** Why the actual line does not match, in words; call only after match returned null. */
  String explain(String actual, Map<String, String> captures) {
    String a = actual.stripTrailing();
    List<State> states = List.of(new State(0, captures));
    Part previous = null;
    for (Part p : parts) {
      List<State> next = advance(states, p, a);
      if (next.isEmpty()) {
        // After {*} every later column was tried: point at where {*} started, not at the end.
        return previous instanceof AnyText
            ? failureAfterAny(p, states.get(0), a)
            : failure(p, furthest(states), a);
      }
      states = next;
      previous = p;
    }
    State s = furthest(states);
    return "expected the line to end at column " + (s.pos() + 1) + ", got "
        + quote(a.substring(s.pos()));
  }

  private static String failure(Part p, State s, String a) {
    int col = s.pos() + 1;
    String word = wordAt(a, s.pos());
    String got = word.isEmpty()
        ? (s.pos() == a.length() ? "the end of the line" : "a blank")
        : word;
    if (p instanceof Text t) {
      return "expected " + quote(t.text()) + " at column " + col + ", got "
          + (s.pos() == a.length() ? "the end of the line" : quote(a.substring(s.pos())));
    }
    if (p instanceof Word w) {
      String value = s.captures().get(w.name());
      if (value == null) {
        return "expected a word for {" + w.name() + "} at column " + col + ", got " + got;
      }
      return "expected " + w.name() + " = " + value + " at column " + col + ", got " + got;
    }
    OtherWord o = (OtherWord) p;
    String value = s.captures().get(o.name());
    if (value == null) {
      return uncaptured(o.name());
    }
    return "expected a word different from " + o.name() + " = " + value + ", got "
        + (capturedWordAt(a, s.pos(), value) ? value : got);
  }

  /**
   * True when the captured word itself stands at pos, ended by the line's end or a character
   * that cannot continue a word: then neither it nor a piece of it ("402653183" of
   * "4026531838]") is a different word, while "12" still differs from a captured "1".
   */
  private static boolean capturedWordAt(String a, int pos, String value) {
    if (value.isEmpty() || !a.startsWith(value, pos)) {
      return false;
    }
    int after = pos + value.length();
    return after == a.length()
        || !(Character.isLetterOrDigit(a.charAt(after)) || a.charAt(after) == '_');
  }

  private static String failureAfterAny(Part p, State s, String a) {
    String rest = quote(a.substring(s.pos()));
    if (p instanceof Text t) {
      return "expected " + quote(t.text()) + " somewhere in " + rest;
    }
    String name = p instanceof Word w ? w.name() : ((OtherWord) p).name();
    String value = s.captures().get(name);
    if (value == null) {
      return p instanceof Word ? "expected a word for {" + name + "} in " + rest
          : uncaptured(name);
    }
    return p instanceof Word
        ? "expected " + name + " = " + value + " somewhere in " + rest
        : "expected a word different from " + name + " = " + value + " in " + rest;
  }

  static String uncaptured(String name) {
    return "{!" + name + "} needs {" + name + "} captured by an earlier line, and nothing is"
        + " captured as " + name + " yet";
  }

  /** Where the match got furthest: the best place to point at a difference. */
  private static State furthest(List<State> states) {
    State best = states.get(0);
    for (State s : states) {
      if (s.pos() > best.pos()) {
        best = s;
      }
    }
    return best;
  }

  private static String wordAt(String a, int pos) {
    int end = pos;
    while (end < a.length() && !Character.isWhitespace(a.charAt(end))) {
      end++;
    }
    return a.substring(pos, end);
  }

  /** Short enough to read in a one-line reason. */
  static String quote(String s) {
    return "\"" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "\"";
  }

  /** A point reached in the actual line, with the captures made on the way there. */
  private record State(int pos, Map<String, String> captures) {}

  /**
   * Every way a part can extend every state, in order of preference, without duplicates: a
   * small backtracking search, which is all that lines of command output need.
   */
  private static List<State> advance(List<State> states, Part part, String a) {
    Set<State> next = new LinkedHashSet<>();
    for (State s : states) {
      int pos = s.pos();
      if (part instanceof Text t) {
        if (a.startsWith(t.text(), pos)) {
          next.add(new State(pos + t.text().length(), s.captures()));
        }
      } else if (part instanceof AnyText) {
        for (int end = pos; end <= a.length(); end++) {
          next.add(new State(end, s.captures()));
        }
      } else if (part instanceof Word w) {
        String value = s.captures().get(w.name());
        if (value != null) {
          if (!value.isEmpty() && a.startsWith(value, pos)) {
            next.add(new State(pos + value.length(), s.captures()));
          }
          continue;
        }
        for (int end = pos + wordAt(a, pos).length(); end > pos; end--) {
          Map<String, String> c = new HashMap<>(s.captures());
          c.put(w.name(), a.substring(pos, end));
          next.add(new State(end, c));
        }
      } else if (part instanceof OtherWord o) {
        String value = s.captures().get(o.name());
        if (value == null || capturedWordAt(a, pos, value)) {
          continue;
        }
        for (int end = pos + wordAt(a, pos).length(); end > pos; end--) {
          if (!a.substring(pos, end).equals(value)) {
            next.add(new State(end, s.captures()));
          }
        }
      }
    }
    return new ArrayList<>(next);
  }
}
