package org.nslab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Root;
import org.nslab.cli.GradeMain;

/**
 * End to end, in real sandboxes: a Latin-1 submission, a 2 MB one and one whose name and
 * output carry what XML and TAP trip over are graded beside a clean one; none stops the
 * others, each says in its own report what happened, and the class's JUnit report is valid.
 */
@Tag("kernel")
class HostileSubmissionKernelTest {
  @TempDir Path dir;

  @Test
  void oneStudentsBytesNeverBreakTheClassReport() throws Exception {
    Root.assume("grading does");
    String reference = Files.readString(Path.of("labs/solutions/uts/reference.txt"));
    Path clean = Files.writeString(dir.resolve("alice.txt"), reference);
    Path latin1 = Files.write(dir.resolve("bob.txt"), (reference + "# caf\u00e9\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    Path big = Files.writeString(dir.resolve("carol.txt"), "ns\n".repeat(700_000));
    Path odd = Files.writeString(dir.resolve("dave # TODO \"]]><!--.txt"),
        reference + "spawn printf 'a\\357\\277\\276b\\033[2Jc\\000d\\n'\n");
    Path report = dir.resolve("report.xml");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = GradeMain.run(List.of("-f", "junit", "-o", report.toString(), "labs/uts.md",
        clean.toString(), latin1.toString(), big.toString(), odd.toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    String table = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, status, table);
    assertTrue(table.matches("(?s).*alice\\.txt +12/12 .*"), table);
    assertTrue(table.matches("(?s).*bob\\.txt +12/12 .*"), "graded in full: " + table);
    assertTrue(table.contains("not graded: the submission is of 2,100,000 bytes, and a"
        + " submission may have at most 1 MB"), table);
    assertTrue(table.matches("(?s).*dave # TODO \"]]><!--\\.txt +12/12 .*"), table);
    assertTrue(table.contains("4 submissions of uts: 3 with full marks"), table);

    String xml = Files.readString(report);
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(HostileReportTest.SCHEMA.toFile()).newValidator()
        .validate(new StreamSource(new ByteArrayInputStream(xml.getBytes(
            StandardCharsets.UTF_8))));
    assertTrue(xml.contains("# the submission is not UTF-8 text: 1 byte that is not (the first"
        + " on line 29) was read as U+FFFD"), xml);
    assertTrue(xml.contains("a\ufffdb\u241b[2Jc\u2400d"), xml);
    if (HostileReportTest.onPath("xmllint")) {
      String[] r = HostileReportTest.run(null, "xmllint", "--noout", "--schema",
          HostileReportTest.SCHEMA.toString(), report.toString());
      assertEquals("0", r[0], r[1]);
    } else {
      System.out.println("HostileSubmissionKernelTest: xmllint is not installed: checked with"
          + " javax.xml only");
    }
  }
}
