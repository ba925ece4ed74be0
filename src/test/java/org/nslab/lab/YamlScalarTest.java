package org.nslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Front matter values read as YAML reads them, and written so that YAML reads them back. */
class YamlScalarTest {
  private static Object snake(String doc) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(doc);
  }

  @Test
  void readsPlainSingleAndDoubleQuotedValuesAsSnakeYamlDoes() {
    for (String v : List.of(
        " plain words", " C# and F#", " a plain value  # with a comment", " 'it''s: quoted'",
        " \"PID 1: init\"", " \"tab\\there, \\\"quotes\\\", \\\\ and \\u00e9\\x41\" # comment",
        " 'single \\n stays'", " \"\\U0001F600 \\e\"", " ", " # only a comment",
        " 日本語のタイトル：名前", " url:like-this")) {
      Object expected = snake("k:" + v);
      Object value = ((Map<?, ?>) expected).get("k");
      assertEquals(value == null ? "" : value, YamlScalar.parse(v), v);
    }
  }

  @Test
  void refusesWhatYamlRefusesOrReadsAsSomethingElseAndSaysHowToQuote() {
    assertEquals("'Limits: cgroups' has a colon that YAML reads as the start of another KEY:"
        + " VALUE: put the value in double quotes (\"Limits: cgroups\")",
        assertThrows(IllegalArgumentException.class,
            () -> YamlScalar.parse(" Limits: cgroups")).getMessage());
    assertEquals("YAML needs a space after the colon ('KEY: VALUE')",
        assertThrows(IllegalArgumentException.class, () -> YamlScalar.parse("uts")).getMessage());
    for (String bad : List.of(" ends with:", " \"open", " 'open", " \"a\" b", " [root, rootfs]",
        " - root", " *alias", " \"\\q\"", " \"\\u12\"", " 'a'#x", " \"\\/\"")) {
      assertThrows(IllegalArgumentException.class, () -> YamlScalar.parse(bad), bad);
    }
  }

  @Test
  void quotesOnlyWhatNeedsItAndEveryParserReadsItBack() {
    assertEquals("demo", YamlScalar.quote("demo"));
    assertEquals("my-lab_2.v1", YamlScalar.quote("my-lab_2.v1"));
    assertEquals("\"yes\"", YamlScalar.quote("yes"));
    assertEquals("\"Recorded: demo\"", YamlScalar.quote("Recorded: demo"));
    for (String s : List.of("Recorded: a: b", "null", "123", "-x", "# not a comment", "it's",
        "back\\slash \"quoted\"", "tab\tnew\nline", "esc\u001b del\u007f c1\u0085", " spaces ",
        "emoji \ud83d\ude00", "", "日本語: タイトル", "[x]")) {
      String q = YamlScalar.quote(s);
      assertEquals(s, YamlScalar.parse(" " + q), q);
      assertEquals(s, ((Map<?, ?>) snake("title: " + q)).get("title"), q);
    }
    String lone = YamlScalar.quote("lone \ud800 U+FFFE \ufffe");
    assertEquals("lone \ufffd U+FFFE \ufffd", YamlScalar.parse(" " + lone));
    assertTrue(snake("title: " + lone) instanceof Map);
  }
}
