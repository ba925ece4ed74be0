package org.nslab.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** nslab run [--update] LAB.md...: replays labs, and says which passed. */
public final class LabMain {
  private LabMain() {}

  static final String USAGE =
      """
      Usage:
       nslab run [--update] LAB.md...

      Replays each lab in a fresh nslab session: every step's commands, their expected
      output, and the step's checks. Exits 0 only if every lab passed (or was skipped for a
      missing requirement, which is said). --update rewrites expected output in place from
      what nslab prints now, keeping the patterns ({*}, {NAME}, ...) that still match.
      """;

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    boolean update = false;
    List<Path> files = new ArrayList<>();
    for (String a : args) {
      switch (a) {
        case "--update" -> update = true;
        case "--help", "-h" -> {
          out.print(USAGE);
          return 0;
        }
        default -> {
          if (a.startsWith("-")) {
            err.println("nslab run: unrecognized option '" + a + "'\n" + USAGE);
            return 2;
          }
          files.add(Path.of(a));
        }
      }
    }
    if (files.isEmpty()) {
      err.print("nslab run: which lab?\n" + USAGE);
      return 2;
    }
    int failed = 0;
    boolean malformed = false;
    for (Path f : files) {
      if (f.getFileName().toString().equalsIgnoreCase("README.md")) {
        out.println("SKIP " + f + ": documentation, not a lab"); // labs/*.md catches it
        continue;
      }
      try {
        long t0 = System.nanoTime();
        Lab lab = LabParser.parse(f);
        Replay.Result r = Replay.run(lab, Map.copyOf(System.getenv()), update);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        r.skipped().forEach(s -> out.println("SKIP " + s));
        if (r.passed()) {
          out.println((update ? "UPDATED " : "PASS ") + f + " (" + r.stepsRun() + " steps, "
              + ms + " ms)");
        } else {
          err.print(r.failure().render());
          out.println("FAIL " + f);
          failed++;
        }
      } catch (LabSyntaxException e) {
        err.println(e.getMessage());
        out.println("FAIL " + f);
        failed++;
        malformed = true;
      } catch (IOException e) {
        err.println("nslab run: " + f + ": " + (e instanceof java.nio.file.NoSuchFileException
            ? "no such file" : e.getMessage()));
        failed++;
      } catch (Exception e) {
        err.println("nslab run: " + f + ": internal error: " + e);
        failed++;
      }
    }
    return malformed ? 2 : failed == 0 ? 0 : 1;
  }
}
