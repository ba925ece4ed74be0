package org.nslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.replay.Checks;
import org.nslab.text.Text;

/** A check in words: every kind, held or asked for, in English, Japanese and Chinese. */
class CheckWordsTest {
  private static final List<String> EVERY_KIND = List.of(
      "ns uts changed", "ns only uts,net changed", "ns ipc is point q",
      "ns ipc differs from point q", "ns pid dead", "hostname is demo",
      "hostname is not demo", "outside hostname is demo", "mounted /proc",
      "outside mounted /proc", "file /etc/os-release exists", "outside file /tmp/x exists",
      "queues 1", "outside queues 0", "cgroup demo exists", "cgroup demo joined",
      "cgroup demo limited", "spawn sh -c 'if grep -q demo /proc/self/cgroup; then echo in"
          + " demo; fi' prints in demo");

  @Test
  void everyKindIsSaidInWordsInEveryLanguage() {
    for (String e : EVERY_KIND) {
      for (boolean negated : new boolean[] {false, true}) {
        Check c = new Check(1, 1, negated, e, "");
        String en = Checks.describe(c, Text.of("en"));
        assertFalse(en.contains("%"), en);
        assertFalse(en.startsWith("not ") || en.contains("spawn sh"), "not the syntax: " + en);
        for (String lang : List.of("ja", "zh")) {
          String t = Checks.describe(c, Text.of(lang));
          assertNotEquals(en, t, e + " has no " + lang + " words");
          assertFalse(t.contains("%"), t);
        }
      }
    }
  }

  @Test
  void aNegatedCheckIsSaidAsTheStateItAsksFor() {
    Text en = Text.of("en");
    assertEquals("the machine's hostname is not container1",
        Checks.describe(new Check(1, 2, true, "outside hostname is container1", ""), en));
    assertEquals("the lab task's pid namespace is a new one",
        Checks.describe(new Check(1, 2, false, "ns pid changed", ""), en));
    assertEquals("a child started now prints \u201cin demo\u201d",
        Checks.describe(new Check(1, 2, false, "spawn sh -c 'echo in demo' prints in demo", ""),
            en));
    assertTrue(Checks.describe(new Check(1, 2, false, "ns uts changed", ""), Text.of("ja"))
        .contains("uts"));
  }

  @Test
  void aHeldSpawnCheckIsSaidAsTheStepsAskNotAsItsProbe() {
    Check spawn = new Check(1, 2, false,
        "spawn sh -c 'test $PPID = 0 && echo joined' prints joined", "");
    String en = Checks.held(spawn, Text.of("en"));
    assertEquals("a child started now shows what this step asks for", en);
    for (String lang : List.of("ja", "zh")) {
      String held = Checks.held(spawn, Text.of(lang));
      assertNotEquals(en, held, "spawn's held words have no " + lang);
      assertFalse(held.contains("joined") || held.contains("test "), lang + ": " + held);
    }
    Check ns = new Check(1, 2, false, "ns uts changed", "");
    assertEquals(Checks.describe(ns, Text.of("zh")), Checks.held(ns, Text.of("zh")));
  }
}
