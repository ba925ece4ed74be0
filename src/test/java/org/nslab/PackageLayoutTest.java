package org.nslab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages' jobs, and the one way their dependencies go (README, "Design"):
 * ns ← sys ← cmd ← {lab, shell}; lab ← replay ← {grade, workshop} ← cli ← Main. text is
 * below them all. A package may use only those listed for it here; a new dependency is a
 * design decision, made here on purpose, not by an import that slipped in.
 */
class PackageLayoutTest {
  private static final Map<String, Set<String>> MAY_USE = Map.of(
      "ns", Set.of(),
      "text", Set.of(),
      "sys", Set.of("ns", "text"),
      "cmd", Set.of("ns", "sys", "text"),
      "shell", Set.of("ns", "sys", "cmd", "text"),
      // The lab format only: what a lab file says, never a syscall.
      "lab", Set.of("ns", "cmd", "text"),
      "replay", Set.of("ns", "sys", "cmd", "text", "lab"),
      "grade", Set.of("ns", "sys", "cmd", "text", "lab", "replay"),
      "workshop", Set.of("ns", "sys", "cmd", "text", "lab", "replay", "shell"),
      "cli", Set.of("ns", "sys", "cmd", "text", "lab", "replay", "grade", "workshop", "shell"));
  private static final Pattern USE = Pattern.compile("\\borg\\.nslab\\.([a-z]+)\\.");
  private static final Path MAIN = Path.of("src/main/java/org/nslab");

  @Test
  void everyPackageUsesOnlyThePackagesBelowIt() throws IOException {
    Set<String> wrong = new TreeSet<>();
    for (Path f : sources()) {
      String pkg = MAIN.relativize(f).getNameCount() == 1 ? "" : MAIN.relativize(f).getName(0)
          .toString();
      if (pkg.isEmpty()) {
        continue; // Main: the top, it may use everything
      }
      Set<String> allowed = MAY_USE.get(pkg);
      if (allowed == null) {
        wrong.add(pkg + ": a new package; give it a row in MAY_USE and in README's design");
        continue;
      }
      Matcher m = USE.matcher(Files.readString(f));
      while (m.find()) {
        String used = m.group(1);
        if (!used.equals(pkg) && !allowed.contains(used)) {
          wrong.add(MAIN.relativize(f) + " uses org.nslab." + used);
        }
      }
    }
    assertEquals(Set.of(), wrong);
  }

  @Test
  void everyPackageHasARow() throws IOException {
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> s = Files.list(MAIN)) {
      s.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
    }
    assertEquals(new TreeSet<>(MAY_USE.keySet()), packages);
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> s = Files.walk(MAIN)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }
}
