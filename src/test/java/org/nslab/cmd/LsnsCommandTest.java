package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lsns's table laid out as util-linux lsns lays it out, with headings and with -n. */
class LsnsCommandTest {
  private static List<String[]> cells(String... rows) {
    List<String[]> cells = new ArrayList<>();
    for (String r : rows) {
      cells.add(r.split(" ", 6));
    }
    return cells;
  }

  @Test
  void columnsAreAsWideAsTheirHeadingsEvenWithoutHeadings() {
    // util-linux 2.38 `lsns -t uts` and `lsns -n -t uts` printed exactly these lines here.
    List<String[]> rows = cells("4026531838 uts 73 2 root kthreadd",
        "4026532173 uts 1 13410 bin sleep 30");
    List<String> table = List.of(
        "        NS TYPE NPROCS   PID USER COMMAND",
        "4026531838 uts      73     2 root kthreadd",
        "4026532173 uts       1 13410 bin  sleep 30");
    assertEquals(table, LsnsCommand.layout(rows, true, 0));
    assertEquals(table.subList(1, 3), LsnsCommand.layout(rows, false, 0));
    assertEquals(List.of("4026531838 uts      73     2 r", "4026532173 uts       1 13410 b"),
        LsnsCommand.layout(rows, false, 30));
    assertEquals(List.of("4026531838 uts      73   2 root kthreadd"),
        LsnsCommand.layout(rows.subList(0, 1), false, 0));
  }

  @Test
  void aColumnAsWideAsItsHeadingButNarrowerThanItsHintTakesTheHint() {
    // As libsmartcols does: TYPE's hint is 5, PID's 5; "time" and "7987" are as wide as the
    // headings or wider, so they get the hint; "mnt" and "2" are narrower, so the heading's.
    assertEquals(List.of("4026531834 time      77  7987 root sleep"),
        LsnsCommand.layout(cells("4026531834 time 77 7987 root sleep"), false, 0));
    assertEquals(List.of("4026531832 mnt      75   2 root kthreadd"),
        LsnsCommand.layout(cells("4026531832 mnt 75 2 root kthreadd"), false, 0));
  }

  @Test
  void theLayoutIsUtilLinuxLsnsOwnOnThisMachinesNamespaces() throws Exception {
    assumeTrue(onPath("lsns"), "util-linux lsns is not installed");
    for (boolean headings : new boolean[] {true, false}) {
      // One listing, parsed into its cells and laid out again: no race with processes that
      // come and go between two listings.
      List<String> theirs = run(headings ? List.of("lsns") : List.of("lsns", "-n"));
      List<String[]> rows = new ArrayList<>();
      for (String line : theirs.subList(headings ? 1 : 0, theirs.size())) {
        String[] c = line.strip().split("\\s+", 6);
        rows.add(c.length == 6 ? c : Arrays.copyOf(c, 6));
        if (c.length < 6) {
          rows.get(rows.size() - 1)[5] = "";
        }
      }
      assumeTrue(!rows.isEmpty(), "lsns listed nothing here");
      List<String> ours = LsnsCommand.layout(rows, headings, 0);
      for (int i = 0; i < theirs.size(); i++) {
        assertEquals(theirs.get(i).stripTrailing(), ours.get(i).stripTrailing(),
            "line " + (i + 1) + (headings ? " of lsns" : " of lsns -n"));
      }
      assertEquals(theirs.size(), ours.size());
    }
  }

  private static List<String> run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), cmd + " failed");
    return List.of(out.split("\n"));
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (new File(dir, tool).canExecute()) {
        return true;
      }
    }
    return false;
  }

  @Test
  void everyColumnIsOneRowNamedInTheHelpAndItsJsonKeyIsItsHeadingInLowerCase() {
    String help = new LsnsCommand().spec().help();
    for (LsnsCommand.LsnsColumn c : LsnsCommand.LsnsColumn.values()) {
      assertEquals(true, help.contains(c.header), c + " is not in lsns --help");
      assertEquals(c.header.toLowerCase(java.util.Locale.ROOT), c.key());
      assertEquals(false, c.help.isEmpty(), c + " has no help text");
    }
  }
}
