package org.nslab.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Root;
import org.nslab.cmd.LabSession;

/**
 * What labs/cgroup.md says in its prose that neither its replay nor CgroupKernelTest shows: each
 * test is one sentence of the lab, shown on the cgroups nslab makes (removed when the session
 * closes) or on /proc. Holds on cgroup v1 (hybrid, this machine) and v2 alike: the pids
 * directory is whichever one nslab made that has a pids.max.
 */
@Tag("kernel")
class CgroupClaimsKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create cgroups");
  }

  /** cgroup create NAME ARGS: the directories nslab made, the one with pids.max first. */
  private static List<Path> create(LabSession lab, String nameAndArgs) {
    String layout = lab.ok("cgroup");
    assumeTrue(layout.contains("pids"), "no pids controller available: " + layout);
    Matcher m = Pattern.compile("(/sys/fs/cgroup\\S+)").matcher(lab.ok("cgroup create "
        + nameAndArgs));
    List<Path> dirs = new ArrayList<>();
    while (m.find()) {
      Path d = Path.of(m.group(1));
      dirs.add(Files.exists(d.resolve("pids.max")) ? 0 : dirs.size(), d);
    }
    assertTrue(!dirs.isEmpty() && Files.exists(dirs.get(0).resolve("pids.max")), dirs.toString());
    return dirs;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The cgroup (path in its hierarchy) of thread or process ID, on the pids line or v2's. */
  private static String pidsCgroup(long id) {
    String lines = Programs.proc(id, "cgroup");
    return lines.lines().filter(l -> l.matches("\\d+:([^:]*,)?pids(,[^:]*)?:.*")).findFirst()
        .or(() -> lines.lines().filter(l -> l.startsWith("0::")).findFirst())
        .map(l -> l.substring(l.indexOf(':', l.indexOf(':') + 1) + 1)).orElseThrow();
  }

  /**
   * Step 1: "A cgroup is a directory in a cgroup filesystem (under /sys/fs/cgroup): making one
   * is mkdir, and each limit is a file in it (pids.max holds 5 now)"; "nslab makes its groups
   * below the cgroup it runs in ... It first moves itself into a group of its own there,
   * nslab-PID, and makes yours beside it"; step 2: "The lab task itself stays where it is".
   */
  @Test
  void aCgroupIsADirectoryBesideNslabsOwnWithPidsMaxAFile() throws Exception {
    try (LabSession lab = new LabSession()) {
      long pid = ProcessHandle.current().pid();
      Path demo = create(lab, "demo --pids-max 5").get(0);
      assertTrue(Files.isDirectory(demo));
      assertTrue(demo.startsWith("/sys/fs/cgroup"), demo.toString());
      assertEquals("5", read(demo.resolve("pids.max")));
      assertEquals("nslab-" + pid + "-demo", demo.getFileName().toString());
      String own = pidsCgroup(lab.session().task().tid());
      assertTrue(own.endsWith("/nslab-" + pid), own);
      assertTrue(demo.toString().endsWith(own + "-demo"), demo + " beside " + own);
      lab.ok("cgroup join demo");
      assertEquals(own, pidsCgroup(lab.session().task().tid()), "join moved the lab task");
    }
  }

  /**
   * Step 1: "The pids controller counts every process and thread in the group and makes fork(2)
   * and clone(2) fail with EAGAIN once the count reaches pids.max."
   */
  @Test
  void pidsMaxCountsThreadsAndForkAndCloneFailWithEagain(@TempDir Path dir) throws Exception {
    try (LabSession lab = new LabSession()) {
      create(lab, "demo --pids-max 2");
      lab.ok("cgroup join demo");
      String py = "import errno, os, threading\n"
          + "go = threading.Event()\n"
          + "t = threading.Thread(target=go.wait); t.start()\n"
          + "try:\n    os.fork()\nexcept OSError as e:\n    print('fork', errno.errorcode[e.errno])\n"
          + "try:\n    threading.Thread(target=go.wait).start()\n"
          + "except RuntimeError as e:\n    print('thread', e)\n"
          + "go.set(); t.join()\n";
      Path script = Files.writeString(dir.resolve("threads.py"), py);
      LabSession.Result r = lab.run("spawn python3 " + script);
      assertEquals(0, r.status(), r.all());
      assertEquals("fork EAGAIN\nthread can't start new thread\n", r.out());
    }
  }

  /** Step 2: "Joining a cgroup is writing a process id into the group's cgroup.procs file." */
  @Test
  void joiningIsWritingAPidIntoCgroupProcs() throws Exception {
    try (LabSession lab = new LabSession()) {
      Path demo = create(lab, "demo").get(0);
      Matcher m = Pattern.compile("\\[1\\] (\\d+)").matcher(lab.ok("spawn --bg sleep 60"));
      assertTrue(m.find());
      long job = Long.parseLong(m.group(1));
      assertFalse(pidsCgroup(job).endsWith("-demo"));
      Files.writeString(demo.resolve("cgroup.procs"), Long.toString(job));
      assertTrue(pidsCgroup(job).endsWith("-demo"), pidsCgroup(job));
      assertTrue(read(demo.resolve("cgroup.procs")).lines().toList().contains(Long.toString(job)));
    }
  }

  /**
   * Step 2: "each child it spawns now waits on a pipe until nslab has written its pid into
   * demo's cgroup.procs, and only then runs its program. So not one instruction of the child's
   * program runs outside the limit": with room for the child alone, its program's first fork is
   * refused, every time.
   */
  @Test
  void theChildsProgramRunsInsideTheLimitFromItsStart() throws Exception {
    try (LabSession lab = new LabSession()) {
      create(lab, "demo --pids-max 1");
      lab.ok("cgroup join demo");
      for (int i = 0; i < 5; i++) {
        LabSession.Result r = lab.run("spawn sh -c 'true & wait; echo forked'");
        assertNotEquals(0, r.status(), r.all());
        assertFalse(r.out().contains("forked"), r.all());
        assertTrue(r.err().contains("fork"), r.err());
      }
      lab.ok("cgroup leave");
      assertEquals("forked\n", lab.ok("spawn sh -c 'true & wait; echo forked'"));
    }
  }

  /**
   * Step 2: "/proc/self/cgroup lists the group the reader is in, one line per hierarchy: one line
   * 0::/... on a cgroup v2 machine, several (pids, memory, ...) on an older v1 layout": one line
   * 0:: and one line per v1 hierarchy mounted, with the controllers it was mounted with.
   */
  @Test
  void procSelfCgroupHasOneLinePerHierarchy() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("/proc/thread-self/cgroup"));
    assertEquals(1, lines.stream().filter(l -> l.startsWith("0::")).count(), lines.toString());
    Set<String> listed = new TreeSet<>();
    for (String l : lines) {
      if (!l.startsWith("0::")) {
        listed.add(l.split(":", 3)[1]);
      }
    }
    Set<String> mounted = new TreeSet<>();
    for (String m : Files.readAllLines(Path.of("/proc/thread-self/mountinfo"))) {
      String[] after = m.split(" - ", 2)[1].split(" ");
      if (after[0].equals("cgroup")) {
        List<String> controllers = new ArrayList<>();
        for (String o : after[2].split(",")) {
          if (!Set.of("rw", "ro", "nosuid", "nodev", "noexec", "relatime", "noatime")
              .contains(o) && !o.startsWith("release_agent") && !o.equals("clone_children")
              && !o.equals("xattr") && !o.equals("cpuset_v2_mode") && !o.equals("noprefix")) {
            controllers.add(o);
          }
        }
        mounted.add(String.join(",", controllers));
      }
    }
    assertEquals(mounted, listed, "v1 hierarchies in mountinfo and in /proc/self/cgroup");
  }

  /**
   * Step 3: "level n of the chain is n processes alive at once. When the fork failed, every
   * level ended, and the group is empty again."
   */
  @Test
  void levelNOfTheChainIsNProcessesAndTheGroupEmptiesAfter() throws Exception {
    try (LabSession lab = new LabSession()) {
      Path demo = create(lab, "demo --pids-max 5").get(0);
      lab.ok("cgroup join demo");
      LabSession.Result r = lab.run("spawn sh -c 'fork() { read c < \"$0/pids.current\";"
          + " echo \"$1 $c\"; [ $1 -lt 20 ] && ( fork $(($1 + 1)) ); }; fork 1' " + demo);
      assertNotEquals(0, r.status(), r.all());
      assertEquals("1 1\n2 2\n3 3\n4 4\n5 5\n", r.out());
      Programs.await("demo to be empty", () -> read(demo.resolve("cgroup.procs")).isEmpty());
      assertEquals("0", read(demo.resolve("pids.current")));
    }
  }

  /**
   * Step 3 (as rewritten): "in a cgroup it hits the same wall, and processes outside the group
   * still start": while demo is full, a fork inside fails and one outside does not.
   */
  @Test
  void aFullGroupRefusesForksInsideItOnly() throws Exception {
    try (LabSession lab = new LabSession()) {
      Path demo = create(lab, "demo --pids-max 2").get(0);
      lab.ok("cgroup join demo");
      lab.ok("spawn --bg sh -c 'sleep 60 & wait'");
      Programs.await("demo to be full", () -> read(demo.resolve("pids.current")).equals("2"));
      String fork = "spawn sh -c 'true & wait; echo forked'";
      assertNotEquals(0, lab.run(fork).status());
      lab.ok("cgroup leave");
      assertEquals("forked\n", lab.ok(fork));
    }
  }

  /**
   * Step 5: "Deleting the group is rmdir, which works once no process is left in it": EBUSY
   * while one is, done once it has ended.
   */
  @Test
  void rmdirRemovesAGroupOnceNoProcessIsLeftInIt() throws Exception {
    try (LabSession lab = new LabSession()) {
      Path demo = create(lab, "demo").get(0);
      lab.ok("cgroup join demo");
      lab.ok("spawn --bg sleep 60");
      FileSystemException busy = assertThrows(FileSystemException.class,
          () -> Files.delete(demo));
      assertTrue(String.valueOf(busy.getReason()).contains("busy"), busy.toString());
      lab.ok("kill -s KILL %1");
      Programs.await("demo to be empty", () -> read(demo.resolve("cgroup.procs")).isEmpty());
      Files.delete(demo);
      assertFalse(Files.exists(demo));
      lab.ok("cgroup leave");
    }
  }
}
