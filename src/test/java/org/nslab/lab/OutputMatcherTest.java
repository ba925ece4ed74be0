package org.nslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputMatcherTest {
  /** Expected lines numbered from 10, as if the block started at line 10 of a lab file. */
  private static List<Expected> expected(String... lines) {
    List<Expected> out = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      out.add(new Expected(10 + i, lines[i]));
    }
    return out;
  }

  private static OutputMatcher matcher() {
    return new OutputMatcher(Map.of("host", "vm"));
  }

  @Test
  void literalLinesMatchExactlyIgnoringTrailingBlanks() {
    OutputMatcher m = matcher();
    assertNull(m.match(expected("hostname vm -> demo  ", "x"),
        List.of("hostname vm -> demo", "x \t")));
    assertEquals(
        new Mismatch(new Expected(10, "  x"), "x",
            "expected \"  x\" at column 1, got \"x\""),
        m.match(expected("  x"), List.of("x")));
  }

  @Test
  void starMatchesAnyTextIncludingNone() {
    OutputMatcher m = matcher();
    assertNull(m.match(expected("lab task (pid {*}, thread {*})"),
        List.of("lab task (pid 2930, thread 2950)")));
    assertNull(m.match(expected("a{*}b{*}"), List.of("ab")));
    assertNull(m.match(expected("{*}"), List.of("anything at all")));
    assertEquals("expected \", thread \" somewhere in \"2930 thread 2950)\"",
        m.match(expected("lab task (pid {*}, thread {*})"),
            List.of("lab task (pid 2930 thread 2950)")).reason());
  }

  @Test
  void nameCapturesAWordThenMustRepeatIt() {
    OutputMatcher m = matcher();
    assertNull(m.match(expected("  uts   {uts0}"), List.of("  uts   4026531838")));
    assertEquals(Map.of("host", "vm", "uts0", "4026531838"), m.captures());
    assertNull(m.match(expected("uts:[{uts0}]"), List.of("uts:[4026531838]")));
    Mismatch mm = m.match(expected("uts {uts0}"), List.of("uts 4026532181"));
    assertEquals("expected uts0 = 4026531838 at column 5, got 4026532181", mm.reason());
  }

  @Test
  void nameIsOneWordWithoutBlanks() {
    OutputMatcher m = matcher();
    assertEquals("expected the line to end at column 5, got \" 2 2\"",
        m.match(expected("id {n}"), List.of("id 1 2 2")).reason());
    assertEquals("expected a word for {n} at column 4, got a blank",
        m.match(expected("id {n}"), List.of("id  1")).reason());
    assertEquals("expected a word for {n} at column 1, got the end of the line",
        m.match(expected("{n}"), List.of("")).reason());
  }

  @Test
  void aNameUsedTwiceInOneLineMustBeTheSameWord() {
    OutputMatcher m = matcher();
    assertNull(m.match(expected("{a}-{a}"), List.of("x-y-x-y")));
    assertEquals("x-y", m.captures().get("a"));
    assertNull(matcher().match(expected("{a} {b} {a}"), List.of("1 2 1")));
    assertEquals("expected a = 1 at column 3, got 2",
        matcher().match(expected("{a} {a}"), List.of("1 2")).reason());
  }

  @Test
  void hostIsKnownBeforeTheLabStarts() {
    OutputMatcher m = matcher();
    assertNull(m.match(expected("hostname {host} -> demo  (in uts {*})"),
        List.of("hostname vm -> demo  (in uts 4026532181)")));
    assertEquals("expected host = vm at column 10, got box",
        m.match(expected("hostname {host} -> demo"), List.of("hostname box -> demo")).reason());
  }

  @Test
  void notNameMatchesAWordDifferentFromTheCapture() {
    OutputMatcher m = matcher();
    assertNull(m.match(
        expected("uts               {uts0} -> {!uts0}  (new)"),
        List.of("uts               4026531838 -> 4026532181  (new)")));
    assertNull(m.match(expected("uts:[{!uts0}]"), List.of("uts:[4026532181]")));
    // A piece of the captured word ("402653183") is not a different word.
    assertEquals("expected a word different from uts0 = 4026531838, got 4026531838",
        m.match(expected("uts:[{!uts0}]"), List.of("uts:[4026531838]")).reason());
    assertNull(new OutputMatcher(Map.of("n", "1")).match(expected("{!n}"), List.of("12")));
    Mismatch mm = m.match(expected("  uts  {!uts0}"), List.of("  uts  4026531838"));
    assertEquals(
        new Mismatch(new Expected(10, "  uts  {!uts0}"), "  uts  4026531838",
            "expected a word different from uts0 = 4026531838, got 4026531838"),
        mm);
  }

  @Test
  void notNameWithoutACaptureIsExplained() {
    Mismatch mm = matcher().match(expected("uts {!nope}"), List.of("uts 1"));
    assertEquals("{!nope} needs {nope} captured by an earlier line, and nothing is captured as"
        + " nope yet", mm.reason());
  }

  @Test
  void capturesOfAFailedMatchAreDiscarded() {
    OutputMatcher m = matcher();
    assertEquals(10 + 1,
        m.match(expected("{a}", "{b} {a}"), List.of("1", "2 3")).expected().line());
    assertEquals(Map.of("host", "vm"), m.captures());
    assertNull(m.match(expected("{a}"), List.of("5")));
    assertEquals("5", m.captures().get("a"));
  }

  @Test
  void ellipsisMatchesAnyNumberOfLines() {
    OutputMatcher m = matcher();
    List<Expected> e = expected("first", "...", "last");
    assertNull(m.match(e, List.of("first", "last")));
    assertNull(m.match(e, List.of("first", "a", "b", "c", "last")));
    assertNull(m.match(expected("..."), List.of()));
    assertNull(m.match(expected("..."), List.of("a", "b")));
    assertNull(m.match(expected("...", "..."), List.of("a")));
  }

  @Test
  void ellipsisIsLazyAndBacktracks() {
    OutputMatcher m = matcher();
    // Lazy: the capture comes from the first "uts" line after the ellipsis.
    assertNull(m.match(expected("...", "uts {u}", "..."),
        List.of("ipc 1", "uts 2", "uts 3")));
    assertEquals("2", m.captures().get("u"));
    // Backtracking: "x" is found twice; only the second is followed by "y".
    assertNull(matcher().match(expected("...", "x", "y"), List.of("x", "z", "x", "y")));
    // Backtracking through a capture: {n} first takes 1, which fails, then 2.
    OutputMatcher b = matcher();
    assertNull(b.match(expected("...", "id {n}", "again {n}"),
        List.of("id 1", "id 2", "again 2")));
    assertEquals("2", b.captures().get("n"));
  }

  @Test
  void ellipsisFailuresPointAtTheLineThatWasNotFound() {
    OutputMatcher m = matcher();
    Mismatch mm = m.match(expected("lab task", "...", "  uts {u}", "..."),
        List.of("lab task", "  ipc 1", "  net 2"));
    assertEquals(new Mismatch(new Expected(12, "  uts {u}"), null,
        "no line after ... matches \"  uts {u}\""), mm);
    mm = m.match(expected("...", "a", "b"), List.of("z", "a", "c"));
    assertEquals(new Mismatch(new Expected(12, "b"), "c", "expected \"b\" at column 1, got \"c\""),
        mm);
  }

  @Test
  void missingAndExtraLinesAreMismatches() {
    OutputMatcher m = matcher();
    assertEquals(new Mismatch(new Expected(11, "b"), null, "the output ended; expected \"b\""),
        m.match(expected("a", "b"), List.of("a")));
    assertEquals(new Mismatch(null, "b", "unexpected extra line: \"b\""),
        m.match(expected("a"), List.of("a", "b")));
    assertEquals(new Mismatch(null, "[1]", "unexpected exit status 1: the command failed"),
        m.match(expected("a"), List.of("a", "[1]")));
    assertEquals(new Mismatch(null, "! oops", "unexpected line on standard error: \"oops\""),
        m.match(expected("a"), List.of("a", "! oops")));
  }

  @Test
  void stderrAndStatusLinesMatchAsWrittenAndExplainTheirDifferences() {
    OutputMatcher m = matcher();
    assertNull(m.match(expected("! mount: {*}: EPERM", "[1]"),
        List.of("! mount: /mnt: EPERM", "[1]")));
    assertEquals("expected exit status 2, got 1",
        m.match(expected("[2]"), List.of("[1]")).reason());
    assertEquals("expected exit status 1, got 0", m.match(expected("[1]"), List.of()).reason());
    assertEquals("the command ended with exit status 1; expected \"done\"",
        m.match(expected("done"), List.of("[1]")).reason());
    assertEquals("expected a line on standard error, got one on standard output: \"no\"",
        m.match(expected("! no"), List.of("no")).reason());
    assertEquals("expected a line on standard output, got one on standard error: \"no\"",
        m.match(expected("no"), List.of("! no")).reason());
  }

  @Test
  void repatternKeepsOnlyPatternsThatStillFitTheirWord() {
    Map<String, String> caps = Map.of("a", "1");
    assertEquals("x {a} y", OutputMatcher.repattern("x {a} z", "x 1 y", caps));
    // {a} is 1, so it cannot stand for 2: the literal word stays.
    assertEquals("x 2 y", OutputMatcher.repattern("x {a} z", "x 2 y", caps));
    assertEquals("id {b} -> {!b} new", OutputMatcher.repattern("id {b} -> {!b} old", "id 5 -> 6 new", Map.of()));
    assertEquals("plain words", OutputMatcher.repattern("other words", "plain words", Map.of()));
  }

  @Test
  void updateKeepsPatternsInChangedLinesAndTakesTheirNewWording() {
    OutputMatcher m = matcher();
    List<Expected> e = expected(
        "uts  {uts0} -> {!uts0}  (old wording)",
        "hostname {host} -> demo  (in uts {*})",
        "three");
    assertEquals(
        List.of("uts  {uts0} -> {!uts0}  (new)",
            "hostname {host} -> demo  (in uts {*})",
            "one two"),
        m.update(e, List.of("uts  4026531838 -> 4026532181  (new)",
            "hostname vm -> demo  (in uts 4026532181)", "one two  ")));
    assertEquals(Map.of("host", "vm"), m.captures());
  }

  @Test
  void updateAddsAndDropsLinesAndKeepsTheEllipsis() {
    OutputMatcher m = matcher();
    assertEquals(List.of("lab task (pid {*})", "...", "  uts {u}", "...", "  new line"),
        m.update(expected("lab task (pid {*})", "...", "  uts {u}", "...", "gone"),
            List.of("lab task (pid 1)", "  ipc 1", "  uts 2", "  user 3", "  new line")));
    assertEquals(List.of("a", "inserted", "b"),
        m.update(expected("a", "b"), List.of("a", "inserted", "b")));
    assertEquals(List.of("a", "c"), m.update(expected("a", "b", "c"), List.of("a", "c")));
    assertEquals(List.of("..."), m.update(expected("..."), List.of()));
  }

  @Test
  void updateUsesTheBlocksOwnCapturesInOrder() {
    // Each line alone matches, but {n} cannot be both 1 and 2: the second is taken literally.
    assertEquals(List.of("id {n}", "again 2"),
        matcher().update(expected("id {n}", "again {n}"), List.of("id 1", "again 2")));
  }

  @Test
  void updateKeepsABlockThatStillMatchesAsWritten() {
    List<Expected> e = expected("ipc {i}", "...", "net {!i}  ");
    assertEquals(List.of("ipc {i}", "...", "net {!i}"),
        matcher().update(e, List.of("ipc 1", "mnt 2", "net 3")));
  }

  @Test
  void whatUpdateWritesMatchesTheOutput() {
    OutputMatcher m = matcher();
    List<String> actual = List.of("hostname vm -> box", "! warning: x", "extra", "[3]");
    List<String> updated = m.update(expected("hostname {host} -> {*}", "[1]"), actual);
    assertEquals(List.of("hostname {host} -> {*}", "! warning: x", "extra", "[3]"), updated);
    assertNull(m.match(updated.stream().map(t -> new Expected(0, t)).toList(), actual));
  }

  @Test
  void diffShowsExpectedAndActualLines() {
    assertEquals("", OutputMatcher.diff(expected("a", "..."), List.of("a", "b")));
    assertEquals("  ipc 1\n- uts {!u}\n+ uts 7\n",
        OutputMatcher.diff(expected("ipc {*}", "uts {!u}"), List.of("ipc 1", "uts 7")));
    assertEquals("", OutputMatcher.diff(expected("ipc {*}", "uts {!u}"),
        List.of("ipc 1", "uts 7"), Map.of("u", "6")));
    assertEquals("  a\n- b\n+ c\n+ d\n",
        OutputMatcher.diff(expected("a", "b"), List.of("a", "c", "d")));
    assertEquals("  ...\n  x\n- gone\n",
        OutputMatcher.diff(expected("...", "x", "gone"), List.of("p", "q", "x")));
  }

  @Test
  void diffPairsAChangedLineWithTheActualLineMostLikeIt() {
    assertEquals("  lab task (pid 1)\n  ...\n-   uts   {!u}  new\n+   uts   5  new\n  ...\n",
        OutputMatcher.diff(expected("lab task (pid {*})", "...", "  uts   {!u}  new", "..."),
            List.of("lab task (pid 1)", "  ipc   4", "  uts   5  new", "  user  6"),
            Map.of("u", "5")));
  }

  @Test
  void diffElidesLongRunsOfMatchingLines() {
    List<String> actual = new ArrayList<>();
    List<String> want = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      actual.add("line " + i);
      want.add("line " + i);
    }
    want.set(9, "line ten");
    assertEquals("@@ 6 matching lines @@\n  line 7\n  line 8\n  line 9\n- line ten\n+ line 10\n",
        OutputMatcher.diff(expected(want.toArray(String[]::new)), actual));
  }
}
