package org.nslab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Root;
import org.nslab.cli.GradeMain;
import org.nslab.ns.MountInfo;
import org.nslab.text.JsonText;

/**
 * A submission that attacks the grading machine in every way the issue names: renames the
 * host, unmounts /proc, mounts over /etc, deletes files, fork-bombs, allocates without end,
 * sleeps forever and kills other processes (and prints without end). The machine (here: the namespaces the test JVM
 * runs in, which scripts/test compares with the real host's as well) must stay as it was, and
 * the grader must finish in bounded time and say what happened.
 */
@Tag("kernel")
class SandboxKernelTest {
  @TempDir Path dir;


  static Report gradeOne(Path lab, Path submission, String... options) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(List.of("-f", "json", lab.toString(), submission.toString()));
    GradeMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return reports(out.toString(StandardCharsets.UTF_8), err).get(0);
  }

  @SuppressWarnings("unchecked")
  static List<Report> reports(String json, ByteArrayOutputStream err) {
    assertTrue(json.startsWith("{"), () -> "no JSON report; stderr: " + err);
    Map<String, Object> all = (Map<String, Object>) JsonText.parse(json);
    List<Report> out = new ArrayList<>();
    for (Object s : (List<Object>) all.get("submissions")) {
      // Each element is what Report.toJson wrote: read it back through the same parser.
      out.add(Report.fromJson(toJson(s)));
    }
    return out;
  }

  /** Writes a parsed JSON value back as text (enough for Report.fromJson). */
  @SuppressWarnings("unchecked")
  private static String toJson(Object v) {
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      ((Map<String, Object>) m).forEach((k, x) -> sb.append(sb.length() > 1 ? "," : "")
          .append(JsonText.quote(k)).append(':').append(toJson(x)));
      return sb.append('}').toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (Object x : l) {
        sb.append(sb.length() > 1 ? "," : "").append(toJson(x));
      }
      return sb.append(']').toString();
    }
    return v instanceof String s ? JsonText.quote(s) : String.valueOf(v);
  }

  @Test
  void anAttackingSubmissionLeavesTheMachineAsItWasAndIsReported() throws Exception {
    Root.assume("grading does");
    String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    String mountsBefore = targets();
    // A file and a process the submission will try to destroy. The file is on the root
    // filesystem (the sandbox sees it through its overlay; /tmp is its own there), in a
    // directory anyone may write to, as /tmp is: the sandbox's root still may not delete it.
    // (In the OS image, which the sandbox sees: /var, /home, /root and the like are empty
    // there.)
    Path victimDir = Files.createDirectories(
        Path.of("/usr/local/lib/nslab-sandbox-victim-" + ProcessHandle.current().pid()));
    Files.setPosixFilePermissions(victimDir,
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    boolean visible = Files.getAttribute(victimDir, "unix:dev")
        .equals(Files.getAttribute(Path.of("/"), "unix:dev"));
    Path victim = Files.writeString(victimDir.resolve("precious.txt"), "keep me\n");
    Files.setPosixFilePermissions(victim,
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
    Process sleeper = new ProcessBuilder("sleep", "300").start();
    try {
      Path sub = dir.resolve("attack.txt");
      Files.writeString(sub, String.join("\n",
          "# Everything the issue names, in one submission.",
          "spawn rm -rf " + victimDir.toAbsolutePath(),
          "spawn ls -a " + victimDir.toAbsolutePath(),
          "hostname --host evil",
          "umount --host -l /proc",
          "mount --host -t tmpfs none /etc",
          "spawn sh -c 'echo b > /proc/sysrq-trigger'",
          "kill -s KILL " + sleeper.pid(),
          "spawn kill -9 " + sleeper.pid(),
          "spawn kill -9 -1",
          "spawn sh -c 'f() { f | f & }; f'",
          "spawn sh -c 'x=0123456789abcdef; while :; do x=$x$x; done'",
          "spawn sleep 100000",
          "spawn yes",
          "spawn true",
          ""));
      long t0 = System.nanoTime();
      Report r = gradeOne(Path.of("labs/uts.md"), sub, "--command-timeout", "3",
          "--timeout", "60");
      long seconds = (System.nanoTime() - t0) / 1_000_000_000;

      // The machine: same name, same mounts, the file and the process still there.
      assertEquals(host, Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
      assertEquals(mountsBefore, targets());
      assertEquals("keep me\n", Files.readString(victim));
      assertTrue(sleeper.isAlive(), "a process outside the sandbox was killed");

      // The grader: bounded, and it says what happened, line by line.
      assertTrue(seconds < 45, "grading took " + seconds + " s");
      assertEquals(null, r.error(), "not graded: " + r.error());
      assertEquals(14, r.commands().size(), "every line ran, each to its end");
      if (visible) {
        // Inside, the file is gone (the overlay's upper layer holds the deletion); the
        // directory keeps its entry: its parent is root's, and the sandbox's root is not.
        assertEquals(".\n..", sorted(ran(r, "spawn ls -a").output()),
            ran(r, "spawn ls -a").output());
      }
      assertTrue(ran(r, "hostname --host").output().contains("-> evil"), "renamed its own host");
      assertTrue(ran(r, "spawn sh -c 'echo b").output().contains("Permission denied"),
          ran(r, "spawn sh -c 'echo b").output());
      assertTrue(ran(r, "kill -s KILL").output().contains("ESRCH"),
          "the host's PIDs are not there: " + ran(r, "kill -s KILL").output());
      // The bomb's shell ends at once; what it left is part of the command, read until it
      // ends (it may collapse by itself once forks fail) or the command's time runs out. The
      // kernel counts every fork it refused: the same on a fast machine and a slow one.
      assertTrue(r.stopped().contains("line 11 (spawn sh -c 'f() { f | f & }; f') hit the"
          + " process limit (256 processes): "), "pids.max held: " + r.stopped());
      assertEquals(137, ran(r, "spawn sh -c 'x=").status(), "the allocation was killed (OOM)");
      assertEquals(137, ran(r, "spawn sleep").status(), "the endless sleep was killed");
      assertTrue(r.stopped().contains("line 13 (spawn sleep 100000) ran over 3 s"), r.stopped());
      assertTrue(r.stopped().contains("line 14 (spawn yes) ran over 3 s"), r.stopped());
      assertTrue(ran(r, "spawn yes").output().length() < 4000, "output is kept in bounds");
      assertEquals(0, ran(r, "spawn true").status(), "grading went on after the kills");
      // And the score says what the submission did to its own (sandboxed) machine.
      assertTrue(r.score() < r.max());
    } finally {
      sleeper.destroyForcibly();
      Files.deleteIfExists(victim);
      Files.deleteIfExists(victimDir);
    }
  }

  @Test
  void anAttackerGradedBesideAVictimSeesNothingOfItsOrTheHostsAndChangesNoScore()
      throws Exception {
    Root.assume("grading does");
    String secret = "victim-secret-" + Long.toHexString(new java.util.Random().nextLong());
    // A TA's file, saved with the usual umask: readable by everyone on the host.
    Path ta = Files.createDirectories(Path.of("/home/nslab-test-ta-" + ProcessHandle.current()
        .pid()));
    Path taFile = Files.writeString(ta.resolve("subs.txt"), secret + "\n");
    try {
      Path victim = dir.resolve("victim.txt");
      Files.writeString(victim, "# " + secret + "\n"
          + Files.readString(Path.of("labs/solutions/uts/reference.txt")));
      Path attacker = dir.resolve("attacker.txt");
      // What the attacker knows is the victim's habit of leaving such a note, not the note.
      String places = "/run/nslab /tmp /home /root /var /srv /opt /mnt /media " + dir + " " + ta;
      Files.writeString(attacker, String.join("\n",
          "spawn sh -c 'grep -r -h victim-secret- " + places + " 2>/dev/null; echo searched'",
          "spawn sh -c 'cat /proc/*/cmdline /run/nslab-host/proc/*/cmdline | tr \"\\0\" \" \"'",
          "spawn sh -c 'ls /proc /run/nslab-host/proc | grep -c \"^[0-9]\"'",
          "spawn sh -c 'cat /proc/self/uid_map; ls /run/nslab/stage'",
          "spawn sh -c 'umount -l /sys/fs/cgroup; find /sys/fs/cgroup | grep -c grade'",
          "spawn sh -c 'echo x > /sys/kernel/mm/transparent_hugepage/enabled'",
          "spawn sh -c 'mount -o remount,rw /sys 2>&1; mount -o remount,rw /sys/fs 2>&1; true'",
          ""));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      GradeMain.run(List.of("-j", "2", "-f", "json", "labs/uts.md", victim.toString(),
          attacker.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      List<Report> reports = reports(out.toString(StandardCharsets.UTF_8), err);
      Report v = reports.get(0);
      Report a = reports.get(1);
      assertEquals(null, v.error(), "victim not graded: " + v.error());
      assertEquals(v.max(), v.score(), "the victim's score changed");
      assertEquals(null, a.error(), "attacker not graded: " + a.error());
      String everything = a.commands().stream().map(Report.Ran::output)
          .collect(java.util.stream.Collectors.joining("\n---\n"));
      assertFalse(everything.contains(secret), everything);
      // (The search ran to its end: it finds only the attacker's own submission.)
      assertTrue(ran(a, "spawn sh -c 'grep -r").output().strip().endsWith("searched"),
          everything);
      // No process of the host's, nor the other sandbox's, nor the grader's: only its own.
      String cmdlines = ran(a, "spawn sh -c 'cat /proc").output();
      assertFalse(cmdlines.contains("victim.txt"), cmdlines);
      assertFalse(cmdlines.contains("surefire"), cmdlines);
      assertTrue(Integer.parseInt(ran(a, "spawn sh -c 'ls /proc").output().strip()) < 20,
          ran(a, "spawn sh -c 'ls /proc").output());
      // Its own stage: the lab and its own submission only; ids of a range of its own.
      String own = ran(a, "spawn sh -c 'cat /proc/self/uid_map").output();
      assertTrue(own.contains("submission.txt") && !own.contains("sub-"), own);
      assertTrue(own.matches("(?s)\\s*0\\s+15\\d{8}\\s+65536\\s.*"), own);
      // No cgroup of anyone else's, even with its own cgroup file system gone.
      assertEquals("0", ran(a, "spawn sh -c 'umount").output().lines().findFirst()
          .orElse(""), ran(a, "spawn sh -c 'umount").output());
      assertTrue(ran(a, "spawn sh -c 'echo x").output().contains("Read-only file system"),
          ran(a, "spawn sh -c 'echo x").output());
      assertEquals("keep\n", Files.readString(taFile).replace(secret, "keep"));
    } finally {
      Files.deleteIfExists(taFile);
      Files.deleteIfExists(ta);
    }
  }

  @Test
  void fiftyCopiesOfANoisySubmissionGradedTwoAtATimeAllGetOneScore() throws Exception {
    Root.assume("grading does");
    // The reference, with what made scores unsteady: output that comes after the command's
    // own process has ended, a burst of short-lived processes, and a lot of output.
    String noisy = Files.readString(Path.of("labs/solutions/uts/reference.txt")) + "\n"
        + "spawn sh -c '(sleep 0.05; echo late) &'\n"
        + "spawn sh -c 'for i in 1 2 3 4 5 6 7 8; do sleep 0.01 & done'\n"
        + "spawn sh -c 'yes | head -c 300000'\n";
    List<String> args = new ArrayList<>(List.of("-j", "2", "-f", "json", "labs/uts.md"));
    for (int i = 0; i < 50; i++) {
      Path copy = dir.resolve("copy-" + i + ".txt");
      Files.writeString(copy, noisy);
      args.add(copy.toString());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    GradeMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    List<Report> reports = reports(out.toString(StandardCharsets.UTF_8), err);
    assertEquals(50, reports.size());
    java.util.Set<String> scores = new java.util.TreeSet<>();
    for (Report r : reports) {
      scores.add(r.error() != null ? "not graded: " + r.error() : r.score() + "/" + r.max());
      assertTrue(ran(r, "spawn sh -c '(sleep").output().contains("late"), r.toJson(""));
    }
    assertEquals(java.util.Set.of("12/12"), scores);
  }

  @Test
  void everySandboxRunningAtOnceHasItsOwnIdRange() throws Exception {
    Root.assume("slots are lock files in /run");
    try (Sandbox.Slot a = Sandbox.Slot.take(); Sandbox.Slot b = Sandbox.Slot.take()) {
      assertTrue(a.uid() != b.uid(), a + " " + b);
      assertTrue(a.uid() >= Sandbox.UID_BASE && b.uid() >= Sandbox.UID_BASE);
      assertEquals(0, Math.abs(a.uid() - b.uid()) % 65536);
    }
  }

  @Test
  void aSubmissionCannotReachTheGradersMemoryOrItsReportChannel() throws Exception {
    Root.assume("grading does");
    // The grader's JVM is PID 1 in the sandbox, and the submission's children are root there.
    // Through its memory they could find the nonce that marks the report, and through its
    // stdout they could write a report of their own. Both need ptrace rights over the JVM.
    Path sub = dir.resolve("forge.txt");
    Files.writeString(sub, String.join("\n",
        "spawn sh -c 'echo forged > /proc/1/fd/1 && echo wrote'",
        "spawn sh -c 'od -An -N8 /proc/1/environ && echo read'",
        "spawn sh -c 'grep -c . /proc/1/maps && echo read'",
        "spawn sh -c 'readlink -v /proc/1/fd/1 && echo listed'",
        "spawn sh -c 'grep -i ^CapEff /proc/self/status'",
        "") + "\n");
    Report r = gradeOne(Path.of("labs/uts.md"), sub, "--command-timeout", "5");
    assertEquals(null, r.error(), "not graded: " + r.error());
    for (Report.Ran ran : r.commands().subList(0, 4)) {
      assertTrue(ran.output().contains("Permission denied"), ran.command() + ": " + ran.output());
      assertFalse(ran.output().matches("(?s).*\\b(wrote|read|listed)\\n.*"), ran.output());
    }
    // Root in the sandbox, with every capability but CAP_SYS_PTRACE (bit 19).
    String capEff = ran(r, "spawn sh -c 'grep -i").output().replaceAll("(?s).*CapEff:\\s*", "")
        .strip();
    assertEquals(0, Long.parseLong(capEff, 16) & (1L << 19), capEff);
    assertTrue(Long.bitCount(Long.parseLong(capEff, 16)) > 30, capEff);
  }

  @Test
  void theSubmissionHasItsLimitsAndTheGraderItsRoomBesideThem() throws Exception {
    Root.assume("grading does");
    assumeTrue(org.nslab.sys.Cgroups.detect().has("pids"), "needs the pids cgroup controller");
    // Where the JVM (PID 1) and a child are, from the child's cgroup namespace, whose root is
    // the leaf children start in; then the submission tries to raise its own limit, to make
    // a cgroup outside its own and to move itself out of its limits.
    String pidsDir = "d=/sys/fs/cgroup; [ -e $d/student/pids.max ] || d=/sys/fs/cgroup/pids; ";
    Path sub = dir.resolve("headroom.txt");
    Files.writeString(sub, String.join("\n",
        "spawn sh -c 'grep -e :pids: -e ^0:: /proc/self/cgroup /proc/1/cgroup'",
        "spawn sh -c '" + pidsDir + "cat $d/student/pids.max $d/pids.max 2>&1'",
        "spawn sh -c '" + pidsDir + "echo 100000 > $d/student/pids.max; mkdir $d/evil;"
            + " echo $$ > $d/cgroup.procs; cat $d/student/pids.max; grep :pids: /proc/self/cgroup;"
            + " true'",
        // Every process the submission may have, held (its limit is 20 here): 19 in the
        // background, and the 20th waits, forking nothing, until they are all there.
        "spawn --bg sh -c 'n=1; while [ $n -lt 19 ]; do sleep 1000 & n=$((n+1)); done;"
            + " exec sleep 1000'",
        "spawn sh -c '" + pidsDir + "while read n < $d/student/pids.current; [ $n -lt 20 ];"
            + " do :; done; echo full $n; while read k v; do [ $k = Threads: ] && echo jvm $v;"
            + " done < /proc/1/status'",
        "unshare uts",
        "hostname container1",
        "ns self",
        "") + "\n");
    Report r = gradeOne(Path.of("labs/uts.md"), sub, "--command-timeout", "60", "--pids", "20");
    assertEquals(null, r.error(), "not graded: " + r.error());
    boolean v1 = ran(r, "spawn sh -c 'grep -e").output().contains(":pids:");
    String where = ran(r, "spawn sh -c 'grep -e").output();
    assertTrue(where.matches("(?s).*/proc/self/cgroup:\\d+:" + (v1 ? "pids" : "") + ":/student/main\n.*"),
        "a child starts below the submission's limits: " + where);
    assertTrue(where.matches("(?s).*/proc/1/cgroup:\\d+:" + (v1 ? "pids" : "") + ":/grader\n.*"),
        "the grader's JVM is beside them: " + where);
    assertEquals("20\nmax", ran(r, "spawn sh -c 'd=/sys/fs/cgroup; [ -e $d/student/pids.max ] ||"
        + " d=/sys/fs/cgroup/pids; cat").output().strip(),
        "its limit on its cgroup, the grader's room above, out of sight");
    String tried = ran(r, "spawn sh -c 'd=/sys/fs/cgroup; [ -e $d/student/pids.max ] ||"
        + " d=/sys/fs/cgroup/pids; echo").output();
    assertTrue(tried.contains("pids.max: Permission denied"), tried);
    assertTrue(tried.contains("evil': Permission denied"), tried);
    assertTrue(tried.lines().anyMatch("20"::equals) && tried.contains("/student/main"),
        "the limit held and the process stayed in the submission's cgroup: " + tried);
    String full = ran(r, "spawn sh -c 'd=/sys/fs/cgroup; [ -e $d/student/pids.max ] ||"
        + " d=/sys/fs/cgroup/pids; while").output();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("full 20\\njvm (\\d+)\\n")
        .matcher(full);
    assertTrue(m.find(), full);
    assertTrue(Integer.parseInt(m.group(1)) > 5, "the JVM's threads are not the submission's: "
        + full);
    // With the submission at its process limit, the grader still runs commands and checks:
    // the step is done and scored.
    assertTrue(ran(r, "hostname container1").output().contains("-> container1"),
        ran(r, "hostname container1").output());
    Report.StepResult two = r.steps().get(1);
    assertTrue(two.max() > 0 && two.score() == two.max(),
        "step 2 (a UTS namespace of your own) passed: " + two);
  }

  @Test
  void aLineThatFillsADiskIsNamedWithTheDiskAndItsSize() throws Exception {
    Root.assume("grading does");
    Path sub = dir.resolve("full.txt");
    Files.writeString(sub, String.join("\n",
        "spawn sh -c 'cat /dev/zero > /dev/shm/big; echo status $?'",
        "spawn sh -c 'rm /dev/shm/big; echo freed'",
        "spawn true",
        "") + "\n");
    Report r = gradeOne(Path.of("labs/uts.md"), sub, "--command-timeout", "60");
    assertEquals(null, r.error(), "not graded: " + r.error());
    assertTrue(ran(r, "spawn sh -c 'cat").output().contains("No space left on device"),
        ran(r, "spawn sh -c 'cat").output());
    assertTrue(r.stopped() != null && r.stopped().contains("line 1 (spawn sh -c 'cat /dev/zero"
        + " > /dev/shm/big; echo status $?') filled /dev/shm (32M): the disk is full, and"
        + " writes there fail with \"No space left on device\" (ENOSPC)"), r.stopped());
    assertFalse(r.stopped().contains("line 2"), r.stopped());
    assertEquals(0, ran(r, "spawn true").status(), "grading went on");
  }

  @Test
  void aSubmissionThatSpinsGetsOneCpu() throws Exception {
    Root.assume("grading does");
    assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 CPUs to see a limit");
    assumeTrue(org.nslab.sys.Cgroups.detect().has("cpu"), "needs the cpu cgroup controller");
    // Two busy loops for 2 s: 400 ticks of CPU time on two free CPUs, 200 under the limit.
    Path sub = dir.resolve("spin.txt");
    Files.writeString(sub, "spawn sh -c 'yes >/dev/null & a=$!; yes >/dev/null & b=$!; sleep 2;"
        + " t=0; for p in $a $b; do set -- $(cut -d\\) -f2 /proc/$p/stat); t=$((t+${12}+${13}));"
        + " done; kill $a $b; echo ticks $t'\n");
    Report r = gradeOne(Path.of("labs/uts.md"), sub);
    String out = ran(r, "spawn sh").output();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("ticks (\\d+)").matcher(out);
    assertTrue(m.find(), out);
    assertTrue(Integer.parseInt(m.group(1)) < 280, "two spinning children used " + m.group(1)
        + " ticks in 2 s: more than one CPU");
  }

  @Test
  void aSubmissionThatNeverEndsIsStoppedByTheWholeTimeLimit() throws Exception {
    Root.assume("grading does");
    Path sub = dir.resolve("slow.txt");
    Files.writeString(sub, "spawn sleep 2\nspawn sleep 2\nspawn sleep 2\nunshare uts\n");
    long t0 = System.nanoTime();
    Report r = gradeOne(Path.of("labs/uts.md"), sub, "--command-timeout", "5", "--timeout", "3");
    assertTrue((System.nanoTime() - t0) / 1_000_000_000 < 30);
    assertEquals(null, r.error());
    assertTrue(r.commands().size() < 4, "the lines after the limit did not run");
    assertTrue(r.stopped().startsWith("out of time"), r.stopped());
    // The checks still ran, on the state it reached.
    assertFalse(r.steps().isEmpty());
  }

  @Test
  void theReportSpeaksTheStudentsLanguageWhereTheLabDoes() throws Exception {
    Root.assume("grading does");
    Report r = gradeOne(Path.of("labs/mount.md"),
        Path.of("labs/solutions/mount/wrong-host-umount.txt"), "--lang", "ja");
    assertEquals(null, r.error());
    List<String> failed = r.steps().stream().flatMap(s -> s.checks().stream())
        .filter(c -> !c.passed()).map(Report.CheckResult::message).toList();
    assertTrue(failed.contains("外側でも /proc が消えています。アンマウントがホストに届きました"
        + "（ラボタスクは自分のマウント名前空間にいましたか？）"), failed.toString());
  }

  private static Report.Ran ran(Report r, String prefix) {
    return r.commands().stream().filter(c -> c.command().startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no command " + prefix + " in the report"));
  }

  private static String sorted(String lines) {
    return String.join("\n", lines.lines().sorted().toList());
  }

  private static String targets() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (MountInfo m : MountInfo.parse(Files.readString(Path.of("/proc/self/mountinfo")))) {
      sb.append(m.target()).append(' ').append(m.fstype()).append('\n');
    }
    return sb.toString();
  }
}
