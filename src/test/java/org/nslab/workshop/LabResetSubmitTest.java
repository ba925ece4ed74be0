package org.nslab.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.cmd.Session;
import org.nslab.shell.Shell;
import org.nslab.shell.ShellOptions;

/** lab reset opens the lab when none is open; lab submit writes beside the progress file. */
class LabResetSubmitTest {
  @TempDir Path dir;

  private String session(String script, Path progress) throws Exception {
    Workshop w = new Workshop(Path.of("labs"), Progress.load(progress), "en");
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text, true);
    Shell.script(Session.startTask(false), new BufferedReader(new StringReader(script)), out,
        out, new ShellOptions(false, false), Map.of(), false, w::install);
    out.flush();
    return text.toString();
  }

  @Test
  void resetWithNoLabOpenOpensItAtStepOne() throws Exception {
    Path progress = dir.resolve("state/progress.json");
    session("lab start uts\nlab next\nlab next\n", progress);
    assertTrue(Files.readString(progress).contains("\"uts\": {\"step\": 3"),
        Files.readString(progress));
    String printed = session("lab reset uts\nlab show\n", progress);
    assertTrue(printed.contains("lab: progress in uts cleared"), printed);
    assertTrue(printed.contains("Step 1: the hostname belongs to a namespace"), printed);
    assertTrue(Files.readString(progress).contains("\"uts\": {\"step\": 1"),
        Files.readString(progress));
  }

  @Test
  void submitWritesBesideTheProgressFileAndSaysWhere() throws Exception {
    Path progress = dir.resolve("state/progress.json");
    Path cwdFile = Path.of("uts-submission.txt");
    String printed = session("lab start uts\nhostname\nlab submit\n", progress);
    Path written = dir.resolve("state/submissions/uts-submission.txt");
    assertTrue(printed.contains("lab: wrote 1 command to " + written
        + " (nslab grade labs/uts.md " + written + ")"), printed);
    assertTrue(Files.readString(written).contains("\nhostname\n"), Files.readString(written));
    assertTrue(!Files.exists(cwdFile), "lab submit wrote into the current directory");
    // A file named is where it goes.
    Path named = dir.resolve("mine.txt");
    printed = session("lab start uts\nlab submit " + named + "\n", progress);
    assertTrue(printed.contains("to " + named), printed);
    assertEquals(Files.readString(written).lines().skip(2).toList(),
        Files.readString(named).lines().skip(2).toList());
  }
}
