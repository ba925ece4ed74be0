package org.nslab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTest {
  @TempDir Path dir;

  private static Properties catalogue(String lang) throws IOException {
    String name = "/org/nslab/text/messages" + (lang.equals("en") ? "" : "_" + lang)
        + ".properties";
    Properties p = new Properties();
    try (InputStream in = TextTest.class.getResourceAsStream(name)) {
      assertNotNull(in, name);
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  private static Set<String> keys() {
    return Arrays.stream(Key.values()).map(Key::property).collect(Collectors.toCollection(
        TreeSet::new));
  }

  /** The {N} a pattern uses, choice sub-patterns included. */
  private static Set<Integer> arguments(String pattern) {
    Set<Integer> args = new TreeSet<>();
    Matcher m = Pattern.compile("\\{(\\d+)").matcher(pattern);
    while (m.find()) {
      args.add(Integer.parseInt(m.group(1)));
    }
    return args;
  }

  @Test
  void everyKeyIsInEveryLanguageAndNoOtherKeyIs() throws IOException {
    for (String lang : Text.BUILT_IN) {
      assertEquals(keys(), new TreeSet<>(catalogue(lang).stringPropertyNames()), lang);
    }
  }

  @Test
  void everyTranslationTakesTheSameArgumentsAsTheEnglish() throws IOException {
    Properties en = catalogue("en");
    for (String lang : Text.BUILT_IN) {
      Properties p = catalogue(lang);
      for (String key : keys()) {
        assertEquals(arguments(en.getProperty(key)), arguments(p.getProperty(key)),
            lang + " " + key + ": " + p.getProperty(key));
      }
    }
  }

  @Test
  void everyPatternParsesAndQuotesNothingByAccident() throws IOException {
    for (String lang : Text.BUILT_IN) {
      Properties p = catalogue(lang);
      for (String key : keys()) {
        String pattern = p.getProperty(key);
        new MessageFormat(pattern, Locale.ROOT); // throws on a stray brace
        // A lone ' would start a quoted run and swallow {0}: an apostrophe is written '', and
        // a brace shown as itself (a lab pattern such as {*}) '{' and '}', nothing longer.
        assertFalse(pattern.replace("''", "").replace("'{'", "").replace("'}'", "").contains("'"),
            lang + " " + key + ": " + pattern);
        assertFalse(pattern.isBlank(), lang + " " + key);
      }
    }
  }

  @Test
  void everyKeyIsUsedInTheCode() throws IOException {
    String code;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      code = files.filter(f -> f.toString().endsWith(".java")).map(f -> {
        try {
          return Files.readString(f);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).collect(Collectors.joining("\n"));
    }
    for (Key k : Key.values()) {
      assertTrue(code.contains("Key." + k.name()), "no code says Key." + k.name());
    }
  }

  @Test
  void countsAreSingularAndPluralInEnglish() {
    Text en = Text.english();
    assertEquals("Step 1 passed (1 of 1 point).", en.get(Key.WORKSHOP_PASSED, 1, 1, 1));
    assertEquals("Step 2 passed (3 of 3 points).", en.get(Key.WORKSHOP_PASSED, 2, 3, 3));
    assertEquals("Step 2 passed (0 of 0 points).", en.get(Key.WORKSHOP_PASSED, 2, 0, 0));
    assertEquals("The only hint is out: answer shows the expected commands.",
        en.get(Key.WORKSHOP_HINTS_OUT, 1));
    assertEquals("All 2 hints are out: answer shows the expected commands.",
        en.get(Key.WORKSHOP_HINTS_OUT, 2));
    assertEquals("Lab uts done: 1 of 1 step, 1 hint, 3 min. lab submit writes what you typed"
        + " as a submission.", en.get(Key.WORKSHOP_DONE, "uts", 1, 1, 1, "3 min"));
    assertEquals("0 of 1 check holds (0 of 1 point): fix the rest, then check again (hint"
        + " helps).", en.get(Key.WORKSHOP_NOT_YET, 0, 1, 0, 1));
    assertEquals("lab uts: back at step 2 (1 of 4 steps passed)",
        en.get(Key.WORKSHOP_RESUME, "uts", 2, 1, 4));
  }

  @Test
  void idsAndLineNumbersAreNeverGrouped() {
    String s = Text.english().get(Key.GUARD_REFUSED, "set the hostname", "uts", 4026531838L);
    assertEquals("refusing to set the hostname: the lab task is still in the uts namespace the"
        + " shell started in (uts:[4026531838]), so this would change the real host.\n  Run"
        + " 'unshare uts' first, or add --host if you really mean the host.", s);
    assertTrue(Text.of("ja").get(Key.GRADE_EXIT, 12345).contains("12345 行目"));
  }

  @Test
  void theJvmsLocaleNeverChoosesTheLanguage() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.JAPAN);
      assertEquals("there is no such file", Text.of("en").get(Key.LESSON_OPEN_ENOENT));
      assertEquals("there is no such file", Text.of("ko").get(Key.LESSON_OPEN_ENOENT));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void japaneseAndChineseAreTheirOwn() {
    assertEquals("そのファイルはありません", Text.of("ja").get(Key.LESSON_OPEN_ENOENT));
    assertEquals("没有这个文件", Text.of("zh").get(Key.LESSON_OPEN_ENOENT));
    assertEquals("ホスト名を設定することを拒否します: ラボタスクはまだシェルが起動したときの uts 名前空間"
        + "（uts:[4026531838]）にいるため、本物のホストが変わってしまいます。\n  先に 'unshare uts' を"
        + "実行するか、本当にホストを変えるつもりなら --host を付けてください。",
        Text.of("ja").get(Key.GUARD_REFUSED, Text.of("ja").get(Key.DOING_SET_HOSTNAME), "uts",
            4026531838L));
  }

  @Test
  void aTeachersFileAddsALanguageAndFallsBackToEnglishKeyByKey() throws IOException {
    Files.writeString(dir.resolve("messages_ko.properties"), String.join("\n",
        "# Korean, as a teacher would add it",
        "lesson.open.enoent=그런 파일이 없습니다",
        "doing.set.hostname=호스트 이름 설정",
        "guard.refused={0}을(를) 거부합니다: {1}:[{2}]",
        "workshop.hint={0", // does not parse: the built-in words are used
        ""), StandardCharsets.UTF_8);
    Text ko = Text.of("ko", List.of(dir.resolve("missing"), dir));
    assertEquals("ko", ko.lang());
    assertEquals("그런 파일이 없습니다", ko.get(Key.LESSON_OPEN_ENOENT));
    assertEquals("호스트 이름 설정을(를) 거부합니다: uts:[4026531838]",
        ko.get(Key.GUARD_REFUSED, ko.get(Key.DOING_SET_HOSTNAME), "uts", 4026531838L));
    assertEquals("no such process", ko.get(Key.LESSON_KILL_ESRCH));
    assertEquals("Hint 1 of 2", ko.get(Key.WORKSHOP_HINT, 1, 2));
  }

  @Test
  void aTeachersFileCanRewordABuiltInLanguage() throws IOException {
    Files.writeString(dir.resolve("messages_ja.properties"),
        "lesson.open.enoent=ファイルが見つかりません\n", StandardCharsets.UTF_8);
    Text ja = Text.of("ja", List.of(dir));
    assertEquals("ファイルが見つかりません", ja.get(Key.LESSON_OPEN_ENOENT));
    assertEquals("そのプロセスはありません", ja.get(Key.LESSON_KILL_ESRCH));
  }

  @Test
  void aLanguageCodeNeverNamesAPath() {
    assertEquals("en", Text.of("../../etc/passwd", List.of(Path.of("/"))).lang());
    assertEquals("en", Text.of(null).lang());
  }

  @Test
  void theDirectoriesAreTheOptionThenTheEnvironment() {
    assertEquals(List.of(Path.of("/o"), Path.of("/m"), Path.of("/x/nslab")), Text.dirs("/o",
        Map.of("NSLAB_MESSAGES", "/m", "XDG_CONFIG_HOME", "/x", "HOME", "/h")));
    assertEquals(List.of(Path.of("/h/.config/nslab")), Text.dirs(null, Map.of("HOME", "/h")));
  }
}
