package org.nslab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tests' own rules: a test that needs root asks {@link Root} and no one else, and its
 * class is tagged kernel (so {@code -DexcludedGroups=kernel} runs exactly the others).
 */
class TestLayoutTest {
  /** The other ways "am I root?" was asked here, each now Root's alone. */
  private static final Pattern ASKS_FOR_ROOT = Pattern.compile(
      "statusId\\(\"Uid\"\\)|geteuid\\(|getUid\\(|missing\\(List\\.of\\(\"root\"\\)\\)");
  private static final Pattern NEEDS_ROOT = Pattern.compile("\\bRoot\\.assume\\(");
  private static final String TAG = "@Tag(\"kernel\")";

  private static List<Path> testFiles() throws IOException {
    try (Stream<Path> s = Files.walk(Path.of("src/test/java"))) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  @Test
  void onlyRootAsksWhetherTheTestsRunAsRoot() throws IOException {
    Set<String> asking = new TreeSet<>();
    for (Path f : testFiles()) {
      if (!f.endsWith("Root.java") && !f.endsWith("TestLayoutTest.java")
          && ASKS_FOR_ROOT.matcher(Files.readString(f)).find()) {
        asking.add(f.toString());
      }
    }
    assertEquals(Set.of(), asking, "ask Root.here() or Root.assume(why) instead");
  }

  @Test
  void everyTestThatNeedsRootIsTaggedKernel() throws IOException {
    Set<String> untagged = new TreeSet<>();
    for (Path f : testFiles()) {
      String text = Files.readString(f);
      boolean kernel = NEEDS_ROOT.matcher(text).find()
          || f.getFileName().toString().endsWith("KernelTest.java");
      if (kernel && !f.endsWith("Root.java") && !f.endsWith("TestLayoutTest.java")
          && !text.contains(TAG)) {
        untagged.add(f.toString());
      }
    }
    assertEquals(Set.of(), untagged, "tag these " + TAG);
  }
}
