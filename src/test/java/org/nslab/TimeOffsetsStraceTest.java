package org.nslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.sys.LabTask;

/** unshare time --monotonic --boottime writes both offsets in one write(2): strace sees it. */
@Tag("kernel")
class TimeOffsetsStraceTest {
  private static final Pattern OPEN = Pattern.compile(
      "(?m)^openat\\(\\d+, \"timens_offsets\", O_WRONLY\\|O_CLOEXEC\\) = (\\d+)$");

  @Test
  void allOffsetsGoToTheLabTasksOwnFileInOneWrite(@TempDir Path dir) throws Exception {
    Root.assume("it makes a time namespace");
    assumeTrue(LabTask.spawnsAfterUnshareTime(), "this kernel starts no child after unshare time");
    assumeTrue(new ProcessBuilder("strace", "-V").start().waitFor() == 0, "needs strace");
    // -ff: a file per thread, so that no call of the lab task is split by another thread's.
    String out = NslabProcess.run(
        List.of("strace", "-ff", "--seccomp-bpf", "-qq", "-s", "200", "-e", "signal=none",
            "-e", "trace=openat,write", "-o", dir.resolve("t").toString()),
        List.of(), "unshare time --monotonic 3600 --boottime 864000\n"
            + "spawn cat /proc/self/timens_offsets\n", 120);
    assertTrue(out.endsWith("exit 0"), out);
    List<String> writers = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String trace = Files.readString(f);
        Matcher open = OPEN.matcher(trace);
        if (!open.find()) {
          continue;
        }
        // The thread that opened it for writing: the lab task, opening relative to the fd on
        // /proc/TID it opened at start, and writing every line at once.
        String tid = f.getFileName().toString().substring(2);
        writers.add(tid);
        assertTrue(out.contains("to /proc/" + tid + "/timens_offsets"), out);
        List<String> writes = trace.lines()
            .filter(l -> l.startsWith("write(" + open.group(1) + ",")).toList();
        assertEquals(List.of("write(" + open.group(1)
            + ", \"monotonic 3600 0\\nboottime 864000 0\\n\", 35) = 35"), writes, trace);
      }
    }
    assertEquals(1, writers.size(), "threads that opened timens_offsets to write: " + writers);
    assertTrue(out.contains("monotonic        3600         0\nboottime       864000         0"),
        out);
  }
}
