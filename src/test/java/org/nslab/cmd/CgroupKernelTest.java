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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;

/** cgroup create/join: limits that hold for the lab task's children, removed at the end. */
@Tag("kernel")
class CgroupKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
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
      // util-linux unshare --time --fork: the fork, the program, starts in the cgroup too.
      lab.ok("cgroup create timed");
      lab.ok("cgroup join timed");
      String timed = lab.ok("spawn --time --boottime 86400 sh -c 'cat /proc/self/cgroup;"
          + " readlink /proc/self/ns/time /proc/self/ns/time_for_children'");
      assertTrue(timed.contains("-timed\n"), timed);
      String[] lines = timed.strip().split("\n");
      assertEquals(lines[lines.length - 2], lines[lines.length - 1], timed);
      lab.ok("cgroup leave");
      lab.ok("cgroup join demo");
      lab.ok("spawn --bg sleep 1000");
    }
    for (Path d : dirs) {
      assertFalse(Files.exists(d), d + " was left behind");
    }
  }

  @Test
  void whatADeadNslabLeftIsRemovedWhenCgroupsAreNextUsedAndSaidSo() throws Exception {
    try (LabSession lab = new LabSession()) {
      assumeTrue(lab.ok("cgroup").contains("pids"), "no pids controller available");
      Matcher m = Pattern.compile("(/sys/fs/cgroup\\S*/pids\\S*)/nslab-\\d+-probe")
          .matcher(lab.ok("cgroup create probe"));
      lab.ok("cgroup delete probe");
      assumeTrue(m.find(), "no pids hierarchy of its own (v2 only)");
      Path base = Path.of(m.group(1));
      // An nslab killed outright: its pid is gone, a cgroup of its and a job in it are not.
      Process gone = new ProcessBuilder("true").start();
      gone.waitFor();
      Path left = Files.createDirectory(base.resolve("nslab-" + gone.pid() + "-demo"));
      Process job = new ProcessBuilder("sleep", "300").start();
      try {
        Files.writeString(left.resolve("cgroup.procs"), Long.toString(job.pid()));
        LabSession.Result r = lab.run("cgroup create x");
        assertEquals(0, r.status(), r.all());
        assertTrue(r.err().contains("cgroup: removed nslab-" + gone.pid() + "-demo, left by"
            + " nslab " + gone.pid() + ", which ended without removing them (1 process still"
            + " in them ended)"), r.all());
        assertTrue(job.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "the job still runs");
        assertFalse(Files.exists(left), left + " is still there");
        lab.ok("cgroup delete x");
      } finally {
        job.destroyForcibly();
        if (Files.exists(left)) {
          Files.delete(left);
        }
      }
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
