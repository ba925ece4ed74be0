package org.nslab.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Root;
import org.nslab.cli.LabMain;
import org.nslab.lab.Lab;
import org.nslab.lab.LabParser;

/** Every published lab replays, so none can rot; and a lab meant to fail fails as it should. */
@Tag("kernel")
class LabReplayTest {
  @BeforeAll
  static void rootfs() throws Exception {
    // labs/container.md pivots into target/rootfs; without it that lab is skipped, saying so.
    new ProcessBuilder("scripts/mkrootfs").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }

  @TestFactory
  Stream<DynamicTest> everyLabReplays() throws Exception {
    List<Path> labs;
    try (Stream<Path> s = Files.list(Path.of("labs"))) {
      labs = s.filter(p -> p.toString().endsWith(".md") && !p.endsWith("README.md")).sorted().toList();
    }
    return labs.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> {
      Lab lab = LabParser.parse(f);
      String why = Replay.missing(lab.requires());
      assumeTrue(why == null, f + " " + why);
      Replay.Result r = Replay.run(lab, Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"), false);
      assertTrue(r.passed(), () -> r.failure().render());
      assertTrue(r.stepsRun() > 0, f + " ran no step");
    }));
  }

  private static String runCli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int status = LabMain.run(List.of(args), ps, ps);
    return out.toString(StandardCharsets.UTF_8) + "[exit " + status + "]\n";
  }

  @Test
  void aLabMeantToFailReportsFileLineTheCommandAndADiff() throws Exception {
    Root.assume("the lab unshares");
    Path lab = Path.of("src/test/resources/labs/failing.md");
    Path golden = Path.of("src/test/resources/labs/failing.out");
    String report = runCli(lab.toString()).replaceAll("\\b4026\\d{6}\\b", "{ns}")
        .replaceAll("pid \\d+, thread \\d+", "pid {pid}, thread {pid}");
    if (Boolean.getBoolean("nslab.update")) {
      Files.writeString(golden, report);
    }
    assertEquals(Files.readString(golden), report);
  }

  @Test
  void updateRewritesExpectedOutputKeepingPatterns(@TempDir Path tmp) throws Exception {
    Root.assume("the lab unshares");
    Path lab = tmp.resolve("stale.md");
    Files.writeString(lab, """
        ---
        id: stale
        requires: root
        ---
        ## Step 1

        ```nslab
        > unshare uts
        uts  {uts0} -> {!uts0}  (old wording)
        > hostname demo
        hostname {host} -> demo  (in uts {*})
        > spawn echo one two
        three
        ```
        """);
    assertTrue(runCli(lab.toString()).contains("FAIL"));
    assertTrue(runCli("--update", lab.toString()).contains("UPDATED"));
    String text = Files.readString(lab);
    assertTrue(text.contains("uts               {uts0} -> {!uts0}  (new)"), text);
    assertTrue(text.contains("hostname {host} -> demo  (in uts {*})"), text);
    assertTrue(text.contains("\none two\n"), text);
    assertTrue(runCli(lab.toString()).contains("PASS"), text);
  }

  @Test
  void badInvocationsAndFiles(@TempDir Path tmp) throws Exception {
    assertTrue(runCli().contains("which lab?"));
    assertTrue(runCli("--frob", "x.md").contains("unrecognized option"));
    assertTrue(runCli(tmp.resolve("none.md").toString()).contains("no such file"));
    Path bad = tmp.resolve("bad.md");
    Files.writeString(bad, "## Step\n\n```nslab\nno command before this\n```\n");
    String out = runCli(bad.toString());
    assertTrue(out.contains(bad + ":4: "), out);
    assertTrue(out.contains("[exit 2]"), "a lab that does not parse is refused: " + out);
  }
}
