package org.nslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The nslab process's own arguments (nslab, run, grade, demo), parsed as shell words are: the
 * same --opt=value and --opt value, the same "did you mean", and one style of usage error
 * (message, usage lines, where to read more; status 2). None of these starts a session.
 */
class ProgramArgsTest {
  private record Run(int status, String out, String err) {}

  private static Run nslab(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Run(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  /** A usage error: its message first, then the program's usage lines, then --help; exit 2. */
  private static void usageError(String program, String message, String... args) {
    Run r = nslab(args);
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().startsWith(program + ": " + message + "\nUsage: " + program), r.err());
    assertTrue(r.err().endsWith("\nTry '" + program + " --help' for more.\n"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void demoTakesTheLanguageAsTheShellDoesWithOrWithoutAnEqualsSign() {
    for (List<String> lang : List.of(List.of("--lang=ja"), List.of("--lang", "ja"))) {
      List<String> args = new java.util.ArrayList<>(List.of("demo"));
      args.addAll(lang);
      args.add("/nonexistent/lab.md");
      Run r = nslab(args.toArray(String[]::new));
      // Past the options: the lab file is what is wrong.
      assertEquals("nslab demo: /nonexistent/lab.md: no such file\n", r.err(), args.toString());
      assertEquals(2, r.status());
    }
  }

  /** --help and usage errors in the language asked for, --lang given anywhere in the words. */
  @Test
  void helpAndUsageErrorsSpeakTheLanguageAskedFor() {
    Run ja = nslab("demo", "--lang", "ja");
    assertEquals(2, ja.status());
    assertEquals("nslab demo: どのラボですか？\n使い方: nslab demo [--pace MS] [--no-wait]"
        + " [--no-color] [--lang en|ja|zh] [--messages DIR] LAB.md\n"
        + "詳しくは 'nslab demo --help' を実行してください。\n", ja.err());
    Run zh = nslab("grade", "--lang=zh", "lab.md");
    assertTrue(zh.err().startsWith("nslab grade: 哪些提交？\n用法: nslab grade"), zh.err());
    assertTrue(zh.err().endsWith("详情请运行 'nslab grade --help'。\n"), zh.err());
    // nslab run takes no --lang (it replays the labs as written): its help follows the locale.
    for (String program : List.of("", "grade", "demo")) {
      List<String> args = new java.util.ArrayList<>(List.of("--lang", "ja", "--help"));
      if (!program.isEmpty()) {
        args.add(0, program);
      }
      Run help = nslab(args.toArray(String[]::new));
      assertEquals(0, help.status());
      assertTrue(help.out().startsWith("使い方:\n nslab"), help.out());
      assertTrue(help.out().contains("オプション:"), help.out());
    }
    assertTrue(nslab("--lang", "zh", "--help").out().contains("学习 Linux 命名空间的交互式实验"));
    assertTrue(nslab("--help").out().startsWith("Usage:\n nslab ["));
  }

  @Test
  void anUnknownOptionIsSaidAlikeEverywhereWithTheNearestOne() {
    usageError("nslab", "unrecognized option '--lagn' (did you mean --lang?)", "--lagn", "ja");
    usageError("nslab run", "unrecognized option '--updat' (did you mean --update?)", "run",
        "--updat", "x.md");
    usageError("nslab grade", "unrecognized option '--formt' (did you mean --format?)",
        "grade", "--formt=json", "lab.md", "a.txt");
    usageError("nslab demo", "unrecognized option '--pase' (did you mean --pace?)", "demo",
        "--pase", "10", "lab.md");
    usageError("nslab", "invalid option -- 'x'", "-x");
  }

  @Test
  void aMissingOrWrongValueOrArgumentIsAUsageError() {
    usageError("nslab", "option '--lang' needs a LANG", "--lang");
    usageError("nslab", "unexpected argument 'stray'", "stray");
    usageError("nslab run", "which lab?", "run");
    usageError("nslab demo", "which lab?", "demo", "--no-wait");
    usageError("nslab demo", "--pace wants milliseconds (0 to 9999), not 'soon'", "demo",
        "--pace=soon", "lab.md");
    usageError("nslab demo", "unexpected argument 'b.md'", "demo", "a.md", "b.md");
    usageError("nslab grade", "which lab, and which submissions?", "grade");
    usageError("nslab grade", "which submissions?", "grade", "-d", "lab.md");
    usageError("nslab grade", "--jobs wants a positive whole number, not 'many'", "grade",
        "--jobs=many", "lab.md", "a.txt");
    usageError("nslab grade", "--jobs wants a positive whole number, not '0'", "grade", "-j0",
        "lab.md", "a.txt");
    usageError("nslab grade", "--memory wants a size such as 512M or 1G, not 'lots'", "grade",
        "--memory", "lots", "lab.md", "a.txt");
    usageError("nslab grade", "unknown format 'xml' (text, json, junit, tap, gradescope or"
        + " classroom)", "grade", "-f", "xml", "lab.md", "a.txt");
  }

  @Test
  void aValueGoesAfterAnEqualsSignOrInTheNextWord() {
    for (String[] args : List.of(
        new String[] {"grade", "--format=gradescope", "lab.md", "a.txt", "b.txt"},
        new String[] {"grade", "--format", "gradescope", "lab.md", "a.txt", "b.txt"},
        new String[] {"grade", "-fgradescope", "lab.md", "a.txt", "b.txt"},
        new String[] {"grade", "-f", "gradescope", "lab.md", "a.txt", "b.txt"})) {
      usageError("nslab grade", "--format gradescope takes one submission (Gradescope grades"
          + " each in a run of its own); use json or junit for several", args);
    }
  }

  @Test
  void helpIsEachProgramsOwnText() {
    // nslab run takes no --lang (it replays the labs as written): its help follows the locale.
    for (String program : List.of("", "grade", "demo")) {
      for (String help : List.of("--help", "-h")) {
        Run r = program.isEmpty() ? nslab(help) : nslab(program, help);
        assertEquals(0, r.status(), program + " " + help);
        assertTrue(r.out().startsWith("Usage:\n nslab " + program), r.out());
        assertEquals("", r.err());
      }
    }
  }
}
