package org.nslab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.text.JsonText;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * Reports of a class where students did their worst with what they control (their commands'
 * output, the command text, the file's name, its bytes) and the lab's titles are odd too: every
 * format must still be read whole by real parsers (xmllint and javax.xml against the Jenkins
 * xUnit schema, Perl's TAP harness and a YAML parser, JSON readers), with the right counts.
 */
class HostileReportTest {
  @TempDir Path dir;

  static final Path SCHEMA = Path.of("src/test/resources/junit-10.xsd");

  /** Every character the issue names, and what XML, TAP and JSON each trip over. */
  static final String NASTY = "a\ufffe b\uffff c\ud800 d\udfff e\u0000 f\u001b[2J g#h # TODO"
      + " i]]>j <!-- k\"l'm\r\nn\u0085o\u009bp\u007fq\u2028r\ufdd0s\ud83d\ude00t"
      + " \\# SKIP u\u0001v\u000bw";

  static final String OUTPUT_BYTES = new String(new byte[] {'x', (byte) 0xef, (byte) 0xbf,
      (byte) 0xbe, 'y', (byte) 0xef, (byte) 0xbf, (byte) 0xbf, 'z'}, StandardCharsets.UTF_8);

  static Report hostile(String name, String title) {
    return new Report("uts", "Your own hostname", name, List.of(
        new Report.StepResult(20, title, null, 3, List.of(
            new Report.CheckResult(30, 1, false, "hostname is demo", "fine", true),
            new Report.CheckResult(31, 2, true, "outside hostname is " + NASTY,
                "message " + NASTY, true))),
        new Report.StepResult(40, "Step 2: # SKIP not really", null, -1, List.of(
            new Report.CheckResult(50, 2, false, "ns uts changed", "run unshare uts # TODO",
                false),
            new Report.CheckResult(51, 1, false, "hostname is demo", NASTY, false))),
        new Report.StepResult(60, "Step 3: " + NASTY, "needs # TODO " + NASTY, -1, List.of(
            new Report.CheckResult(70, 5, false, "file /bin/busybox exists", "", false)))),
        List.of(new Report.Ran(3, "spawn printf " + NASTY, 0, 4, NASTY + "\n" + OUTPUT_BYTES),
            new Report.Ran(4, "x".repeat(10_000_000), 1, 3, "! no such command")),
        "line 4 (" + NASTY + ") ran over 3 s", null, 4200);
  }

  /** The class: hostile names and titles, a clean one, one not graded, a Latin-1 file. */
  List<Report> klass() throws IOException {
    List<Report> out = new ArrayList<>();
    out.add(hostile("alice # TODO.txt", "Step 1: # TODO start"));
    out.add(hostile("bob\n\"]]><!--\u0000\u001b\ufffe\ud800.txt", NASTY));
    out.add(ReportFormatTest.alice());
    out.add(Report.failed(ReportFormatTest.LAB, "carol#1.txt", "the sandbox ended: " + NASTY,
        9000));
    Path latin1 = dir.resolve("dave.txt");
    Files.write(latin1, "# caf\u00e9\nunshare uts\nhostname caf\u00e9\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    Submission s = Submission.read(latin1);
    assertNull(s.refused());
    out.add(s.noted(new Report("uts", "Your own hostname", "dave.txt", List.of(),
        List.of(new Report.Ran(3, Grading.commands(s.text()).get(1).text(), 1, 2, "")), null,
        null, 100)));
    Path big = dir.resolve("erin.txt");
    Files.write(big, "spawn true\n".repeat(200_000).getBytes(StandardCharsets.UTF_8));
    Submission b = Submission.read(big);
    out.add(Report.failed(ReportFormatTest.LAB, "erin.txt", b.refused(), 0));
    return out;
  }

  // ---- reading submissions ----

  @Test
  void latin1IsReadWithReplacementsAndSaysSo() throws IOException {
    Path f = dir.resolve("latin1.txt");
    Files.write(f, "unshare uts\nhostname caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    Submission s = Submission.read(f);
    assertEquals("unshare uts\nhostname caf\ufffd\n", s.text());
    assertEquals("the submission is not UTF-8 text: 1 byte that is not (the first on line 2)"
        + " was read as U+FFFD, so a command with them may not do what was meant; save it as"
        + " UTF-8", s.note());
    Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 'l', 0, 's', 0});
    assertTrue(Submission.read(f).note().startsWith("the submission is not UTF-8 text (it looks"
        + " like UTF-16): 2 bytes"), Submission.read(f).note());
  }

  @Test
  void utf8WithAByteOrderMarkIsPlainText() throws IOException {
    Path f = dir.resolve("bom.txt");
    Files.write(f, "\ufeffunshare uts\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(new Submission("unshare uts\n", null, null), Submission.read(f));
  }

  @Test
  void largeSubmissionsAreRefusedWithTheBound() throws IOException {
    Path f = dir.resolve("big.txt");
    Files.write(f, new byte[2 << 20]);
    assertEquals("the submission is of 2,097,152 bytes, and a submission may have at most 1 MB"
        + " (1,048,576 bytes) and 10,000 lines: not read", Submission.read(f).refused());
    Files.writeString(f, "ns\n".repeat(10_001));
    assertEquals("the submission has 10,001 lines, and a submission may have at most 10,000"
        + " lines and 1 MB (1,048,576 bytes): not read", Submission.read(f).refused());
    Files.writeString(f, "ns\n".repeat(10_000));
    assertNull(Submission.read(f).refused());
    assertEquals("no such file: none.txt", Submission.read(dir.resolve("none.txt")).refused());
    assertEquals("a directory, not a file", Submission.read(dir).refused());
  }

  @Test
  void aLongTranscriptIsCutWithHowMuch() {
    List<Report.Ran> ran = new ArrayList<>();
    for (int i = 1; i <= 10_000; i++) {
      ran.add(new Report.Ran(i, "spawn yes", 137, 10, "y\n".repeat(1000)));
    }
    Report r = new Report("uts", "t", "a.txt", List.of(), ran, null, null, 1);
    String t = ReportFormat.transcript(r);
    assertTrue(t.length() < ReportFormat.TRANSCRIPT_KEPT + 5000, "" + t.length());
    assertTrue(t.endsWith(" more commands not shown: the transcript is kept up to 1,000,000"
        + " characters; the json format has them all]\n"), t.substring(t.length() - 200));
  }

  @Test
  void aLongCommandIsCutWithHowMuch() {
    Report.Ran r = new Report.Ran(1, "x".repeat(10_000_000), 0, 0, "");
    assertTrue(r.command().length() <= Report.COMMAND_KEPT);
    assertTrue(r.command().endsWith("x [... 9999048 more characters cut]"), r.command());
    assertEquals(r, new Report.Ran(1, r.command(), 0, 0, ""), "cutting twice changes nothing");
    String emoji = "\ud83d\ude00".repeat(5000);
    assertFalse(JsonText.loneSurrogate(new Report.Ran(1, emoji, 0, 0, "").command(),
        Report.COMMAND_KEPT - 49));
  }

  // ---- the formats, through real parsers ----

  @Test
  void junitIsValidForJavaxXmlAgainstTheJenkinsSchema() throws Exception {
    String xml = ReportFormat.junit(ReportFormatTest.LAB, klass());
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(SCHEMA.toFile())
        .newValidator().validate(new StreamSource(new ByteArrayInputStream(
            xml.getBytes(StandardCharsets.UTF_8))));
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(
        xml.getBytes(StandardCharsets.UTF_8)));
    Element root = doc.getDocumentElement();
    assertEquals("16", root.getAttribute("tests")); // 5 + 5 + 4 + 1 (error) + 0 + 1 (error)
    assertEquals("5", root.getAttribute("failures"));
    assertEquals("2", root.getAttribute("errors"));
    NodeList suites = root.getElementsByTagName("testsuite");
    assertEquals(6, suites.getLength());
    Element bob = (Element) suites.item(1);
    assertEquals("bob\n\"]]><!--\u2400\u241b\ufffd\ufffd.txt", bob.getAttribute("name"),
        "a newline in a name survives as a reference; what XML cannot hold is visible");
    NodeList cases = root.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      assertFalse(c.getAttribute("time").isEmpty(), "time on every testcase");
      assertFalse(c.getAttribute("classname").contains(".txt"), c.getAttribute("classname"));
      assertFalse(c.getAttribute("name").contains("(1 points)"), c.getAttribute("name"));
    }
    assertEquals("uts.alice___TODO", ((Element) cases.item(0)).getAttribute("classname"));
    String out = ((Element) suites.item(0)).getElementsByTagName("system-out").item(0)
        .getTextContent();
    assertTrue(out.contains("a\ufffd b\ufffd c\ufffd d\ufffd e\u2400 f\u241b[2J g#h # TODO i]]>j"
        + " <!-- k\"l'm\r\nn\ufffdo\ufffdp\u2421q\u2028r\ufffds\ud83d\ude00t"), out);
    assertTrue(out.contains("x\ufffdy\ufffdz"), out);
    assertTrue(out.contains("more characters cut]"), out);
    assertTrue(xml.length() < 60_000, "the 10 MB command is cut: " + xml.length());
    assertTrue(xml.contains("erin.txt") && xml.contains("may have at most 1 MB"), xml);
    assertTrue(xml.contains("the submission is not UTF-8 text"), xml);
  }

  @Test
  void junitIsValidForXmllintAgainstTheJenkinsSchema() throws Exception {
    assumeTrue(onPath("xmllint"), "xmllint is not installed (libxml2-utils; scripts/test"
        + " installs it as root)");
    Path report = dir.resolve("report.xml");
    Files.writeString(report, ReportFormat.junit(ReportFormatTest.LAB, klass()));
    String[] r = run(null, "xmllint", "--noout", "--schema", SCHEMA.toString(),
        report.toString());
    assertEquals("0", r[0], r[1]);
    assertTrue(r[1].contains("validates"), r[1]);
  }

  @Test
  void tapCountsSurviveTheHarness() throws Exception {
    assumeTrue(onPath("perl") && onPath("prove"), "Perl's TAP harness is not installed");
    String tap = ReportFormat.tap(klass());
    // TAP::Parser is what prove runs: its counts, directives and YAML blocks.
    String script = """
        use TAP::Parser;
        my $tap = do { local $/; <STDIN> };
        my $p = TAP::Parser->new({ tap => $tap });
        my ($yaml, $lines) = (0, 0);
        while (my $r = $p->next) {
          $lines++;
          $yaml++ if $r->is_yaml;
          # The only directives are the skips of steps this machine cannot grade.
          print "directive: ", $r->as_string, "\\n" if $r->is_test && $r->has_directive
            && ($r->directive ne 'SKIP' || $r->explanation !~ /^needs /);
        }
        printf "planned %d run %d passed %d failed %d skipped %d todo %d yaml %d errors %d\\n",
          $p->tests_planned, $p->tests_run, scalar $p->passed, scalar $p->failed,
          scalar $p->skipped, scalar $p->todo, $yaml, scalar $p->parse_errors;
        print "parse error: $_\\n" for $p->parse_errors;
        """;
    String[] r = run(tap, "perl", "-e", script);
    assertEquals("0", r[0], r[1]);
    // Each hostile report: 2 pass, 2 fail, 1 skip; alice: 2 pass, 1 fail, 1 skip; carol: 1
    // fail (not graded); dave: no steps; erin: 1 fail (refused). Skips count as passed.
    assertEquals("planned 16 run 16 passed 9 failed 7 skipped 3 todo 0 yaml 7 errors 0\n", r[1],
        tap);
    Path file = dir.resolve("class.tap");
    Files.writeString(file, tap);
    String[] prove = run(null, "prove", "--exec", "cat", file.toString());
    assertEquals("1", prove[0], prove[1]);
    assertTrue(prove[1].contains("Failed 7/16 subtests"), prove[1]);
    for (String line : tap.split("\n")) {
      assertFalse(line.matches("(not )?ok \\d+ - .*[^\\\\]# (TODO|SKIP).*")
          && !line.contains("# SKIP needs"), line);
    }
  }

  @Test
  void tapDiagnosticsAreYaml() throws IOException {
    String tap = ReportFormat.tap(klass());
    Matcher m = Pattern.compile("\n  ---\n(.*?)\n  \\.\\.\\.\n", Pattern.DOTALL).matcher(tap);
    List<Object> messages = new ArrayList<>();
    while (m.find()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> y = (Map<String, Object>) new Yaml().load(m.group(1));
      messages.add(y.get("message"));
    }
    assertEquals(7, messages.size());
    assertEquals("run unshare uts # TODO", messages.get(0));
    assertEquals(NASTY.replace("\ud800", "\ufffd").replace("\udfff", "\ufffd"),
        messages.get(1), "every character but the lone surrogates, which YAML cannot hold");
  }

  @Test
  void jsonKeepsEveryCharacterAndEveryParserReadsIt() throws Exception {
    List<Report> reports = klass();
    String json = ReportFormat.json(ReportFormatTest.LAB, reports);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      assertTrue(c >= 0x20 && c < 0x7f || c == '\n' || c > 0x9f && !JsonText.loneSurrogate(json, i)
          && c != '\ufffe' && c != '\uffff' && c != '\u2028', () -> "raw U+"
          + Integer.toHexString(c));
    }
    List<Report> back = SandboxKernelTest.reports(json, new java.io.ByteArrayOutputStream());
    assertEquals(reports, back, "every character read back as it was");
    if (onPath("python3")) {
      String[] r = run(json, "python3", "-c", "import json,sys; d=json.load(sys.stdin);"
          + " print(len(d['submissions']), d['submissions'][1]['submission'].count('\\n'))");
      assertEquals("6 1\n", r[1]);
    }
    for (Report r : reports) {
      assertNotNull(JsonText.parse(ReportFormat.gradescope(ReportFormatTest.LAB, r)));
    }
  }

  @Test
  void textShowsNoControlCharacters() throws IOException {
    String text = ReportFormat.text(ReportFormatTest.LAB, klass(), true);
    for (char c : text.toCharArray()) {
      assertTrue(c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f) || c == '\n',
          () -> "U+" + Integer.toHexString(c) + " in\n" + text);
    }
    assertTrue(text.contains("erin.txt: uts: not graded: the submission is of 2,200,000 bytes,"),
        text);
    assertTrue(text.contains("  note: the submission is not UTF-8 text"), text);
  }

  static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Runs a tool with {@code input} on its standard input: its status, and its output. */
  static String[] run(String input, String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      if (input != null) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new String[] {Integer.toString(p.exitValue()), out};
  }
}
