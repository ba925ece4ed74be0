package org.nslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every lab speaks English, Japanese and Chinese all through: a step, hint or check added in
 * English only, or a translation whose pieces no longer stand where the English ones do,
 * fails here rather than in front of a class.
 */
class LabLanguagesTest {
  private static final List<String> LANGS = List.of("ja", "zh");
  private static final java.util.Map<String, String> TASK = java.util.Map.of(
      "en", "**Task:**", "ja", "**課題：**", "zh", "**任务：**");

  @TestFactory
  Stream<DynamicTest> everyLabIsWholeInEveryLanguage() throws Exception {
    List<Path> labs;
    try (Stream<Path> s = Files.list(Path.of("labs"))) {
      labs = s.filter(p -> p.toString().endsWith(".md") && !p.endsWith("README.md")).sorted()
          .toList();
    }
    return labs.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
      Lab lab = LabParser.parse(file);
      assertEquals(List.of("en", "ja", "zh"), lab.languages());
      for (String lang : LANGS) {
        assertNotEquals(lab.title(), lab.title(lang), lang + ": the lab's title");
        assertNotEquals(lab.intro(), lab.intro(lang), lang + ": the lab's introduction");
        for (Step step : lab.steps()) {
          String where = file + " " + lang + " line " + step.line() + " (" + step.title() + ")";
          assertNotEquals(step.title(), step.title(lang), where + ": the step's title");
          assertTrue(step.prose().startsWith(TASK.get("en")), where + ": no Task line");
          assertTrue(step.prose(lang).startsWith(TASK.get(lang)), where + ": no translated task");
          assertEquals(step.hints().size(), step.hints(lang).size(), where + ": hints");
          List<Step.Part> en = step.parts();
          List<Step.Part> tr = step.parts(lang);
          for (int k = 0; k < en.size(); k++) {
            assertEquals(en.get(k).prose().isBlank(), tr.get(k).prose().isBlank(),
                where + ": piece " + k + " of the prose (after " + k + " nslab blocks)");
          }
          for (Check c : step.checks()) {
            assertNotEquals(c.message("en"), c.message(lang),
                where + ": the message of the check on line " + c.line());
          }
        }
      }
    }));
  }
}
