package org.nslab.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Main;
import org.nslab.Root;
import org.nslab.cli.LabMain;

/** record turns a session into a lab, and nslab run replays that lab on this machine. */
@Tag("kernel")
class RecordKernelTest {
  @TempDir Path dir;

  @Test
  void aRecordedSessionReplays() throws Exception {
    Root.assume("the session unshares");
    Path lab = dir.resolve("recorded.md");
    String script = String.join("\n", "record " + lab, "unshare uts", "hostname demo",
        "spawn hostname", "record step back where we started", "ns reset", "hostname",
        "ns self", "record stop", "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = Main.run(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true,
            StandardCharsets.UTF_8), new String[0]);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, printed);
    assertTrue(printed.contains("hostname") && printed.contains("-> demo"),
        "the output still reaches the user while recording: " + printed);
    String text = Files.readString(lab);
    assertTrue(text.contains("> unshare uts\nuts               {uts0} -> {uts1}  (new)\n"), text);
    assertTrue(text.contains("> hostname demo\nhostname {host} -> demo  (in uts {uts1})\n"), text);
    assertTrue(text.contains("## Step 2: back where we started"), text);
    assertTrue(text.contains("lab task (pid {*}, thread {*})"), text);

    ByteArrayOutputStream replay = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(replay, true, StandardCharsets.UTF_8);
    assertEquals(0, LabMain.run(List.of(lab.toString()), ps, ps),
        replay.toString(StandardCharsets.UTF_8) + "\n" + text);
  }

  @Test
  void aRecordingThatCannotBeWrittenIsNotLost() throws Exception {
    Root.assume("the session unshares");
    Path gone = dir.resolve("gone");
    Files.createDirectories(gone);
    String script = String.join("\n", "record /nonexistent/x.md",
        "record " + gone.resolve("x.md"), "unshare uts", "record step", "hostname",
        "spawn rmdir " + gone, "record stop", "hostname demo",
        "record stop " + dir.resolve("kept.md"), "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true,
            StandardCharsets.UTF_8), new String[0]);
    String printed = out.toString(StandardCharsets.UTF_8);
    // A file that cannot be written is refused at once, not after the work.
    assertTrue(printed.contains("record: cannot write in /nonexistent (no such directory)"),
        printed);
    assertTrue(printed.contains("record: could not write " + gone.resolve("x.md")
        + " (no such file or directory: " + gone.resolve("x.md") + "); still recording"),
        printed);
    String text = Files.readString(dir.resolve("kept.md"));
    assertTrue(text.contains("> unshare uts\n"), text);
    assertTrue(text.contains("## Step 2: Recorded\n"), text);
    assertTrue(text.contains("> hostname demo\nhostname {host} -> demo"), text);
  }
}
