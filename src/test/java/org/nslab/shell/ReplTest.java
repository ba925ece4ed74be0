package org.nslab.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.cmd.Registry;

/** The REPL over JLine's dumb terminal with piped streams, and its completion. */
class ReplTest {
  private static String repl(String input, Path history) throws Exception {
    return repl(input, history, new ShellOptions(false, false));
  }

  private static String repl(String input, Path history, ShellOptions options)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Terminal t =
        new DumbTerminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out)) {
      int status =
          Shell.repl(
              org.nslab.cmd.Session.startTask(false), t, options,
              Map.of("NSLAB_HISTORY", history.toString(), "PATH", "/usr/bin:/bin"), null, false);
      assertEquals(0, status);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void promptsRunsCommandsKeepsHistoryAndLeavesOnEndOfInput(@TempDir Path tmp) throws Exception {
    Path history = tmp.resolve("state/history");
    String screen = repl("help\nns self\n", history);
    assertTrue(screen.contains("nslab "), screen);
    assertTrue(screen.contains("> "), screen);
    assertTrue(screen.contains("unshare"), screen);
    assertTrue(screen.contains("pid_for_children"), screen);
    assertFalse(screen.contains("\u001b["), "colours were off, yet: " + screen);
    List<String> saved = Files.readAllLines(history);
    assertTrue(saved.get(saved.size() - 1).endsWith("ns self"), saved.toString());
  }

  @Test
  void errorsDoNotEndTheShell(@TempDir Path tmp) throws Exception {
    String screen = repl("hostnmae\nunshare utz\nspawn true\n", tmp.resolve("h"));
    assertTrue(screen.contains("did you mean 'hostname'"), screen);
    assertTrue(screen.contains("[true: exit status 0]"), screen);
  }

  @Test
  void theBannerAndHelpFollowTheLanguage(@TempDir Path tmp) throws Exception {
    String en = repl("help hostname\n", tmp.resolve("en"));
    assertTrue(en.contains("nslab: type help for the commands, Ctrl-D to leave"), en);
    String ja = repl("help hostname\n", tmp.resolve("ja"),
        new ShellOptions(false, false, org.nslab.text.Text.of("ja")));
    assertTrue(ja.contains("nslab: help でコマンド一覧、Ctrl-D で終了します"), ja);
    assertTrue(ja.contains("ラボタスクのホスト名を表示するか、sethostname(2) で設定します。"), ja);
    assertFalse(ja.contains("type help for the commands"), ja);
    String zh = repl("help hostname\n", tmp.resolve("zh"),
        new ShellOptions(false, false, org.nslab.text.Text.of("zh")));
    assertTrue(zh.contains("nslab: 输入 help 查看命令，Ctrl-D 退出"), zh);
    assertTrue(zh.contains("显示实验任务的主机名，或用 sethostname(2) 设置它。"), zh);
  }

  private static List<String> complete(String line) {
    return complete(line, Registry.standard());
  }

  private static List<String> complete(String line, Registry registry) {
    Terminal t;
    try {
      t = new DumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    LineReader reader = LineReaderBuilder.builder().terminal(t).build();
    DefaultParser parser = new DefaultParser();
    List<Candidate> out = new ArrayList<>();
    new ShellCompleter(registry)
        .complete(reader, parser.parse(line, line.length(), org.jline.reader.Parser.ParseContext.COMPLETE), out);
    return out.stream().map(Candidate::value).toList();
  }

  @Test
  void completesCommandsKindsOptionsPathsAndPids() {
    assertTrue(complete("").containsAll(List.of("unshare", "hostname", "spawn", "lsns")));
    assertTrue(complete("unshare ").containsAll(List.of("uts", "mnt", "ipc", "pid")));
    // After a comma, only kinds not yet in the list, with the list kept.
    List<String> afterComma = complete("unshare uts,");
    assertTrue(afterComma.contains("uts,mnt"), afterComma.toString());
    assertFalse(afterComma.contains("uts,uts"), afterComma.toString());
    assertTrue(complete("unshare --").contains("--propagation"));
    assertTrue(complete("unshare --propagation ").contains("slave"));
    assertTrue(complete("lsns -t ").contains("uts"));
    assertTrue(complete("umount /pr").contains("/proc/"));
    assertTrue(complete("ns ").contains("self"));
    assertTrue(complete("ns ").contains("1"));
    assertTrue(complete("help ").contains("mount"));
    assertTrue(complete("spawn ").contains("sh"));
    assertTrue(complete("mount -t ").contains("tmpfs"));
    assertTrue(complete("ns ").containsAll(List.of("reset", "save", "restore", "points")));
    assertTrue(complete("cgroup ").containsAll(List.of("create", "join", "leave")));
    assertTrue(complete("spawn --").contains("--user"));
  }

  @Test
  void completesTheWorkshopsVerbsAndLabIds() throws Exception {
    org.nslab.cmd.Interpreter i = new org.nslab.cmd.Interpreter(Registry.standard(), false);
    new org.nslab.workshop.Workshop(java.nio.file.Path.of("labs"),
        org.nslab.workshop.Progress.load(java.nio.file.Path.of("target/no-such-progress.json")),
        "en").install(i);
    assertTrue(complete("", i.registry()).containsAll(List.of("lab", "hint", "check")));
    assertTrue(complete("lab ", i.registry()).containsAll(List.of("start", "next", "submit")));
    assertTrue(complete("lab start ", i.registry()).containsAll(List.of("uts", "mount",
        "container")));
    assertFalse(complete("lab start ", i.registry()).contains("README"));
  }
}
