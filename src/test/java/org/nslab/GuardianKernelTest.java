package org.nslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An interactive nslab killed with SIGKILL: its guardian ends what it started at once (a
 * background job, a job's own child, a job in a cgroup of its), and the next nslab to start
 * removes the cgroups it left and says so.
 */
@Tag("kernel")
class GuardianKernelTest {
  private static final long WAIT_S = 120; // a bound for a hung run only, never a measure

  @Test
  void whatAnNslabKilledOutrightStartedEndsAndItsCgroupsGoAtTheNextStart() throws Exception {
    Root.assume("the guardian ends what a killed nslab started");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> argv = List.of(java, "-cp", System.getProperty("java.class.path"),
        "org.nslab.Main");
    Path log = Files.createTempFile("nslab-guardian-test", ".out");
    // Its output to a file: the guardian writes there too, after nslab has gone.
    Process nslab = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    List<Long> jobs = new ArrayList<>();
    String cgroupDir = null;
    try (OutputStream in = nslab.getOutputStream()) {
      in.write(String.join("\n",
          "cgroup create demo --pids-max 50",
          "cgroup join demo",
          "spawn --bg sleep 1000",
          "cgroup leave",
          "spawn --bg sh -c 'sleep 1001 & exec sleep 1002'",
          "spawn echo ready",
          "").getBytes(StandardCharsets.UTF_8));
      in.flush();
      String seen = until(log, "ready\n");
      assumeTrue(!seen.contains("no cgroup controller"), "no cgroups: " + seen);
      Matcher m = Pattern.compile("(?m)^\\[\\d+\\] (\\d+)").matcher(seen);
      while (m.find()) {
        jobs.add(Long.parseLong(m.group(1)));
      }
      Matcher c = Pattern.compile("(/sys/fs/cgroup\\S*/nslab-\\d+-demo)").matcher(seen);
      cgroupDir = c.find() ? c.group(1) : null;
      assertEquals(2, jobs.size(), seen);
      assertTrue(cgroupDir != null, "where is the cgroup? " + seen);
      // The background shell's own child: it is below the job, not nslab's.
      ProcessHandle shell = ProcessHandle.of(jobs.get(1)).orElseThrow();
      List<ProcessHandle> below = shell.children().toList();
      assertEquals(1, below.size(), "sleep 1001 under the job");
      ProcessHandle guardian = ProcessHandle.of(nslab.pid()).orElseThrow().children()
          .filter(h -> h.info().arguments().map(a -> String.join(" ", a)).orElse("")
              .contains("nslab-guardian"))
          .findFirst().orElseThrow(() -> new AssertionError("no guardian"));

      nslab.destroyForcibly(); // SIGKILL: nslab cleans up nothing itself
      assertTrue(nslab.waitFor(WAIT_S, TimeUnit.SECONDS));
      // The guardian ends once it has ended the rest.
      guardian.onExit().get(WAIT_S, TimeUnit.SECONDS);
      for (long pid : jobs) {
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
            "job " + pid + " outlived nslab");
      }
      assertFalse(below.get(0).isAlive(), "the job's child outlived nslab");
      String said = Files.readString(log);
      assertTrue(said.contains("nslab: nslab (pid " + nslab.pid() + ") ended without ending"
          + " what it had started; its guardian ended 3 processes"), said);

      // Its cgroups are still there, empty; the next nslab removes them and says so.
      Path left = Path.of(cgroupDir);
      assertTrue(Files.isDirectory(left), left + " should be left for the next start");
      String next = NslabProcess.run(List.of(), List.of(), "exit\n", WAIT_S);
      String pid = Long.toString(nslab.pid());
      assertTrue(next.matches("(?s).*cgroup: removed nslab-" + pid + "(-demo)?, nslab-" + pid
          + "(-demo)?, left by nslab " + pid + ", which ended without removing them.*"), next);
      assertFalse(Files.exists(left), left + " is still there");
      assertFalse(Files.exists(left.resolveSibling("nslab-" + pid)));
    } finally {
      nslab.destroyForcibly();
      for (long pid : jobs) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      org.nslab.sys.Cgroups.sweepAtStart(); // this JVM's cgroup is the one nslab started in
      Files.deleteIfExists(log);
    }
  }

  /** What the file holds once it holds {@code text} (bounded only against a hung run). */
  private static String until(Path file, String text) throws Exception {
    long end = System.nanoTime() + WAIT_S * 1_000_000_000L;
    while (System.nanoTime() < end) {
      String now = Files.readString(file);
      if (now.contains(text)) {
        return now;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no '" + text.strip() + "' in: " + Files.readString(file));
  }
}
