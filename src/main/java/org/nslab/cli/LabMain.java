package org.nslab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nslab.cmd.Args;
import org.nslab.cmd.Opt;
import org.nslab.cmd.UsageException;
import org.nslab.lab.Lab;
import org.nslab.lab.LabParser;
import org.nslab.lab.LabSyntaxException;
import org.nslab.replay.Replay;
import org.nslab.text.Key;

/** nslab run [--update] LAB.md...: replays labs, and says which passed. */
public final class LabMain {
  private LabMain() {}

  static final Program PROGRAM = new Program(Program.spec("nslab run",
      List.of("nslab run [--update] LAB.md..."), 0, -1,
      Opt.flag((char) 0, "update", "rewrite expected output")), Key.CLI_RUN_HELP);

  /** What nslab run was asked. */
  record Options(boolean update, List<Path> files) {
    static Options read(Args args) throws UsageException {
      if (args.positionals().isEmpty()) {
        throw new UsageException(Key.CLI_WHICH_LAB);
      }
      return new Options(args.has("update"), args.positionals().stream().map(Path::of).toList());
    }
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    Program.Parsed<Options> parsed = PROGRAM.parse(args, Options::read, out, err);
    if (parsed.options() == null) {
      return parsed.status();
    }
    boolean update = parsed.options().update();
    List<Path> files = parsed.options().files();
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
