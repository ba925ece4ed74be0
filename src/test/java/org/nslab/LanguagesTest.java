package org.nslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nslab's own words follow --lang (else the locale): a failed call's lesson, the host guard's
 * refusal, the workshop's check, help and usage errors, end to end in an nslab process of its
 * own, whose progress and configuration live in a temporary directory.
 */
class LanguagesTest {
  @TempDir Path dir;

  /** The lines every run types: unshare user fails (EINVAL), hostname x is refused. */
  // Step 1 of uts only looks (no checks): check is tried on step 2, before its work.
  private static final String SESSION =
      "unshare user\nhostname x\nlab start uts\nlab next\ncheck\n";

  private String nslab(Map<String, String> env, String input, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> argv = new ArrayList<>(List.of(java, "-cp",
        System.getProperty("java.class.path"), "org.nslab.Main"));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    Map<String, String> e = pb.environment();
    for (String v : List.of("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "NSLAB_MESSAGES")) {
      e.remove(v);
    }
    e.put("HOME", dir.toString());
    e.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    e.put("NSLAB_STATE_DIR", dir.resolve("state").toString());
    e.put("NSLAB_HISTORY", dir.resolve("history").toString());
    e.put("NSLAB_LABS", Path.of("labs").toAbsolutePath().toString());
    e.putAll(env);
    Process p = pb.start();
    p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    return out;
  }

  @Test
  void japaneseUnderLangJa() throws Exception {
    String out = nslab(Map.of(), SESSION, "--lang", "ja");
    // The call and its errno as the kernel names them; the lesson in Japanese.
    assertTrue(out.contains("unshare: unshare(CLONE_NEWUSER): EINVAL (Invalid argument):"
        + " カーネルが新しいユーザー名前空間を作るのはシングルスレッドのプロセスに対してだけですが"), out);
    assertTrue(out.contains("hostname: ホスト名を設定することを拒否します: ラボタスクはまだシェルが起動したときの"
        + " uts 名前空間"), out);
    assertTrue(out.contains("先に 'unshare uts' を実行するか"), out);
    // check: the step passed, or what holds so far, in points.
    assertTrue(out.matches("(?s).*(ステップ 2 合格|チェック \\d+ / \\d+ 合格)（\\d+ / \\d+ 点）.*"), out);
    assertTrue(out.contains("✗ UTS 名前空間がまだシェル起動時のままです"), out);
    assertFalse(out.contains("refusing to"), out);
  }

  @Test
  void chineseUnderLangZh() throws Exception {
    String out = nslab(Map.of(), SESSION, "--lang", "zh");
    assertTrue(out.contains("unshare: unshare(CLONE_NEWUSER): EINVAL (Invalid argument):"
        + " 内核只为单线程进程创建新的用户命名空间"), out);
    assertTrue(out.contains("hostname: 拒绝设置主机名：实验任务仍在 shell 启动时所在的 uts 命名空间"), out);
    assertTrue(out.matches("(?s).*(第 2 步通过|\\d+ / \\d+ 项检查通过)（\\d+ / \\d+ 分）.*"), out);
    assertFalse(out.contains("refusing to"), out);
  }

  /** help, one command's help both ways, usage errors, an unknown command, ip's own errors. */
  private static final String HELP = "help\nhelp unshare\nunshare --help\nunshare --bogus\n"
      + "hostnme\nip link set\nip -n nopoint link\n";

  @Test
  void helpAndUsageInJapanese() throws Exception {
    String out = nslab(Map.of(), HELP, "--lang", "ja");
    // The list: its opening, a topic, a command's first sentence, the closing hints.
    assertTrue(out.contains("nslab は名前空間のシステムコールを自分のプロセスの中の 1 本のスレッド、"
        + "ラボタスクで実行します。"), out);
    assertTrue(out.contains("\n名前空間\n"), out);
    assertTrue(out.matches("(?s).*\n  unshare +ラボタスクを指定した種類の新しい名前空間に移し、前後の ID を"
        + "表示します。\n.*"), out);
    assertTrue(out.contains("Tab で補完、Ctrl-R で履歴を検索、Ctrl-D で終了します。"), out);
    // help unshare and unshare --help: the same Japanese text, usage lines as typed.
    String help = "使い方:\n unshare [--propagation MODE] KIND[,KIND...]\n";
    assertEquals(2, out.split(java.util.regex.Pattern.quote(help), -1).length - 1, out);
    assertTrue(out.contains("種類: cgroup, ipc, mnt (or mount), net, pid, time, user, uts。"), out);
    assertTrue(out.contains("オプション:\n -p, --propagation MODE  mnt 用: private（デフォルト）"), out);
    assertTrue(out.contains("     --help              このヘルプを表示する"), out);
    // A usage error, with the usage lines and where to read more.
    assertTrue(out.contains("unshare: 不明なオプション '--bogus' です\n使い方: unshare"
        + " [--propagation MODE] KIND[,KIND...]\n        unshare time[,KIND...]"), out);
    assertTrue(out.contains("詳しくは 'help unshare' を見てください。"), out);
    assertTrue(out.contains("nslab: 不明なコマンド 'hostnme' です（'hostname' のことですか？）。"
        + "一覧は help で表示します"), out);
    assertTrue(out.contains("ip: デバイスを指定してください: ip link set DEV up|down|netns POINT\n"),
        out);
    assertTrue(out.contains("ip: 保存したポイント 'nopoint' はありません（保存済みのものはありません。"), out);
    for (String english : List.of("Usage:", "Options:", "display this help", "Move the lab task",
        "unrecognized option", "unknown command", "Try '", "Every command shows",
        "name the device", "no saved point")) {
      assertFalse(out.contains(english), english + " in " + out);
    }
  }

  /** The workshop's own commands, and the locale's language even where it is not installed. */
  @Test
  void theWorkshopsCommandsAndTheLocalesLanguageInUtf8() throws Exception {
    String out = nslab(Map.of(), "help lab\nhelp hint\nhelp answer\nhelp check\nhelp record\n",
        "--lang", "ja");
    for (String ja : List.of("ラボをステップごとに、ヒントとチェックつきで進めます。",
        "今のステップの次のヒントを見せます。", "今のステップの期待されるコマンドを見せます。",
        "シェルの今の状態と照らし合わせてチェックします。",
        "打ったコマンドとその出力を新しいラボファイルに記録します。", "{uts0}")) {
      assertTrue(out.contains(ja), ja + " in " + out);
    }
    assertFalse(out.contains("Work through a lab"), out);
    // A lab that needs what this machine lacks says so in the student's language.
    Path lab = java.nio.file.Files.writeString(dir.resolve("lunar.md"), "---\nid: lunar\n"
        + "requires: lunar-module\n---\n\n# Lunar\n\n## Step 1: look\n\nLook.\n");
    String cannot = nslab(Map.of(), "lab start " + lab + "\n", "--lang", "ja");
    assertTrue(cannot.contains("lab: lunar: lunar-module が必要ですが、nslab には確かめられません。"
        + "ここではそのコマンドは失敗します"), cannot);
    // LANG names a locale this machine may not have: nslab still speaks UTF-8, not "???".
    String help = nslab(Map.of("LANG", "ja_JP.UTF-8"), "", "--help");
    assertTrue(help.startsWith("使い方:\n nslab [--debug]"), help);
    assertTrue(help.contains("Linux の名前空間を学ぶための対話型ラボシェルです。"), help);
  }

  @Test
  void helpAndUsageInChinese() throws Exception {
    String out = nslab(Map.of(), HELP, "--lang", "zh");
    assertTrue(out.contains("nslab 在自己的进程中、在一个线程（实验任务）上执行命名空间系统调用。"), out);
    assertTrue(out.contains("\n命名空间\n"), out);
    assertTrue(out.matches("(?s).*\n  unshare +把实验任务移入给定类型的新命名空间，并显示前后的 ID。\n.*"),
        out);
    String help = "用法:\n unshare [--propagation MODE] KIND[,KIND...]\n";
    assertEquals(2, out.split(java.util.regex.Pattern.quote(help), -1).length - 1, out);
    assertTrue(out.contains("类型：cgroup, ipc, mnt (or mount), net, pid, time, user, uts。"), out);
    assertTrue(out.contains("选项:\n -p, --propagation MODE  用于 mnt：private（默认）"), out);
    assertTrue(out.contains("     --help              显示此帮助"), out);
    assertTrue(out.contains("unshare: 无法识别的选项 '--bogus'\n用法: unshare"
        + " [--propagation MODE] KIND[,KIND...]\n      unshare time[,KIND...]"), out);
    assertTrue(out.contains("详见 'help unshare'。"), out);
    assertTrue(out.contains("nslab: 未知命令 'hostnme'（是不是想输入 'hostname'？）；输入 help 查看命令列表"),
        out);
    assertTrue(out.contains("ip: 请指定设备：ip link set DEV up|down|netns POINT\n"), out);
    assertTrue(out.contains("ip: 没有已保存的点 'nopoint'（尚未保存任何点；"), out);
    for (String english : List.of("Usage:", "Options:", "display this help", "Move the lab task",
        "unrecognized option", "unknown command", "Try '", "Every command shows",
        "name the device", "no saved point")) {
      assertFalse(out.contains(english), english + " in " + out);
    }
  }

  @Test
  void helpAndUsageInEnglishAsBefore() throws Exception {
    String out = nslab(Map.of(), HELP);
    assertTrue(out.contains("unshare: unrecognized option '--bogus'\nUsage: unshare"
        + " [--propagation MODE] KIND[,KIND...]\n       unshare time[,KIND...]"), out);
    assertTrue(out.contains("Try 'help unshare' for more."), out);
    assertTrue(out.contains("nslab: unknown command 'hostnme' (did you mean 'hostname'?); type"
        + " help for the list"), out);
    assertTrue(out.contains("Every command shows which namespaces change."), out);
    assertTrue(out.contains("ip: name the device: ip link set DEV up|down|netns POINT\n"), out);
    assertTrue(out.contains("ip: no saved point 'nopoint' (saved: none; start is where the shell"
        + " started; ns save NAME keeps one)"), out);
  }

  /**
   * Commands' own errors, ns's and sys's reasons, before anything changes (a usage mistake, a
   * refusal, a program that is not there): the call and its errno stay as the kernel names them.
   */
  private static final String ERRORS = "hostname a b\nhostname ''\ncgroup bogus\ncgroup create x --pids-max 0\n"
      + "mount -t proc proc\nunshare foo\nunshare time --boottime soon\nns restore nopoint\n"
      + "pivot_root /tmp\nspawn /no/such/program\necho 'open\n" + "x".repeat(70) + "\n";

  @Test
  void errorsInJapanese() throws Exception {
    String out = nslab(Map.of(), ERRORS, "--lang", "ja");
    assertTrue(out.contains("hostname: 余分な引数 'b' があります\n"), out);
    assertTrue(out.contains("hostname: 名前が空です\n"), out);
    assertTrue(out.contains("cgroup: 'bogus' は list、create、join、leave、delete のどれでもありません\n"),
        out);
    assertTrue(out.contains("cgroup: --pids-max は正の数でなければなりません（'0' は使えません）\n"), out);
    assertTrue(out.contains("mount: SOURCE と TARGET が必要です\n"), out);
    assertTrue(out.contains("unshare: 不明な名前空間の種類 'foo' です（使えるもの: cgroup, ipc,"), out);
    assertTrue(out.contains("unshare: --boottime には 86400 や -60 のような整数の秒数を指定します"
        + "（'soon' は使えません）\n"), out);
    assertTrue(out.contains("ns: 保存したポイント 'nopoint' はありません（保存済みのものはありません）\n"),
        out);
    assertTrue(out.contains("pivot_root: 拒否します: ラボタスクはまだシェルが起動したときのマウント名前空間に"
        + "いるため、pivot_root はホストのすべてのプロセスのルートを移してしまいます。\n"
        + "  先に 'unshare mnt' を実行してください。\n"), out);
    assertTrue(out.contains("spawn: posix_spawn(\"/no/such/program\"): ENOENT (No such file or"
        + " directory): このマウント名前空間では、そのパスには何もありません"), out);
    assertTrue(out.contains("nslab: 引用符が閉じていません: 6 文字目で ' が開いたままです\n"), out);
    assertTrue(out.contains("nslab: 不明なコマンド '" + "x".repeat(60) + "…（ほか 10 文字）' です。"),
        out);
    assertNoEnglishErrors(out);
  }

  @Test
  void errorsInChinese() throws Exception {
    String out = nslab(Map.of(), ERRORS, "--lang", "zh");
    assertTrue(out.contains("hostname: 多余的参数 'b'\n"), out);
    assertTrue(out.contains("hostname: 名称为空\n"), out);
    assertTrue(out.contains("cgroup: 'bogus' 不是 list、create、join、leave 或 delete\n"), out);
    assertTrue(out.contains("cgroup: --pids-max 必须是正数，不能是 '0'\n"), out);
    assertTrue(out.contains("mount: 需要 SOURCE 和 TARGET\n"), out);
    assertTrue(out.contains("unshare: 未知的命名空间类型 'foo'（可用：cgroup, ipc,"), out);
    assertTrue(out.contains("unshare: --boottime 接受整数秒，例如 86400 或 -60，不能是 'soon'\n"), out);
    assertTrue(out.contains("ns: 没有已保存的点 'nopoint'（尚未保存任何点）\n"), out);
    assertTrue(out.contains("pivot_root: 拒绝执行：实验任务仍在 shell 启动时所在的挂载命名空间中，"
        + "pivot_root 会移动主机上每个进程的根。\n  请先执行 'unshare mnt'。\n"), out);
    assertTrue(out.contains("spawn: posix_spawn(\"/no/such/program\"): ENOENT (No such file or"
        + " directory): 在这个挂载命名空间中，该路径上什么也没有"), out);
    assertTrue(out.contains("nslab: 引号未闭合：第 6 列的 ' 没有闭合\n"), out);
    assertTrue(out.contains("nslab: 未知命令 '" + "x".repeat(60) + "…（还有 10 个字符）'；"), out);
    assertNoEnglishErrors(out);
  }

  @Test
  void errorsInEnglishAsBefore() throws Exception {
    String out = nslab(Map.of(), ERRORS);
    assertTrue(out.contains("hostname: name is empty\n"), out);
    assertTrue(out.contains("cgroup: 'bogus' is not list, create, join, leave or delete\n"), out);
    assertTrue(out.contains("cgroup: --pids-max must be a positive number, not '0'\n"), out);
    assertTrue(out.contains("unshare: unknown namespace kind 'foo' (valid: cgroup, ipc, mnt (or"
        + " mount), net, pid, time, user, uts)\n"), out);
    assertTrue(out.contains("unshare: --boottime takes whole seconds, such as 86400 or -60, not"
        + " 'soon'\n"), out);
    assertTrue(out.contains("ns: no saved point 'nopoint' (saved: none)\n"), out);
    assertTrue(out.contains("pivot_root: refusing: the lab task is still in the mount namespace"
        + " the shell started in, where pivot_root would move the root of every process of the"
        + " host.\n  Run 'unshare mnt' first.\n"), out);
    assertTrue(out.contains("nslab: unterminated quote: ' opened at column 6\n"), out);
    assertTrue(out.contains("nslab: unknown command '" + "x".repeat(60)
        + "… (10 more characters)'; type help for the list"), out);
  }

  private static void assertNoEnglishErrors(String out) {
    for (String english : List.of("name is empty", "is not list", "must be a positive",
        "need SOURCE", "unknown namespace kind", "takes whole seconds", "no saved point",
        "refusing", "Run 'unshare", "unterminated", "more characters", "is not a")) {
      assertFalse(out.contains(english), english + " in " + out);
    }
  }

  @Test
  void theLocaleChoosesWhenLangIsNotGiven() throws Exception {
    String out = nslab(Map.of("LANG", "ja_JP.UTF-8"), "hostname x\n");
    assertTrue(out.contains("ホスト名を設定することを拒否します"), out);
    String en = nslab(Map.of("LANG", "C.UTF-8"), "hostname x\n");
    assertTrue(en.contains("hostname: refusing to set the hostname: the lab task is still in"
        + " the uts namespace the shell started in (uts:["), en);
  }

  @Test
  void englishStaysAsItWas() throws Exception {
    String out = nslab(Map.of(), SESSION);
    assertTrue(out.contains("unshare: unshare(CLONE_NEWUSER): EINVAL (Invalid argument): the"
        + " kernel makes a new user namespace only for a single-threaded process"), out);
    assertTrue(out.contains("so this would change the real host.\n  Run 'unshare uts' first,"
        + " or add --host if you really mean the host."), out);
  }

  @Test
  void aTeacherAddsALanguageWithAFile() throws Exception {
    Path words = dir.resolve("words");
    Files.createDirectories(words);
    Files.writeString(words.resolve("messages_ko.properties"), String.join("\n",
        "doing.set.hostname=호스트 이름 설정",
        "guard.refused={0}을(를) 거부합니다: 랩 작업은 아직 {1} 네임스페이스({1}:[{2}])에 있습니다.",
        "lesson.unshare.einval.user=커널은 단일 스레드 프로세스에만 새 사용자 네임스페이스를 만듭니다",
        ""), StandardCharsets.UTF_8);
    String out = nslab(Map.of(), "unshare user\nhostname x\n", "--lang", "ko", "--messages",
        words.toString());
    assertTrue(out.contains("unshare(CLONE_NEWUSER): EINVAL (Invalid argument): 커널은 단일"), out);
    assertTrue(out.contains("hostname: 호스트 이름 설정을(를) 거부합니다: 랩 작업은 아직 uts"), out);
    // The same file found through the environment, and $XDG_CONFIG_HOME/nslab.
    String env = nslab(Map.of("NSLAB_MESSAGES", words.toString()), "hostname x\n", "--lang",
        "ko");
    assertTrue(env.contains("호스트 이름 설정을(를) 거부합니다"), env);
    Files.createDirectories(dir.resolve("config/nslab"));
    Files.copy(words.resolve("messages_ko.properties"),
        dir.resolve("config/nslab/messages_ko.properties"));
    String config = nslab(Map.of("LANG", "ko_KR.UTF-8"), "hostname x\n");
    assertTrue(config.contains("호스트 이름 설정을(를) 거부합니다"), config);
  }
}
