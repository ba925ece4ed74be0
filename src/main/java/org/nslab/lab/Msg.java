package org.nslab.lab;

import java.util.Map;

/** The workshop's own words, in English, Japanese and Chinese (labs carry the rest). */
final class Msg {
  private Msg() {}

  private static final Map<String, Map<String, String>> WORDS = Map.of(
      "en", Map.ofEntries(
          Map.entry("step", "Step"),
          Map.entry("footer", "hints: %d of %d shown (hint) · check when done · lab next, lab prev"),
          Map.entry("resume", "lab %s: back at step %d (%d of %d steps passed)"),
          Map.entry("nohints", "This step has no hints."),
          Map.entry("hintsout", "All %d hints are out: answer shows the expected commands."),
          Map.entry("hint", "Hint %d of %d"),
          Map.entry("hintsfirst", "take the hints first: %d of %d shown (type hint)"),
          Map.entry("answer", "The expected commands:"),
          Map.entry("notyet", "%d of %d checks hold (%d of %d points): fix the rest, then check"
              + " again (hint helps)."),
          Map.entry("passed", "Step %d passed (%d of %d points)."),
          Map.entry("done", "Lab %s done: %d of %d steps, %d hints, %s. lab submit writes what you"
              + " typed as a submission."),
          Map.entry("nolang", "lab %1$s has no %2$s text (it has: %3$s): shown in English"),
          Map.entry("idle", "this already held before the first command, and no command was"
              + " typed in this step"),
          Map.entry("headstart", "this already held before the first command: it counts once"
              + " the step's other checks hold too")),
      "ja", Map.ofEntries(
          Map.entry("step", "ステップ"),
          Map.entry("footer", "ヒント: %d / %d 表示済み（hint）・終わったら check・lab next, lab prev"),
          Map.entry("resume", "lab %s: ステップ %d から再開します（%d / %d ステップ合格）"),
          Map.entry("nohints", "このステップにはヒントがありません。"),
          Map.entry("hintsout", "ヒントは %d 個すべて表示しました。answer で期待されるコマンドを表示します。"),
          Map.entry("hint", "ヒント %d / %d"),
          Map.entry("hintsfirst", "先にヒントを見てください: %d / %d 表示済み（hint）"),
          Map.entry("answer", "期待されるコマンド:"),
          Map.entry("notyet", "チェック %d / %d 合格（%d / %d 点）。残りを直して、もう一度 check"
              + " してください（hint も使えます）。"),
          Map.entry("passed", "ステップ %d 合格（%d / %d 点）。"),
          Map.entry("done", "ラボ %s 完了: %d / %d ステップ、ヒント %d 回、%s。lab submit で入力した"
              + "コマンドを提出用ファイルに書き出せます。"),
          Map.entry("nolang", "ラボ %1$s には日本語の本文がありません（あるのは %3$s）。英語で表示します。"),
          Map.entry("idle", "最初のコマンドの前からすでに成り立っていて、このステップでは何もコマンドが"
              + "入力されていません"),
          Map.entry("headstart", "最初のコマンドの前からすでに成り立っています。このステップの他のチェックも"
              + "成り立ったときに点数になります")),
      "zh", Map.ofEntries(
          Map.entry("step", "步骤"),
          Map.entry("footer", "提示：已显示 %d / %d（hint）· 完成后输入 check · lab next, lab prev"),
          Map.entry("resume", "lab %s：从第 %d 步继续（已通过 %d / %d 步）"),
          Map.entry("nohints", "这一步没有提示。"),
          Map.entry("hintsout", "%d 条提示已全部显示：answer 显示期望的命令。"),
          Map.entry("hint", "提示 %d / %d"),
          Map.entry("hintsfirst", "请先查看提示：已显示 %d / %d（hint）"),
          Map.entry("answer", "期望的命令："),
          Map.entry("notyet", "%d / %d 项检查通过（%d / %d 分）：修正其余部分后再次 check（hint 可以帮忙）。"),
          Map.entry("passed", "第 %d 步通过（%d / %d 分）。"),
          Map.entry("done", "实验 %s 完成：%d / %d 步，提示 %d 次，%s。lab submit 把输入的命令写成提交文件。"),
          Map.entry("nolang", "实验 %1$s 没有中文内容（现有：%3$s），以英文显示。"),
          Map.entry("idle", "这在第一条命令之前就已成立，而这一步没有输入任何命令"),
          Map.entry("headstart", "这在第一条命令之前就已成立：要等这一步的其他检查也成立时才计分")));

  /** The note for a lab that has no text in {@code lang}, or null if it has some. */
  static String noLanguage(Lab lab, String lang) {
    if (lab.languages().contains(lang)) {
      return null;
    }
    return String.format(get(lang, "nolang"), lab.id(), lang, String.join(", ",
        lab.languages()));
  }

  static String get(String lang, String key) {
    Map<String, String> m = WORDS.getOrDefault(lang, WORDS.get("en"));
    return m.getOrDefault(key, WORDS.get("en").get(key));
  }
}
