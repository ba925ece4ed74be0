package org.nslab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.text.JsonText;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * --format classroom is what GitHub Classroom's autograding-grading-reporter reads: valid
 * against the runner result's schema (src/test/resources/classroom-result.schema.json), with
 * the scores the reporter adds up; and the workflow template wires it to the reporter.
 */
class ClassroomReportTest {
  private static Schema schema() throws IOException {
    try (InputStream in = ClassroomReportTest.class.getResourceAsStream(
        "/classroom-result.schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
    }
  }

  /** The step output as the reporter decodes it: Buffer.from(result, "base64"), UTF-8. */
  private static String decode(String output) {
    assertTrue(output.matches("[A-Za-z0-9+/=]+\n"), "one line of base64: " + output);
    return new String(Base64.getDecoder().decode(output.strip()), StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> tests(Map<String, Object> result) {
    return (List<Map<String, Object>>) result.get("tests");
  }

  @Test
  void aGradedSubmissionIsAResultWithATestPerCheckAndItsPoints() throws Exception {
    String json = decode(ReportFormat.classroom(ReportFormatTest.LAB, ReportFormatTest.alice()));
    assertEquals(List.of(), schema().validate(json, InputFormat.JSON), json);
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) JsonText.parse(json);
    assertEquals(1L, r.get("version"));
    assertEquals("fail", r.get("status"));
    assertEquals(5L, r.get("max_score"), "the skipped step's points are not in it");
    assertEquals(3, tests(r).size(), "the skipped step's check is not a test");
    // notify-classroom.js: the points are the sum of the tests' scores, out of max_score.
    assertEquals(3L, tests(r).stream().mapToLong(t -> (Long) t.get("score")).sum());
    assertEquals(Map.of("name", "Step 2: unshare: ns uts changed", "status", "fail", "score", 0L,
        "message", "run unshare uts first", "test_code", "ns uts changed | run unshare uts first",
        "filename",
        "labs/uts.md", "line_no", 50L, "duration", 0L), tests(r).get(1));
    assertEquals("pass", tests(r).get(2).get("status"));
    assertEquals(1L, tests(r).get(2).get("score"));
    assertEquals("hostname is demo", tests(r).get(2).get("test_code"));
  }

  @Test
  void fullMarksPassAndASubmissionThatCouldNotBeGradedIsAnError() throws Exception {
    Report full = new Report("uts", "t", "a.txt", List.of(new Report.StepResult(1, "Step 1", null,
        1, List.of(new Report.CheckResult(2, 4, false, "hostname is demo", "", true)))),
        List.of(), null, null, 10);
    String json = decode(ReportFormat.classroom(ReportFormatTest.LAB, full));
    assertEquals(List.of(), schema().validate(json, InputFormat.JSON), json);
    assertTrue(json.startsWith("{\"version\": 1, \"status\": \"pass\", \"max_score\": 4,"), json);

    json = decode(ReportFormat.classroom(ReportFormatTest.LAB, ReportFormatTest.broken()));
    assertEquals(List.of(), schema().validate(json, InputFormat.JSON), json);
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) JsonText.parse(json);
    assertEquals("error", r.get("status"));
    assertEquals("error", tests(r).get(0).get("status"));
    assertEquals("Not graded: the sandbox did not finish in time", tests(r).get(0).get("message"));
  }

  @Test
  void hostileTextStaysValidAndReadsBack() throws Exception {
    String odd = "a \"quote\", \\, ESC\u001b, NUL\u0000, U+2028\u2028, lone \ud800, 漢字";
    Report r = new Report("uts", "t", odd + ".txt", List.of(new Report.StepResult(1, odd, null,
        -1, List.of(new Report.CheckResult(2, 1, false, "hostname is demo", odd, false)))),
        List.of(), null, null, 10);
    String json = decode(ReportFormat.classroom(ReportFormatTest.LAB, r));
    assertEquals(List.of(), schema().validate(json, InputFormat.JSON), json);
    @SuppressWarnings("unchecked")
    Map<String, Object> back = (Map<String, Object>) JsonText.parse(json);
    assertEquals(odd, tests(back).get(0).get("message"));
    json = decode(ReportFormat.classroom(ReportFormatTest.LAB,
        Report.failed(ReportFormatTest.LAB, odd, odd, 5)));
    assertEquals(List.of(), schema().validate(json, InputFormat.JSON), json);
  }

  @Test
  void theSchemaRefusesWhatTheReporterCouldNotRead() throws Exception {
    for (String bad : List.of("{\"version\": 1, \"status\": \"ok\", \"max_score\": 1, \"tests\": ["
        + "{\"name\": \"x\", \"status\": \"pass\", \"score\": 1, \"message\": \"\", \"line_no\": 0,"
        + " \"duration\": 0}]}",
        "{\"version\": 1, \"status\": \"pass\", \"tests\": []}",
        "{\"version\": 1, \"status\": \"pass\", \"max_score\": 1, \"tests\": [{\"name\": \"x\"}]}")) {
      assertTrue(!schema().validate(bad, InputFormat.JSON).isEmpty(), bad);
    }
  }

  @Test
  void theWorkflowTemplateGradesWithNslabAndHandsTheResultToTheReporter() throws Exception {
    Path file = Path.of("labs/classroom/.github/workflows/classroom.yml");
    @SuppressWarnings("unchecked")
    Map<String, Object> wf = (Map<String, Object>) new Yaml(new SafeConstructor(
        new LoaderOptions())).load(Files.readString(file));
    @SuppressWarnings("unchecked")
    Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) wf.get("jobs"))
        .values().iterator().next();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
    Map<String, Object> grade = steps.stream().filter(s -> String.valueOf(s.get("run"))
        .contains("scripts/nslab grade -f classroom ")).findFirst().orElseThrow();
    assertTrue(String.valueOf(grade.get("run")).contains("result=$result\" >> \"$GITHUB_OUTPUT\""),
        "the grade step sets its output 'result'");
    Map<String, Object> reporter = steps.stream().filter(s -> String.valueOf(s.get("uses"))
        .contains("autograding-grading-reporter@")).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    String runners = ((Map<String, Object>) reporter.get("with")).get("runners").toString();
    // main.js reads each runner's result from the variable RUNNER_RESULTS, upper-cased.
    @SuppressWarnings("unchecked")
    Map<String, Object> env = (Map<String, Object>) reporter.get("env");
    assertEquals("${{ steps." + grade.get("id") + ".outputs.result }}",
        env.get(runners.toUpperCase(java.util.Locale.ROOT) + "_RESULTS"));
    assertEquals(grade.get("id"), runners);
    @SuppressWarnings("unchecked")
    Map<String, Object> permissions = (Map<String, Object>) wf.get("permissions");
    assertEquals("write", permissions.get("checks"), "the reporter updates the check run");
  }
}
