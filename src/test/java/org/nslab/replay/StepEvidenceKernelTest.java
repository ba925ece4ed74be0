package org.nslab.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.nslab.Root;
import org.nslab.cmd.Console;
import org.nslab.cmd.Interpreter;
import org.nslab.cmd.Paint;
import org.nslab.cmd.Registry;
import org.nslab.cmd.Session;
import org.nslab.grade.Grading;
import org.nslab.grade.Report;
import org.nslab.grade.ReportFormat;
import org.nslab.lab.Check;
import org.nslab.lab.Lab;
import org.nslab.lab.LabParser;
import org.nslab.lab.Step;

/**
 * Checks that prove the work, for every lab: each step worth points has a check that fails
 * in the state the step begins in (the lab's reference solution replayed up to it) and all
 * hold after the step's own commands; and grading the reference cut before any step gives
 * that step and every later one 0 points. Replays run in this JVM, one fresh session each.
 */
@Tag("kernel")
class StepEvidenceKernelTest {
  private static final Map<String, String> ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
  private static final Pattern STEP = Pattern.compile("^#\\s*Step\\s+(\\d+)\\b.*");

  @BeforeAll
  static void rootfs() throws Exception {
    new ProcessBuilder("scripts/mkrootfs").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }

  static List<Path> labs() throws Exception {
    try (Stream<Path> s = Files.list(Path.of("labs"))) {
      return s.filter(p -> p.toString().endsWith(".md") && !p.endsWith("README.md")).sorted()
          .toList();
    }
  }

  /** The reference solution's commands, by step (from its "# Step N" comments), from 1. */
  static List<List<String>> referenceBySteps(Lab lab) throws Exception {
    Path file = Path.of("labs/solutions", lab.id(), "reference.txt");
    List<List<String>> steps = new ArrayList<>();
    for (int s = 0; s <= lab.steps().size(); s++) {
      steps.add(new ArrayList<>());
    }
    int step = 0;
    for (String line : Files.readAllLines(file)) {
      Matcher m = STEP.matcher(line.strip());
      if (m.matches()) {
        step = Integer.parseInt(m.group(1));
        assertTrue(step >= 1 && step <= lab.steps().size(), file + ": no step " + step);
        continue;
      }
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        assertTrue(step > 0, file + ": a command before '# Step 1': " + l);
        steps.get(step).add(l);
      }
    }
    return steps.subList(1, steps.size());
  }

  private static int points(Step step) {
    return step.checks().stream().mapToInt(Check::points).sum();
  }

  @TestFactory
  Stream<DynamicTest> everyStepsChecksFailBeforeItAndHoldAfter() throws Exception {
    return labs().stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> {
      Lab lab = LabParser.parse(f);
      Root.assume("the lab unshares");
      assumeTrue(Replay.missing(lab.requires()) == null, f + " " + Replay.missing(lab.requires()));
      List<List<String>> reference = referenceBySteps(lab);
      List<String> problems = new ArrayList<>();
      for (int k = 0; k < lab.steps().size(); k++) {
        Step step = lab.steps().get(k);
        if (points(step) == 0 || Replay.missing(step.requires()) != null) {
          continue;
        }
        problems.addAll(tryStep(lab, reference, k));
      }
      assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }));
  }

  /** Replays the reference up to step k, then k itself, trying k's checks before and after. */
  private static List<String> tryStep(Lab lab, List<List<String>> reference, int k)
      throws Exception {
    List<String> problems = new ArrayList<>();
    Step step = lab.steps().get(k);
    String where = lab.file() + ":" + step.line() + ": step " + (k + 1);
    Grading.Capture out = new Grading.Capture();
    Interpreter interpreter = new Interpreter(Registry.standard(), false);
    Map<String, String> env = new HashMap<>(ENV);
    env.put("LC_ALL", "C");
    try (Session session = Session.open(new PrintWriter(out), new PrintWriter(out), Paint.NONE,
        Console.NONE, env)) {
      for (int s = 0; s < k; s++) {
        if (Replay.missing(lab.steps().get(s).requires()) == null) {
          for (String c : reference.get(s)) {
            interpreter.execute(session, c);
          }
        }
      }
      Checks checks = new Checks(session, interpreter);
      checks.mayStartPid1(false); // as grading does between commands
      List<String> before = new ArrayList<>();
      for (Check c : step.checks()) {
        if (holds(checks, c)) {
          before.add(c.text());
        }
      }
      if (before.size() == step.checks().size()) {
        problems.add(where + ": every check already holds before the step's commands: "
            + before);
      }
      for (String c : reference.get(k)) {
        interpreter.execute(session, c);
      }
      for (Check c : step.checks()) {
        if (!holds(checks, c)) {
          problems.add(where + ": after the step's commands, this check fails: " + c.text()
              + "\n" + out.drain());
        }
      }
    }
    return problems;
  }

  private static boolean holds(Checks checks, Check c) {
    try {
      return checks.holds(c);
    } catch (Exception e) {
      return false;
    }
  }

  @TestFactory
  Stream<DynamicTest> theReferenceCutBeforeAStepEarnsNothingFromThatStepOn() throws Exception {
    return labs().stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> {
      Lab lab = LabParser.parse(f);
      Root.assume("the lab unshares");
      assumeTrue(Replay.missing(lab.requires()) == null, f + " " + Replay.missing(lab.requires()));
      List<List<String>> reference = referenceBySteps(lab);
      List<String> problems = new ArrayList<>();
      List<Grading.Line> cut = new ArrayList<>();
      for (int k = 0; k <= lab.steps().size(); k++) {
        Report r = Grading.grade(lab, "cut before step " + (k + 1), List.copyOf(cut),
            new Grading.Limits(20_000, 120_000), "en", ENV, false, n -> { });
        if (k == lab.steps().size()) {
          if (r.score() != r.max()) {
            problems.add(lab.file() + ": the whole reference got " + r.score() + " of "
                + r.max() + ":\n" + ReportFormat.text(lab, List.of(r), true));
          }
          break;
        }
        for (int s = k; s < lab.steps().size(); s++) {
          int got = r.steps().get(s).score();
          if (got != 0) {
            int step = s + 1;
            problems.add(lab.file() + ": the reference cut before step " + (k + 1) + " earns "
                + got + " points in step " + step + ":\n"
                + ReportFormat.text(lab, List.of(r), true));
          }
        }
        for (String c : reference.get(k)) {
          cut.add(new Grading.Line(cut.size() + 1, c));
        }
      }
      assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }));
  }
}
