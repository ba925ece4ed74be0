package org.nslab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.cli.GradeMain;
import org.nslab.lab.Lab;
import org.nslab.lab.LabParser;
import org.nslab.text.JsonText;

/** The report formats, on reports made by hand: pure logic, no kernel. */
class ReportFormatTest {
  static final Lab LAB = new Lab("labs/uts.md", "uts", "Your own hostname", List.of(), "",
      List.of());

  static Report alice() {
    return new Report("uts", "Your own hostname", "alice.txt", List.of(
        new Report.StepResult(20, "Step 1: start", null, 0, List.of(
            new Report.CheckResult(30, 2, true, "outside hostname is demo", "you renamed the host",
                true))),
        new Report.StepResult(40, "Step 2: unshare", null, -1, List.of(
            new Report.CheckResult(50, 2, false, "ns uts changed", "run unshare uts first", false),
            new Report.CheckResult(51, 1, false, "hostname is demo", "not demo yet", true))),
        new Report.StepResult(60, "Step 3: rootfs", "needs a root filesystem", -1, List.of(
            new Report.CheckResult(70, 5, false, "file /bin/busybox exists", "", false)))),
        List.of(new Report.Ran(3, "hostname --host demo", 0, 4, "hostname vm -> demo"),
            new Report.Ran(4, "spawn sleep 9", 137, 3000, "! spawn: sleep: killed by SIGKILL\n[137]")),
        "line 4 (spawn sleep 9) ran over 3 s", null, 4200);
  }

  static Report broken() {
    return Report.failed(LAB, "bob.txt", "the sandbox did not finish in time", 9000);
  }

  @Test
  void scoresCountOnlyStepsThisMachineCouldGrade() {
    Report r = alice();
    assertEquals(3, r.score());
    assertEquals(5, r.max(), "the skipped step's 5 points are not in the maximum");
    assertEquals(1, r.stepsPassed());
    assertEquals(2, r.stepsGraded());
    assertTrue(!r.passed());
  }

  @Test
  void jsonRoundTrips() {
    Report r = alice();
    assertEquals(r, Report.fromJson(r.toJson("")));
    assertEquals(r, Report.fromJson(r.toJson("  ")));
    assertEquals(broken(), Report.fromJson(broken().toJson("")));
  }

  @Test
  void jsonParserReadsWhatItQuotes() {
    String tricky = "a \"quoted\"\tline\nand \\ back\u0001slash, ü, 漢字";
    assertEquals(tricky, JsonText.parse(JsonText.quote(tricky)));
    assertEquals(Map.of("a", List.of(1L, -2L, true, false), "b", "x"),
        JsonText.parse(" { \"a\" : [1, -2, true, false], \"b\": \"x\" } "));
    assertThrows(IllegalArgumentException.class, () -> JsonText.parse("{\"a\": }"));
    assertThrows(IllegalArgumentException.class, () -> JsonText.parse("[1] 2"));
  }

  @Test
  void textShowsEachStepAndWhyAFailedCheckFailed() {
    String text = ReportFormat.text(LAB, List.of(alice()), false);
    assertEquals("""
        alice.txt: uts, 3/5 points, 1 of 2 steps (4.2s)
          pass  Step 1: start    2/2
          FAIL  Step 2: unshare  1/3
                -2  ns uts changed
                    run unshare uts first
          skip  Step 3: rootfs   needs a root filesystem
          note: line 4 (spawn sleep 9) ran over 3 s
        """, text);
  }

  @Test
  void stepTitlesInJapaneseAndChineseLineUpByDisplayWidth() {
    Report r = new Report("uts", "自分のホスト名", "学生.txt", List.of(
        new Report.StepResult(20, "ステップ 1: 始め", null, 0, List.of(
            new Report.CheckResult(30, 2, false, "hostname is demo", "", true))),
        new Report.StepResult(40, "Step 2: unshare", null, 0, List.of(
            new Report.CheckResult(50, 1, false, "ns uts changed", "", true)))),
        List.of(), null, null, 1000);
    String text = ReportFormat.text(LAB, List.of(r), false);
    assertEquals("""
        学生.txt: uts, 3/3 points, 2 of 2 steps (1.0s)
          pass  ステップ 1: 始め  2/2
          pass  Step 2: unshare   1/1
        """, text);
  }

  @Test
  void manySubmissionsGiveATable() {
    String text = ReportFormat.text(LAB, List.of(alice(), broken()), false);
    assertEquals("""
        SUBMISSION  SCORE  STEPS   TIME  NOTE
        alice.txt     3/5    1/2   4.2s  Step 2: run unshare uts first
        bob.txt         -      -   9.0s  not graded: the sandbox did not finish in time
        2 submissions of uts: 0 with full marks, mean 3.0/5, 1 not graded
        """, text);
  }

  @Test
  void tapHasOneLinePerCheckAndSkipsWhatCannotBeGraded() {
    String tap = ReportFormat.tap(List.of(alice()));
    assertTrue(tap.startsWith("TAP version 13\n1..4\n"), tap);
    assertTrue(tap.contains("ok 1 - alice.txt: Step 1: start: not outside hostname is demo"
        + " (2 points)\n"), tap);
    assertTrue(tap.contains("not ok 2 - alice.txt: Step 2: unshare: ns uts changed (2 points)\n"
        + "  ---\n  message: \"run unshare uts first\"\n  at: \"uts.md:50\"\n  ...\n"), tap);
    assertTrue(tap.contains("ok 4 - alice.txt: Step 3: rootfs: file /bin/busybox exists"
        + " (5 points) # SKIP needs a root filesystem\n"), tap);
  }

  @Test
  void junitCountsFailuresErrorsAndSkips() {
    String xml = ReportFormat.junit(LAB, List.of(alice(), broken()));
    assertTrue(xml.contains("<testsuites name=\"nslab grade uts\" tests=\"5\" failures=\"1\""
        + " errors=\"1\" time=\"13.2\">"), xml);
    assertTrue(xml.contains("<testsuite name=\"alice.txt\" tests=\"4\" failures=\"1\" errors=\"0\""
        + " skipped=\"1\" time=\"4.2\">"), xml);
    assertTrue(xml.contains("<failure type=\"check\" message=\"run unshare uts first\">"), xml);
    assertTrue(xml.contains("<error message=\"the sandbox did not finish in time\"/>"), xml);
    assertTrue(xml.contains("&gt; hostname --host demo\nhostname vm -&gt; demo\n"), xml);
  }

  @Test
  void gradescopeIsResultsJsonWithATestPerGradedCheck() {
    @SuppressWarnings("unchecked")
    Map<String, Object> g = (Map<String, Object>) JsonText.parse(
        ReportFormat.gradescope(LAB, alice()));
    assertEquals(3L, g.get("score"));
    assertEquals(5L, g.get("max_score"));
    assertEquals(4L, g.get("execution_time"));
    assertEquals("text", g.get("output_format"));
    assertEquals("text", g.get("test_output_format"));
    assertEquals("text", g.get("test_name_format"));
    assertEquals("visible", g.get("visibility"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tests = (List<Map<String, Object>>) g.get("tests");
    assertEquals(3, tests.size());
    assertEquals(Map.of("name", "Step 2: unshare: ns uts changed", "score", 0L, "max_score", 2L,
        "status", "failed", "output", "run unshare uts first"), tests.get(1));
  }

  @Test
  void gradescopeNotGradedIsZeroOfTheLabsPointsWithTheReason() throws Exception {
    Lab lab = LabParser.parse("labs/uts.md", """
        ## Step 1
        ```check
        2 hostname is demo
        1 ns uts changed
        ```
        ## Step 2
        <!-- requires: rootfs -->
        ```check
        5 file /bin/busybox exists
        ```
        """);
    @SuppressWarnings("unchecked")
    Map<String, Object> g = (Map<String, Object>) JsonText.parse(
        ReportFormat.gradescope(lab, broken()));
    assertEquals(Map.of("score", 0L, "max_score", 8L, "execution_time", 9L,
        "output", "Not graded: the sandbox did not finish in time", "output_format", "text",
        "test_output_format", "text", "test_name_format", "text", "visibility", "visible",
        "stdout_visibility", "visible", "tests", List.of()), g);
  }

  @Test
  void submissionsAreCommandsWithoutCommentsOrBlankLines() {
    assertEquals(List.of(new Grading.Line(2, "unshare uts"), new Grading.Line(4,
        "hostname demo # not a comment here")),
        Grading.commands("# mine\nunshare uts\n\n  hostname demo # not a comment here  \r\n"));
  }

  private static String grade(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int status = GradeMain.run(List.of(args), ps, ps);
    return out.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("") + " [" + status
        + "]";
  }

  @Test
  void badCommandLinesAreRefusedWithUsage() {
    assertEquals("nslab grade: which lab, and which submissions? [2]", grade());
    assertEquals("nslab grade: which submissions? [2]", grade("labs/uts.md"));
    assertEquals("nslab grade: unknown format 'xml' (text, json, junit, tap, gradescope or"
        + " classroom) [2]",
        grade("-f", "xml", "labs/uts.md", "a.txt"));
    assertEquals("nslab grade: unrecognized option '--fast' [2]",
        grade("--fast", "labs/uts.md", "a.txt"));
    assertEquals("nslab grade: --jobs wants a positive whole number, not '0' [2]",
        grade("--jobs=0", "labs/uts.md", "a.txt"));
    assertTrue(grade("--help").startsWith("Usage: [0]"));
    assertEquals(512L << 20, GradeMain.size("512M"));
    assertEquals(1L << 30, GradeMain.size("1g"));
    assertThrows(IllegalArgumentException.class, () -> GradeMain.size("lots"));
  }
}
