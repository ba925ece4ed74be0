package org.nslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every lab's front matter is YAML that a real parser (SnakeYAML, as GitHub's page view and
 * site generators read it) takes, and nslab's parser reads the same id, title and requires.
 */
class LabFrontMatterYamlTest {
  @TestFactory
  Stream<DynamicTest> everyLabsFrontMatterIsYamlThatNslabReadsAlike() throws Exception {
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("labs", "src/test/resources/labs")) {
      try (Stream<Path> s = Files.list(Path.of(dir))) {
        s.filter(p -> p.toString().endsWith(".md") && !p.endsWith("README.md")).sorted()
            .forEach(files::add);
      }
    }
    assertTrue(files.size() >= 10, "the labs: " + files);
    return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      List<String> lines = List.of(text.split("\n", -1));
      assertEquals("---", lines.get(0), file + " starts with its front matter");
      int close = lines.subList(1, lines.size()).indexOf("---") + 1;
      assertTrue(close > 0, file + ": no closing ---");
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions()))
          .load(String.join("\n", lines.subList(1, close)));
      Map<?, ?> yaml = assertInstanceOf(Map.class, doc, file + ": front matter is a mapping");
      Lab lab = LabParser.parse(file);
      assertEquals(yaml.get("id"), lab.id(), file + ": id");
      assertEquals(yaml.get("title"), lab.title(), file + ": title");
      List<String> requires = Arrays.stream(String.valueOf(yaml.get("requires")).split(","))
          .map(r -> r.strip().toLowerCase(Locale.ROOT)).filter(r -> !r.isEmpty()).toList();
      assertEquals(requires, lab.requires(), file + ": requires");
    }));
  }
}
