package org.nslab.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.cmd.Paint;
import org.nslab.lab.Check;
import org.nslab.lab.Entry;
import org.nslab.lab.Lab;
import org.nslab.lab.LabParser;
import org.nslab.lab.LabSyntaxException;
import org.nslab.lab.Step;
import org.nslab.text.Text;

/** The workshop's pure parts: terminal text, languages, progress files, the room table. */
class WorkshopTest {
  @TempDir Path dir;

  @Test
  void markdownIsRenderedAndWrappedToTheWidth() {
    List<String> lines = TermText.render("""
        # Title

        A **bold** word and `unshare uts`, with [a link](https://example.org) and a
        second source line that joins the first.

        - one item that is long enough to wrap onto a second line, indented
        - two

        ```sh
        a code block that is never wrapped, however long its line is, really never
        ```
        <!-- requires: root -->
        <details><summary>Hint</summary>
        """, 40, Paint.NONE);
    assertEquals(List.of(
        "Title",
        "=====",
        "",
        "A bold word and unshare uts, with a link",
        "(https://example.org) and a second",
        "source line that joins the first.",
        "",
        "  • one item that is long enough to wrap",
        "    onto a second line, indented",
        "  • two",
        "",
        "    a code block that is never wrapped, however long its line is, really never"),
        lines);
  }

  @Test
  void inlineCodeIsNeverBrokenAndIsPainted() {
    Paint brackets = (tone, text) -> tone == Paint.Tone.CHANGED ? "[" + text + "]" : text;
    // Painting adds no width: "[umount -l /proc] now" is 19 columns on the screen.
    assertEquals(List.of("run this:", "[umount -l /proc] now"),
        TermText.render("run this: `umount -l /proc` now", 20, brackets));
  }

  @Test
  void japaneseWrapsInColumnsAndKeepsPunctuationWithItsWord() {
    // 10 columns: five wide characters a line.
    assertEquals(List.of("あいうえお", "かきくけこ"), TermText.render("あいうえおかきくけこ", 10, Paint.NONE));
    // A closing mark never starts a line: the character before goes down with it (oidashi).
    assertEquals(List.of("あいうえ", "お。かき"), TermText.render("あいうえお。かき", 10, Paint.NONE));
    // An opening bracket never ends a line: it goes down with what it opens.
    assertEquals(List.of("あいうえ", "（かき）"), TermText.render("あいうえ（かき）", 10, Paint.NONE));
    // Source lines of a Japanese paragraph join without a space; Latin words keep theirs.
    assertEquals(List.of("名前空間とmount"), TermText.render("名前空間と\nmount", 40, Paint.NONE));
    assertEquals(4, TermText.width("ab名"));
  }

  @Test
  void punctuationAfterCodeIsNeverParted() {
    // At 22 columns the ")," would start the second line on its own.
    assertEquals(List.of("first run", "(cgroup create), then"),
        TermText.render("first run (`cgroup create`), then", 22, Paint.NONE));
    for (int w = 12; w < 40; w++) {
      for (String line : TermText.render("Use a child (`spawn rm`). Then (`ip -4 addr`).", w,
          Paint.NONE)) {
        assertTrue(!line.startsWith(")") && !line.startsWith("."), w + ": " + line);
        assertTrue(!line.endsWith("("), w + ": " + line);
      }
    }
    // Japanese after a full-width colon takes no blank, though Markdown needs one there.
    assertEquals(List.of("課題：ホスト名を確認"), TermText.render("**課題：** ホスト名を確認", 40,
        Paint.NONE));
  }

  @Test
  void labsCarryOtherLanguagesAndFallBackToEnglish() throws Exception {
    Lab lab = LabParser.parse("t.md", """
        # A lab

        English intro.

        <div lang="ja">

        # 日本語のラボ

        日本語の紹介。

        </div>

        ## Step 1: first

        <div lang="ja">

        ### ステップ1：最初

        日本語の本文。

        </div>

        English prose.

        ```nslab
        > hostname
        ```

        <details><summary>Hint</summary>

        An English hint.

        </details>

        <details lang="ja"><summary>ヒント</summary>

        日本語のヒント。

        </details>

        ## Step 2: second

        Only English here.
        """);
    assertEquals(List.of("en", "ja"), lab.languages());
    assertEquals("日本語のラボ", lab.title("ja"));
    assertEquals("日本語の紹介。", lab.intro("ja"));
    assertEquals("A lab", lab.title("zh"));
    Step one = lab.steps().get(0);
    assertEquals("ステップ1：最初", one.title("ja"));
    assertEquals("日本語の本文。", one.prose("ja"));
    assertEquals("English prose.", one.prose("en"));
    assertEquals(List.of("日本語のヒント。"), one.hints("ja"));
    assertEquals(List.of("An English hint."), one.hints("en"));
    assertEquals(1, one.entries().size(), "the command is there once, for every language");
    // For a demo, the step in file order: the prose before its block, then the rest.
    assertEquals(2, one.parts().size());
    assertEquals("English prose.", one.parts().get(0).prose());
    assertEquals(List.of("hostname"), one.parts().get(0).entries().stream()
        .map(Entry::command).toList());
    assertEquals("", one.parts().get(1).prose());
    Step two = lab.steps().get(1);
    assertEquals("Step 2: second", two.title("ja"));
    assertEquals("Only English here.", two.prose("ja"));
  }

  @Test
  void aTranslationInPiecesKeepsTheStepsOrderForADemo() throws Exception {
    Lab lab = LabParser.parse("t.md", """
        ## Step 1: first

        <div lang="ja">

        ### ステップ1

        打つ前に。

        </div>

        Before.

        ```nslab
        > hostname
        ```

        <div lang="ja">

        出力について。

        </div>

        About the output.

        ## Step 2: second

        <div lang="ja">

        全部ここに。後の話も。

        </div>

        Before.

        ```nslab
        > hostname
        ```

        After.
        """);
    Step one = lab.steps().get(0);
    // The workshop shows the step's whole text: the pieces, joined.
    assertEquals("打つ前に。\n\n出力について。", one.prose("ja"));
    assertEquals("ステップ1", one.title("ja"));
    List<Step.Part> ja = one.parts("ja");
    assertEquals(List.of("打つ前に。", "出力について。"), ja.stream().map(Step.Part::prose).toList());
    assertEquals(List.of("hostname"), ja.get(0).entries().stream().map(Entry::command).toList());
    assertEquals(List.of(), ja.get(1).entries());
    assertEquals(List.of("Before.", "About the output."),
        one.parts("en").stream().map(Step.Part::prose).toList());
    // One block before the commands: all of it comes first, and no English after them.
    assertEquals(List.of("全部ここに。後の話も。", ""),
        lab.steps().get(1).parts("ja").stream().map(Step.Part::prose).toList());
    assertEquals(List.of("Before.", "After."),
        lab.steps().get(1).parts("zh").stream().map(Step.Part::prose).toList());
  }

  @Test
  void aLabWithoutTheChosenLanguageSaysSoInThatLanguage() throws Exception {
    Lab lab = LabParser.parse("ipc.md", "# IPC\n\n## Step 1\n\nEnglish only.\n");
    assertEquals(null, Msg.noLanguage(lab, "en"));
    assertEquals("ラボ ipc には日本語（ja）の本文がありません（あるのは en）。英語で表示します。",
        Msg.noLanguage(lab, "ja"));
    assertEquals("lab ipc has no jp text (it has: en): shown in English",
        Msg.noLanguage(lab, "jp"));
    Lab uts = LabParser.parse(Path.of("labs/uts.md"));
    assertEquals(null, Msg.noLanguage(uts, "ja"));
    assertEquals(null, Msg.noLanguage(uts, "zh"));
  }

  @Test
  void aChecksMessageCanBeTranslatedUnderIt() throws Exception {
    Lab lab = LabParser.parse("t.md", """
        ## Step 1

        ```check
        2 ns uts changed | run unshare uts first
            [ja] 先に unshare uts を実行してください
        1 hostname is demo | not demo yet
        ```
        """);
    List<Check> checks = lab.steps().get(0).checks();
    assertEquals(2, checks.size());
    assertEquals("先に unshare uts を実行してください", checks.get(0).message("ja"));
    assertEquals("run unshare uts first", checks.get(0).message("zh"));
    assertEquals("not demo yet", checks.get(1).message("ja"));
    LabSyntaxException e = assertThrows(LabSyntaxException.class, () -> LabParser.parse("t.md",
        "## Step 1\n\n```check\n[ja] 先に\n```\n"));
    assertTrue(e.getMessage().startsWith("t.md:4: a translated message before any check"),
        e.getMessage());
  }

  @Test
  void aCommandBlockInsideALanguageBlockIsAnError() {
    LabSyntaxException e = assertThrows(LabSyntaxException.class, () -> LabParser.parse("t.md",
        "## Step 1\n\n<div lang=\"ja\">\n\n```nslab\n> hostname\n```\n\n</div>\n"));
    assertTrue(e.getMessage().startsWith("t.md:5: an nslab block inside <div lang=\"ja\">"),
        e.getMessage());
  }

  @Test
  void theLanguageComesFromTheOptionThenTheLocale() {
    assertEquals("ja", Text.language("ja", Map.of("LANG", "zh_CN.UTF-8")));
    assertEquals("zh", Text.language(null, Map.of("LANG", "zh_CN.UTF-8")));
    assertEquals("ja", Text.language(null, Map.of("LC_ALL", "ja_JP.UTF-8", "LANG", "C")));
    assertEquals("en", Text.language(null, Map.of("LANG", "C.UTF-8")));
    assertEquals("en", Text.language(null, Map.of()));
  }

  @Test
  void progressSurvivesASaveAndALoad() throws Exception {
    Path file = dir.resolve("state/progress.json");
    Progress p = Progress.load(file);
    Progress.LabState s = p.lab("uts");
    s.step = 3;
    s.step(1).passed = 100;
    s.step(1).hints = 1;
    s.step(2).answer = true;
    s.step(2).seconds = 75;
    s.commands.add(new Progress.Typed(2, "hostname \"quoted\" name"));
    p.save();
    Progress q = Progress.load(file);
    Progress.LabState r = q.labs().get("uts");
    assertEquals(3, r.step);
    assertEquals(1, r.passed());
    assertEquals(1, r.hints());
    assertTrue(r.steps.get(2).answer);
    assertEquals(75, r.seconds());
    assertEquals(List.of(new Progress.Typed(2, "hostname \"quoted\" name")), r.commands);
    assertEquals(p.toJson(), q.toJson());
    assertTrue(Files.notExists(dir.resolve("state/progress.json.new")), "no temporary left");
  }

  @Test
  void progressIsPerStudentEvenUnderSudo() {
    assertEquals(Path.of("/s/progress.json"),
        Progress.defaultFile(Map.of("NSLAB_STATE_DIR", "/s", "HOME", "/root")));
    assertEquals(Path.of("/x/nslab/progress.json"),
        Progress.defaultFile(Map.of("XDG_STATE_HOME", "/x", "HOME", "/root")));
    assertEquals(Path.of("/root/.local/state/nslab/progress.json"),
        Progress.defaultFile(Map.of("HOME", "/root", "SUDO_USER", "root")));
    // sudo from nobody: nobody's home in /etc/passwd, not root's.
    assertEquals(Path.of("/nonexistent/.local/state/nslab/progress.json"),
        Progress.defaultFile(Map.of("HOME", "/root", "SUDO_USER", "nobody")));
  }

  @Test
  void aDamagedProgressFileIsNeverOverwritten() throws Exception {
    Path file = dir.resolve("progress.json");
    Files.writeString(file, "{not json");
    Exception e = assertThrows(java.io.IOException.class, () -> Progress.load(file));
    assertTrue(e.getMessage().contains("move it away to start afresh"), e.getMessage());
    assertEquals("{not json", Files.readString(file));
  }

  @Test
  void checkAllShowsWhichStepEachStudentIsOn() throws Exception {
    Path room = Files.createDirectories(dir.resolve("room"));
    for (String who : List.of("bob", "alice")) {
      Progress p = Progress.load(room.resolve(who + ".json"));
      Progress.LabState s = p.lab("uts");
      s.step = who.equals("alice") ? 4 : 2;
      for (int i = 1; i < s.step; i++) {
        s.step(i).passed = 1;
      }
      if (who.equals("alice")) {
        s.step(4).passed = 1;
        s.step(2).hints = 1;
        s.step(2).answer = true;
        s.step(2).seconds = 125;
      }
      p.save();
    }
    Files.writeString(room.resolve("broken.json"), "[]");
    String table = Room.table(room, List.of(Path.of("labs/uts.md")));
    String[] lines = table.split("\n");
    assertEquals("LAB  STUDENT  STEP  PASSED    HINTS  ANSWERS  TIME  LAST", lines[0]);
    assertTrue(lines[1].matches("uts  alice    4/4   4/4 done  1      1        2m    now"), lines[1]);
    assertTrue(lines[2].matches("uts  bob      2/4   1/4       0      0        0s    now"), lines[2]);
    assertTrue(lines[3].startsWith("lab check-all: ") && lines[3].contains("broken.json"),
        lines[3]);
  }
}
