package org.nslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Main;
import org.nslab.Root;
import org.nslab.cli.GradeMain;
import org.nslab.cli.LabMain;

/**
 * A lab with a malformed check is refused when it is read, naming FILE:LINE, with exit status
 * 2, by every way in: nslab run, nslab grade and nslab demo (lab start: WorkshopKernelTest).
 */
class MalformedCheckTest {
  @TempDir Path dir;

  private Path lab(String check) throws Exception {
    Path f = dir.resolve("bad.md");
    Files.writeString(f, """
        ---
        id: bad
        title: Bad
        ---
        ## Step 1

        ```nslab
        > hostname
        ```

        ```check
        %s
        ```
        """.formatted(check));
    return f;
  }

  private record Ran(int status, String out, String err) {}

  private static Ran capture(java.util.function.BiFunction<PrintStream, PrintStream, Integer> run) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = run.apply(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Ran(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static final List<String[]> BAD = List.of(
      new String[] {"1 hostname was demo | m", "malformed check 'hostname was demo'"},
      new String[] {"1 spawn hostname | m", "malformed check 'spawn hostname'"},
      new String[] {"1 hostnme is demo | m", "unknown check 'hostnme'"},
      new String[] {"1 queues 1 2 | m", "malformed check 'queues 1 2'"});

  @Test
  void runRefusesAMalformedCheckWithExitTwo() throws Exception {
    for (String[] bad : BAD) {
      Path f = lab(bad[0]);
      Ran r = capture((out, err) -> LabMain.run(List.of(f.toString()), out, err));
      assertEquals(2, r.status(), r.err());
      assertEquals(f + ":12: " + bad[1], r.err().lines().findFirst().orElse("")
          .replaceFirst(": the form is.*| \\(valid.*", ""));
    }
  }

  @Test
  void demoRefusesAMalformedCheckWithExitTwo() throws Exception {
    for (String[] bad : BAD) {
      Path f = lab(bad[0]);
      Ran r = capture((out, err) -> Main.run(new ByteArrayInputStream(new byte[0]), out, err,
          new String[] {"demo", f.toString()}));
      assertEquals(2, r.status(), r.err());
      assertTrue(r.err().startsWith(f + ":12: " + bad[1]), r.err());
    }
  }

  @Test
  void gradeRefusesAMalformedCheckWithExitTwo() throws Exception {
    Path sub = dir.resolve("sub.txt");
    Files.writeString(sub, "hostname\n");
    for (String[] bad : BAD) {
      Path f = lab(bad[0]);
      Ran r = capture((out, err) -> GradeMain.run(List.of(f.toString(), sub.toString()), out,
          err));
      assertEquals(2, r.status(), r.err());
      if (Root.here()) { // without root, grade refuses before it reads the lab
        assertTrue(r.err().startsWith(f + ":12: " + bad[1]), r.err());
      }
    }
  }
}
