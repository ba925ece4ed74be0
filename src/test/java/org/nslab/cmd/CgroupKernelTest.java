package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** cgroup create/join: limits that hold for the lab task's children, removed at the end. */
class CgroupKernelTest {
  @BeforeEach
  void root() {
    LabSession.assumeRoot();
  }

  @Test
  void pidsMaxStopsForksAndTheCgroupIsRemovedAtTheEnd() throws Exception {
    List<Path> dirs = new ArrayList<>();
    try (LabSession lab = new LabSession()) {
      String layout = lab.ok("cgroup");
      assumeTrue(layout.contains("pids"), "no pids controller available: " + layout);
      String made = lab.ok("cgroup create demo --pids-max 4 --memory-max 64M");
      Matcher m = Pattern.compile("(/sys/fs/cgroup\\S+)").matcher(made);
      while (m.find()) {
        dirs.add(Path.of(m.group(1)));
      }
      assertFalse(dirs.isEmpty(), made);
      for (Path d : dirs) {
        assertTrue(Files.isDirectory(d), d.toString());
      }
      lab.ok("cgroup join demo");
      String cgroups = lab.ok("spawn cat /proc/self/cgroup");
      assertTrue(cgroups.contains("-demo\n"), cgroups);
      // Four processes at most: the fifth fork fails inside, and only inside.
      LabSession.Result r = lab.run("spawn sh -c 'for i in 1 2 3 4 5 6; do sleep 2 & done; wait'");
      assertNotEquals(0, r.status(), r.all());
      assertTrue(r.all().contains("fork"), r.all());
      lab.ok("cgroup leave");
      assertFalse(lab.ok("spawn cat /proc/self/cgroup").contains("-demo"));
      lab.ok("cgroup join demo");
      lab.ok("spawn --bg sleep 1000");
    }
    for (Path d : dirs) {
      assertFalse(Files.exists(d), d + " was left behind");
    }
  }

  @Test
  void unshareCgroupShowsPathsRelativeToTheLabTask() throws Exception {
    try (LabSession lab = new LabSession()) {
      String before = lab.ok("spawn cat /proc/self/cgroup");
      lab.ok("unshare cgroup");
      String after = lab.ok("spawn cat /proc/self/cgroup");
      assertTrue(after.contains("0::/\n"), after);
      for (String line : after.split("\n")) {
        assertTrue(line.endsWith(":/"), "every hierarchy is rooted at the lab task's cgroup: " + after
            + "\nbefore:\n" + before);
      }
    }
  }

  @Test
  void badCgroupInput() throws Exception {
    try (LabSession lab = new LabSession()) {
      assertEquals(Interpreter.USAGE, lab.run("cgroup create").status());
      assertEquals(Interpreter.USAGE, lab.run("cgroup create ../x").status());
      assertEquals(Interpreter.USAGE, lab.run("cgroup create x --pids-max -1").status());
      assertEquals(Interpreter.USAGE, lab.run("cgroup frob").status());
      assertTrue(lab.run("cgroup join nope").err().contains("no cgroup nope"));
      assertEquals(64L << 20, CgroupCommand.size("64M"));
    }
  }
}
