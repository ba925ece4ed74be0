package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.nslab.Root;

/**
 * Golden transcripts: each file in src/test/resources/transcripts is a session. "> line" is
 * typed; the lines after it are what it must print (stderr lines start with "! ", a non-zero
 * status is "[N]"). Namespace ids, pids and the machine's hostname vary, so they are written
 * {ns}, {pid}, {key} (IPC keys), {host}, {top} (the project) and {cgroups}. "# requires: root" skips a file without root, "# requires: rootfs" without a root filesystem
 * from scripts/mkrootfs. Run with
 * -Dnslab.update=true to rewrite the files from what nslab prints now.
 */
@Tag("kernel")
class TranscriptTest {
  private static final Path DIR = Path.of("src/test/resources/transcripts");

  @TestFactory
  Stream<DynamicTest> transcripts() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.stream().anyMatch(l -> l.equals("# requires: root"))) {
      Root.assume(file.getFileName() + " unshares");
    }
    if (lines.stream().anyMatch(l -> l.equals("# requires: rootfs"))) {
      Process p = new ProcessBuilder("scripts/mkrootfs", "target/test-rootfs")
          .redirectErrorStream(true).start();
      String why = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assumeTrue(p.waitFor() == 0, file.getFileName() + " needs scripts/mkrootfs: " + why);
    }
    StringBuilder actual = new StringBuilder();
    String host = LabSession.outsideHostname();
    try (LabSession lab = new LabSession()) {
      for (String line : lines) {
        if (line.startsWith("#")) {
          actual.append(line).append('\n');
        } else if (line.startsWith("> ")) {
          actual.append(line).append('\n');
          LabSession.Result r = lab.run(line.substring(2));
          actual.append(normalize(r.out(), "", host, lab));
          actual.append(normalize(r.err(), "! ", host, lab));
          if (r.status() != 0) {
            actual.append('[').append(r.status()).append("]\n");
          }
        }
      }
    }
    String expected = String.join("\n", lines) + "\n";
    if (Boolean.getBoolean("nslab.update")) {
      Files.writeString(file, actual.toString(), StandardCharsets.UTF_8);
      return;
    }
    assertEquals(expected, actual.toString(), file + " (rerun with -Dnslab.update=true to accept)");
  }

  static String normalize(String text, String prefix, String host, LabSession lab) {
    if (text.isEmpty()) {
      return "";
    }
    String t =
        text.replaceAll("\\b4026\\d{6}\\b", "{ns}")
            .replaceAll("\\(pid \\d+, thread \\d+\\)", "(pid {pid}, thread {pid})")
            .replaceAll("host pid \\d+", "host pid {pid}")
            .replaceAll("\\b0x[0-9a-f]{8}\\b", "{key}")
            .replace(Path.of("").toAbsolutePath().toString(), "{top}")
            .replaceAll("(/sys/fs/cgroup/\\S+ ?)+", "{cgroups}");
    if (!host.isEmpty()) {
      t = t.replaceAll("\\b" + java.util.regex.Pattern.quote(host) + "\\b", "{host}");
    }
    List<String> out = new ArrayList<>();
    for (String l : t.split("\n", -1)) {
      out.add(prefix + l);
    }
    if (text.endsWith("\n")) {
      out.remove(out.size() - 1);
    }
    return String.join("\n", out) + "\n";
  }
}
