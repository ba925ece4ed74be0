package org.nslab.lab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches expected lines against what a command printed, keeping {NAME} captures from one
 * command to the next: one lab is one OutputMatcher. Actual lines are written as a lab writes
 * them: standard output as is, standard error as "! TEXT", a non-zero exit status as "[N]".
 */
public final class OutputMatcher {
  private static final Pattern STATUS = Pattern.compile("\\[(\\d+)\\]");

  /** Lines of unchanged context kept around each change in a diff. */
  private static final int CONTEXT = 3;

  private final Map<String, String> captures;

  /** @param initialCaptures captures known before the lab starts, such as host */
  public OutputMatcher(Map<String, String> initialCaptures) {
    this.captures = new LinkedHashMap<>(initialCaptures);
  }

  /** What {NAME} patterns have captured so far, read-only. */
  public Map<String, String> captures() {
    return Collections.unmodifiableMap(captures);
  }

  /**
   * Returns null when the output matches (and then keeps the captures it made), or the first
   * difference (and then keeps none of them, so a failed attempt leaves no trace).
   */
  public Mismatch match(List<Expected> expected, List<String> actual) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      Expected e = expected.get(i);
      if (e.ellipsis()) {
        items.add(new Item(e, null));
        continue;
      }
      try {
        items.add(new Item(e, LinePattern.parse(e.text())));
      } catch (IllegalArgumentException bad) {
        // LabParser rejects these; an Expected made by hand can still hold one.
        return new Mismatch(e, i < actual.size() ? actual.get(i) : null, bad.getMessage());
      }
    }
    Search search = new Search(items, actual);
    Map<String, String> after = search.from(0, 0, Map.copyOf(captures));
    if (after != null) {
      captures.putAll(after);
      return null;
    }
    return search.mismatch();
  }

  /**
   * The expected lines rewritten to fit the actual output, for --update: each expected line
   * that still matches is kept with its patterns, a line that no longer matches is replaced by
   * the actual text, lines are added or dropped where the output grew or shrank, and "..."
   * stays, standing for what it still covers. Captures are read, not changed.
   */
  public List<String> update(List<Expected> expected, List<String> actual) {
    List<String> out = new ArrayList<>();
    if (stillMatches(expected, actual)) {
      // Judged as a whole, with the block's own captures in order: a {!a} that follows a
      // {a} of the same block would not match on its own below.
      for (Expected e : expected) {
        out.add(e.text().stripTrailing());
      }
      return out;
    }
    Map<String, String> local = new LinkedHashMap<>(captures);
    for (Move s : align(expected, actual, captures)) {
      switch (s.kind()) {
        case SAME -> {
          // The alignment judged each line alone; with the block's own captures in order, a
          // {NAME} seen twice may now disagree, and then the literal text is what fits.
          Map<String, String> after = pattern(s.expected()).match(s.actual(), local);
          if (after != null) {
            local = new LinkedHashMap<>(after);
            out.add(s.expected().text().stripTrailing());
          } else {
            out.add(s.actual().stripTrailing());
          }
        }
        case SKIPPED -> out.add(s.expected().text().stripTrailing());
        case CHANGED -> {
          String kept = repattern(s.expected().text(), s.actual(), local);
          Map<String, String> after = pattern(new Expected(0, kept)).match(s.actual(), local);
          if (after != null) {
            local = new LinkedHashMap<>(after);
            out.add(kept.stripTrailing());
          } else {
            out.add(s.actual().stripTrailing());
          }
        }
        case ADDED -> out.add(s.actual().stripTrailing());
        case DROPPED -> {}
      }
    }
    return out;
  }

  private boolean stillMatches(List<Expected> expected, List<String> actual) {
    List<Item> items = new ArrayList<>();
    for (Expected e : expected) {
      LinePattern p = e.ellipsis() ? null : pattern(e);
      if (p == null && !e.ellipsis()) {
        return false;
      }
      items.add(new Item(e, p));
    }
    return new Search(items, actual).from(0, 0, Map.copyOf(captures)) != null;
  }

  /**
   * A short unified-style diff for a failure report: "- " for an expected line the output
   * lacks, "+ " for an actual line that was not expected, "  " for lines that match (as
   * printed), "  ..." where "..." covered lines; long runs of matching lines are elided.
   * Without captures, a {NAME} matches any word and a {!NAME} matches nothing.
   */
  public static String diff(List<Expected> expected, List<String> actual) {
    return diff(expected, actual, Map.of());
  }

  /** The diff as above, with {NAME} and {!NAME} judged against these captures. */
  public static String diff(
      List<Expected> expected, List<String> actual, Map<String, String> captures) {
    List<Move> moves = align(expected, actual, captures);
    List<String> lines = new ArrayList<>();
    List<Boolean> changed = new ArrayList<>();
    for (Move s : moves) {
      switch (s.kind()) {
        case SAME -> {
          lines.add("  " + s.actual().stripTrailing());
          changed.add(false);
        }
        case SKIPPED -> {
          lines.add("  ...");
          changed.add(false);
        }
        case CHANGED -> {
          lines.add("- " + s.expected().text().stripTrailing());
          lines.add("+ " + s.actual().stripTrailing());
          changed.add(true);
          changed.add(true);
        }
        case DROPPED -> {
          lines.add("- " + s.expected().text().stripTrailing());
          changed.add(true);
        }
        case ADDED -> {
          lines.add("+ " + s.actual().stripTrailing());
          changed.add(true);
        }
      }
    }
    if (!changed.contains(true)) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < lines.size()) {
      if (near(changed, i)) {
        sb.append(lines.get(i)).append('\n');
        i++;
        continue;
      }
      int j = i;
      while (j < lines.size() && !near(changed, j)) {
        j++;
      }
      int n = j - i;
      sb.append("@@ ").append(n).append(n == 1 ? " matching line" : " matching lines")
          .append(" @@\n");
      i = j;
    }
    return sb.toString();
  }

  private static boolean near(List<Boolean> changed, int i) {
    for (int k = Math.max(0, i - CONTEXT); k <= Math.min(changed.size() - 1, i + CONTEXT); k++) {
      if (changed.get(k)) {
        return true;
      }
    }
    return false;
  }

  /** An expected line and its compiled pattern; pattern is null for "...". */
  private record Item(Expected expected, LinePattern pattern) {}

  /** A place the search failed: expected item index, actual line index, captures there. */
  private record Failure(int item, int line, Map<String, String> captures) {}

  /**
   * The backtracking search over a block: "..." tries to cover as few lines as it can. It
   * remembers the failure that got furthest, which is the difference worth reporting.
   */
  private static final class Search {
    private final List<Item> items;
    private final List<String> actual;
    private final Set<Failure> dead = new HashSet<>();
    private Failure furthest;

    Search(List<Item> items, List<String> actual) {
      this.items = items;
      this.actual = actual;
    }

    Map<String, String> from(int i, int a, Map<String, String> caps) {
      Failure here = new Failure(i, a, caps);
      // The same place with the same captures fails the same way: do not search it again.
      if (dead.contains(here)) {
        return null;
      }
      Map<String, String> result = step(i, a, caps);
      if (result == null) {
        dead.add(here);
      }
      return result;
    }

    private Map<String, String> step(int i, int a, Map<String, String> caps) {
      if (i == items.size()) {
        if (a == actual.size()) {
          return caps;
        }
        fail(i, a, caps);
        return null;
      }
      Item item = items.get(i);
      if (item.pattern() == null) {
        for (int k = a; k <= actual.size(); k++) {
          Map<String, String> r = from(i + 1, k, caps);
          if (r != null) {
            return r;
          }
        }
        return null;
      }
      if (a == actual.size()) {
        fail(i, a, caps);
        return null;
      }
      Map<String, String> after = item.pattern().match(actual.get(a), caps);
      if (after == null) {
        fail(i, a, caps);
        return null;
      }
      return from(i + 1, a + 1, Map.copyOf(after));
    }

    private void fail(int i, int a, Map<String, String> caps) {
      if (furthest == null
          || i > furthest.item()
          || (i == furthest.item() && a > furthest.line())) {
        furthest = new Failure(i, a, caps);
      }
    }

    Mismatch mismatch() {
      Failure f = furthest;
      String got = f.line() < actual.size() ? actual.get(f.line()) : null;
      if (f.item() == items.size()) {
        return new Mismatch(null, got, extra(got));
      }
      Item item = items.get(f.item());
      boolean afterEllipsis = f.item() > 0 && items.get(f.item() - 1).pattern() == null;
      return new Mismatch(item.expected(), got,
          reason(item.expected(), item.pattern(), got, f.captures(), afterEllipsis));
    }
  }

  private static String extra(String got) {
    Matcher status = STATUS.matcher(got.stripTrailing());
    if (status.matches()) {
      return "unexpected exit status " + status.group(1) + ": the command failed";
    }
    if (got.startsWith("! ")) {
      return "unexpected line on standard error: " + LinePattern.quote(got.substring(2));
    }
    return "unexpected extra line: " + LinePattern.quote(got.stripTrailing());
  }

  private static String reason(
      Expected e, LinePattern p, String got, Map<String, String> caps, boolean afterEllipsis) {
    String want = e.text().stripTrailing();
    Matcher wantStatus = STATUS.matcher(want);
    for (String name : p.otherWordNames()) {
      if (!caps.containsKey(name)) {
        return LinePattern.uncaptured(name);
      }
    }
    if (got == null) {
      if (wantStatus.matches()) {
        return "expected exit status " + wantStatus.group(1) + ", got 0";
      }
      if (afterEllipsis) {
        return "no line after ... matches " + LinePattern.quote(want);
      }
      return "the output ended; expected " + LinePattern.quote(want);
    }
    String actual = got.stripTrailing();
    Matcher gotStatus = STATUS.matcher(actual);
    if (wantStatus.matches()) {
      return "expected exit status " + wantStatus.group(1) + ", got "
          + (gotStatus.matches() ? gotStatus.group(1) : LinePattern.quote(actual));
    }
    if (gotStatus.matches()) {
      return "the command ended with exit status " + gotStatus.group(1) + "; expected "
          + LinePattern.quote(want);
    }
    boolean literalStart = !p.parts().isEmpty() && p.parts().get(0) instanceof LinePattern.Text;
    if (literalStart && want.startsWith("! ") && !actual.startsWith("! ")) {
      return "expected a line on standard error, got one on standard output: "
          + LinePattern.quote(actual);
    }
    if (literalStart && !want.startsWith("! ") && actual.startsWith("! ")) {
      return "expected a line on standard output, got one on standard error: "
          + LinePattern.quote(actual.substring(2));
    }
    return p.explain(actual, caps);
  }

  private static LinePattern pattern(Expected e) {
    try {
      return LinePattern.parse(e.text());
    } catch (IllegalArgumentException bad) {
      return null;
    }
  }

  private enum Kind { SAME, SKIPPED, CHANGED, DROPPED, ADDED }

  /** One step of an alignment; expected or actual is null where the kind has none. */
  private record Move(Kind kind, Expected expected, String actual) {}

  /** What an added line costs; a changed line costs this plus how unlike the two lines are. */
  private static final int LINE = 1000;

  /**
   * A dropped line costs more than any change: otherwise a "..." next to it would rather
   * swallow the new text and drop the old line than show (and, for --update, write) the line
   * as changed.
   */
  private static final int DROP = 2 * LINE;

  /**
   * The cheapest way to turn expected into actual, each line judged alone against the given
   * captures: matching lines and lines covered by "..." are free; an added line costs one
   * unit, a changed line one unit plus a fraction for how unlike the two lines are, a dropped
   * line two. So a changed line is shown as changed rather than dropped, and next to the actual
   * line most like it ("  uts  {!uts0}" against "  uts  4026531838", not the first line that
   * "..." could have skipped).
   */
  private static List<Move> align(
      List<Expected> expected, List<String> actual, Map<String, String> caps) {
    int n = expected.size();
    int m = actual.size();
    boolean[][] same = new boolean[n][m];
    int[][] change = new int[n][m];
    for (int i = 0; i < n; i++) {
      LinePattern p = expected.get(i).ellipsis() ? null : pattern(expected.get(i));
      for (int j = 0; j < m; j++) {
        same[i][j] = p != null && p.match(actual.get(j), caps) != null;
        change[i][j] = LINE + unlike(expected.get(i).text(), actual.get(j));
      }
    }
    int[][] cost = new int[n + 1][m + 1];
    for (int j = 0; j <= m; j++) {
      cost[n][j] = (m - j) * LINE;
    }
    for (int i = n - 1; i >= 0; i--) {
      boolean ellipsis = expected.get(i).ellipsis();
      for (int j = m; j >= 0; j--) {
        int best;
        if (ellipsis) {
          best = Integer.MAX_VALUE;
          for (int k = j; k <= m; k++) {
            best = Math.min(best, cost[i + 1][k]);
          }
        } else {
          best = DROP + cost[i + 1][j];
          if (j < m) {
            best = Math.min(best, (same[i][j] ? 0 : change[i][j]) + cost[i + 1][j + 1]);
            best = Math.min(best, LINE + cost[i][j + 1]);
          }
        }
        cost[i][j] = best;
      }
    }
    List<Move> moves = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i == n) {
        moves.add(new Move(Kind.ADDED, null, actual.get(j++)));
        continue;
      }
      Expected e = expected.get(i);
      if (e.ellipsis()) {
        int k = j;
        while (cost[i + 1][k] != cost[i][j]) {
          k++; // the fewest lines that keep the cost: "..." is lazy here too
        }
        moves.add(new Move(Kind.SKIPPED, e, null));
        i++;
        j = k;
      } else if (j < m && same[i][j] && cost[i][j] == cost[i + 1][j + 1]) {
        moves.add(new Move(Kind.SAME, e, actual.get(j)));
        i++;
        j++;
      } else if (j < m && !same[i][j] && cost[i][j] == change[i][j] + cost[i + 1][j + 1]) {
        moves.add(new Move(Kind.CHANGED, e, actual.get(j)));
        i++;
        j++;
      } else if (j < m && cost[i][j] == LINE + cost[i][j + 1]) {
        moves.add(new Move(Kind.ADDED, null, actual.get(j++)));
      } else {
        moves.add(new Move(Kind.DROPPED, e, null));
        i++;
      }
    }
    return moves;
  }

  /**
   * The actual line, with each pattern word of the expected line ({uts0}, {!uts0}, {*})
   * put back where it still matches the word now in its place. Words are aligned by their
   * longest common run (literal words must be equal; a pattern word may stand for any word),
   * and patterns are tried left to right so {!a} sees the {a} before it. Output that changed
   * its wording keeps its ids and pids as patterns, and --update does not pin them.
   */
  static String repattern(String expected, String actual, Map<String, String> captures) {
    List<String> want = List.of(expected.trim().split("\\s+"));
    List<int[]> spans = new ArrayList<>();
    java.util.regex.Matcher w = Pattern.compile("\\S+").matcher(actual);
    while (w.find()) {
      spans.add(new int[] {w.start(), w.end()});
    }
    int n = want.size();
    int m = spans.size();
    int[][] best = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        String got = actual.substring(spans.get(j)[0], spans.get(j)[1]);
        boolean fits = want.get(i).contains("{") || want.get(i).equals(got);
        best[i][j] = Math.max(fits ? best[i + 1][j + 1] + 1 : 0,
            Math.max(best[i + 1][j], best[i][j + 1]));
      }
    }
    StringBuilder sb = new StringBuilder();
    Map<String, String> caps = new LinkedHashMap<>(captures);
    int last = 0;
    for (int i = 0, j = 0; i < n && j < m; ) {
      String got = actual.substring(spans.get(j)[0], spans.get(j)[1]);
      boolean fits = want.get(i).contains("{") || want.get(i).equals(got);
      if (fits && best[i][j] == best[i + 1][j + 1] + 1) {
        if (want.get(i).contains("{")) {
          Map<String, String> after = pattern(new Expected(0, want.get(i))).match(got, caps);
          if (after != null) {
            caps = new LinkedHashMap<>(after);
            sb.append(actual, last, spans.get(j)[0]).append(want.get(i));
            last = spans.get(j)[1];
          }
        }
        i++;
        j++;
      } else if (best[i + 1][j] >= best[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    return sb.append(actual.substring(last)).toString();
  }

  /**
   * How unlike two lines are, from 0 to LINE - 1: the share of the longer line outside their
   * common start and end. Output that changed keeps most of its wording, so that is enough.
   */
  private static int unlike(String expected, String actual) {
    String a = expected.stripTrailing();
    String b = actual.stripTrailing();
    int longest = Math.max(a.length(), b.length());
    if (longest == 0) {
      return 0;
    }
    int shortest = Math.min(a.length(), b.length());
    int prefix = 0;
    while (prefix < shortest && a.charAt(prefix) == b.charAt(prefix)) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < shortest - prefix
        && a.charAt(a.length() - 1 - suffix) == b.charAt(b.length() - 1 - suffix)) {
      suffix++;
    }
    return (LINE - 1) * (longest - prefix - suffix) / longest;
  }
}
