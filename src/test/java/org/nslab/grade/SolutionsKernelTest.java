package org.nslab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.nslab.Root;
import org.nslab.cli.GradeMain;
import org.nslab.lab.Lab;
import org.nslab.lab.LabParser;
import org.nslab.replay.Replay;

/**
 * Every lab has a reference solution, graded at full marks, and wrong ones, graded below: all
 * through nslab grade and its sandboxes, as a grader would run them.
 */
@Tag("kernel")
class SolutionsKernelTest {
  @BeforeAll
  static void rootfs() throws Exception {
    new ProcessBuilder("scripts/mkrootfs").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }

  @TestFactory
  Stream<DynamicTest> everyLabsSolutionsGradeAsIntended() throws Exception {
    List<Path> labs;
    try (Stream<Path> s = Files.list(Path.of("labs"))) {
      labs = s.filter(p -> p.toString().endsWith(".md") && !p.endsWith("README.md")).sorted()
          .toList();
    }
    return labs.stream().map(lab -> DynamicTest.dynamicTest(lab.toString(), () -> {
      String id = lab.getFileName().toString().replace(".md", "");
      Path dir = Path.of("labs/solutions", id);
      Path reference = dir.resolve("reference.txt");
      assertTrue(Files.isRegularFile(reference), "no " + reference);
      List<Path> wrong;
      try (Stream<Path> s = Files.list(dir)) {
        wrong = s.filter(p -> p.getFileName().toString().startsWith("wrong-")).sorted().toList();
      }
      assertTrue(!wrong.isEmpty(), "no wrong solution in " + dir);
      Root.assume("grading does");
      Lab parsed = LabParser.parse(lab);
      String why = Replay.missing(parsed.requires());
      assumeTrue(why == null, lab + " " + why);

      // And a submission that does nothing: guards ("not outside hostname is demo") and
      // steps that only look hold from the start, and must not earn points by themselves.
      Path nothing = Files.createTempFile("nothing-", ".txt");
      Files.writeString(nothing, "# nothing\n");
      List<String> args = new ArrayList<>(List.of("-f", "json", "-j", "2", lab.toString(),
          reference.toString(), nothing.toString()));
      wrong.forEach(w -> args.add(w.toString()));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = GradeMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      List<Report> reports = SandboxKernelTest.reports(out.toString(StandardCharsets.UTF_8), err);
      Report ref = reports.get(0);
      String text = ReportFormat.text(parsed, reports, true);
      assertEquals(null, ref.error(), text);
      assertTrue(ref.max() > 0, text);
      assertEquals(ref.max(), ref.score(), () -> "the reference solution lost points:\n" + text);
      assertEquals(0, reports.get(1).score(), () -> "doing nothing earned points:\n" + text);
      Files.delete(nothing);
      for (Report w : reports.subList(2, reports.size())) {
        assertEquals(null, w.error(), text);
        assertTrue(w.score() < w.max(), () -> w.submission() + " got full marks:\n" + text);
      }
      assertEquals(1, status, "some solution is wrong, so the exit status says so");
    }));
  }
}
