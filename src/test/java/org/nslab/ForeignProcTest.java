package org.nslab;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * nslab where /proc is not its own: under unshare --pid --fork without --mount-proc (a /proc
 * of the outer PID namespace, numbering every process otherwise than getpid() does), and under
 * --mount-proc (a proc stacked on the outer one), wrapped in timeout as CI wrappers do.
 */
@Tag("kernel")
class ForeignProcTest {
  @Test
  void nslabStartsAndWorksWithAProcOfAnotherPidNamespace() throws Exception {
    String out = nslab(List.of("unshare", "--pid", "--fork", "--"), List.of(),
        "ns self\nunshare uts\nhostname foreign\nspawn hostname\n"
            + "spawn sh -c 'sleep 30 >/dev/null 2>&1 &'\nns self\n"
            + "unshare time --boottime 864000\nspawn grep boottime /proc/self/timens_offsets\n");
    assertTrue(out.contains("lab task (pid "), out);
    assertTrue(out.contains("\nforeign\n"), out);
    // /proc/TID in that /proc's own numbering: the lab task's offsets reach its children.
    assertTrue(out.contains("\nboottime       864000         0\n"), out);
    assertTrue(out.endsWith("exit 0"), out);
  }

  @Test
  void everyLabReplaysUnderAStackedProcInTimeout() throws Exception {
    new ProcessBuilder("scripts/mkrootfs").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    List<String> labs = new ArrayList<>(List.of("run"));
    try (Stream<Path> s = Files.list(Path.of("labs"))) {
      s.map(Path::toString).filter(p -> p.endsWith(".md") && !p.endsWith("README.md")).sorted()
          .forEach(labs::add);
    }
    String out = nslab(List.of("timeout", "300", "unshare", "--pid", "--fork", "--mount-proc",
        "--"), labs, "");
    assertTrue(out.endsWith("exit 0"), out);
    assertTrue(out.lines().filter(l -> l.startsWith("PASS ")).count() == labs.size() - 1, out);
  }

  @Test
  void anNslabInAnotherPidNamespaceLeavesTheCgroupsItCannotJudgeAlone() throws Exception {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(/sys/fs/cgroup\\S*/pids\\S*)/nslab-\\d+-probe")
        .matcher(nslab(List.of(), List.of(), "cgroup create probe\ncgroup delete probe\n"));
    assumeTrue(m.find(), "no pids hierarchy of nslab's own");
    // A live nslab's cgroup, as one in another PID namespace sees it: its pid means nothing
    // there (here, a pid that has ended), and its processes show as 0 in cgroup.procs.
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path busy = Files.createDirectory(Path.of(m.group(1), "nslab-" + gone.pid() + "-busy"));
    Path idle = Files.createDirectory(Path.of(m.group(1), "nslab-" + gone.pid() + "-idle"));
    Process job = new ProcessBuilder("sleep", "300").start();
    try {
      Files.writeString(busy.resolve("cgroup.procs"), Long.toString(job.pid()));
      String out = nslab(List.of("unshare", "--pid", "--fork", "--"), List.of(),
          "cgroup create y\ncgroup delete y\n");
      assertTrue(!out.contains("removed nslab-" + gone.pid()), out);
      assertTrue(Files.isDirectory(busy) && job.isAlive(), out);
      assertTrue(Files.isDirectory(idle), "an empty cgroup of a live nslab was removed: " + out);
    } finally {
      job.destroyForcibly().waitFor();
      Files.deleteIfExists(busy);
      Files.deleteIfExists(idle);
    }
  }

  private static String nslab(List<String> prefix, List<String> args, String input)
      throws Exception {
    Root.assume("it makes a PID namespace");
    return NslabProcess.run(prefix, args, input, 320);
  }
}
