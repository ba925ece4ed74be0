package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nslab.text.Key;

/** Every errno lesson has a kernel case in LessonsKernelTest, or a reason it has none here. */
class LessonsCoverageTest {
  @Test
  void everyLessonHasACase() {
    Set<String> lessons = new TreeSet<>();
    for (Key k : Key.values()) {
      if (k.name().startsWith("LESSON_")) {
        lessons.add(k.name());
      }
    }
    Set<String> covered = new TreeSet<>();
    LessonsKernelTest.cases().forEach(c -> covered.add(c.lesson().name()));
    LessonsKernelTest.NOT_PROVOKED_HERE.keySet().forEach(k -> covered.add(k.name()));
    assertEquals(lessons, covered,
        "a lesson needs a case in LessonsKernelTest, or a reason in NOT_PROVOKED_HERE");
  }
}
