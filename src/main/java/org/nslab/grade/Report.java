package org.nslab.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nslab.lab.Lab;
import org.nslab.text.JsonText;

/**
 * What grading one submission found: each step's checks, passed or not, with their points;
 * what each command of the submission did; and why grading stopped early, if it did.
 *
 * @param submission the submission file as the grader was given it
 * @param stopped null, or what cut the run short, in words, a line each ("line 7 ran over
 *     10 s ...")
 * @param error null, or why the submission could not be graded at all (no score then)
 */
public record Report(
    String lab,
    String title,
    String submission,
    List<StepResult> steps,
    List<Ran> commands,
    String stopped,
    String error,
    long ms) {
  public Report {
    steps = List.copyOf(steps);
    commands = List.copyOf(commands);
    stopped = stopped == null ? null : cutLines(stopped, NOTE_KEPT);
    error = error == null ? null : cutLines(error, NOTE_KEPT);
  }

  /** The most of a command's text a report keeps: a submission line may be a megabyte. */
  static final int COMMAND_KEPT = 1000;

  /** The most of one line of notes (which quote commands) or of the error a report keeps. */
  static final int NOTE_KEPT = 1500;

  /**
   * {@code s} whole if it has at most {@code kept} characters, else its start and a note of how
   * much was cut, together at most {@code kept} characters: so cutting again changes nothing
   * (a report read back from JSON is the report that was written), and a surrogate pair is
   * never split.
   */
  static String cut(String s, int kept) {
    if (s == null || s.length() <= kept) {
      return s;
    }
    int head = kept - 48; // room for the note below
    if (Character.isHighSurrogate(s.charAt(head - 1))) {
      head--;
    }
    return s.substring(0, head) + " [... " + (s.length() - head) + " more characters cut]";
  }

  private static String cutLines(String s, int kept) {
    if (s.length() <= kept) {
      return s;
    }
    String[] lines = s.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      lines[i] = cut(lines[i], kept);
    }
    return String.join("\n", lines);
  }

  /**
   * One step: skipped (with why) where this machine lacks what it requires; passedAfter is
   * the submission line after which all its checks held, or -1.
   */
  public record StepResult(
      int line, String title, String skipped, int passedAfter, List<CheckResult> checks) {
    public StepResult {
      checks = List.copyOf(checks);
    }

    public int score() {
      return skipped != null ? 0 : checks.stream().filter(CheckResult::passed)
          .mapToInt(CheckResult::points).sum();
    }

    public int max() {
      return skipped != null ? 0 : checks.stream().mapToInt(CheckResult::points).sum();
    }
  }

  /** One check as the lab states it, and whether it held; message is the lab's. */
  public record CheckResult(
      int line, int points, boolean negated, String expression, String message,
      boolean passed) {
    /** The check as written in the lab: "not outside hostname is demo". */
    public String text() {
      return (negated ? "not " : "") + expression;
    }
  }

  /**
   * One command of the submission: its line, status, time and (shortened) output; a command
   * longer than {@link #COMMAND_KEPT} characters is kept cut, with how much was cut.
   */
  public record Ran(int line, String command, int status, long ms, String output) {
    public Ran {
      command = cut(command, COMMAND_KEPT);
    }
  }

  /** A submission that could not be graded: no steps, only the reason. */
  public static Report failed(Lab lab, String submission, String error, long ms) {
    return new Report(lab.id(), lab.title(), submission, List.of(), List.of(), null, error, ms);
  }

  public int score() {
    return steps.stream().mapToInt(StepResult::score).sum();
  }

  public int max() {
    return steps.stream().mapToInt(StepResult::max).sum();
  }

  /** Full marks, graded to the end. */
  public boolean passed() {
    return error == null && score() == max();
  }

  public long stepsPassed() {
    return steps.stream().filter(s -> s.skipped() == null && s.score() == s.max()).count();
  }

  public long stepsGraded() {
    return steps.stream().filter(s -> s.skipped() == null).count();
  }

  /** This report as one JSON object (the sandbox's answer, and the json format's element). */
  public String toJson(String indent) {
    String nl = indent.isEmpty() ? "" : "\n";
    String i1 = indent;
    String i2 = indent + indent;
    String i3 = i2 + indent;
    StringBuilder sb = new StringBuilder("{").append(nl);
    sb.append(i1).append("\"lab\": ").append(JsonText.quote(lab)).append(",").append(nl);
    sb.append(i1).append("\"title\": ").append(JsonText.quote(title)).append(",").append(nl);
    sb.append(i1).append("\"submission\": ").append(JsonText.quote(submission)).append(",")
        .append(nl);
    sb.append(i1).append("\"score\": ").append(score()).append(",").append(nl);
    sb.append(i1).append("\"max\": ").append(max()).append(",").append(nl);
    sb.append(i1).append("\"passed\": ").append(passed()).append(",").append(nl);
    sb.append(i1).append("\"ms\": ").append(ms).append(",").append(nl);
    sb.append(i1).append("\"stopped\": ").append(JsonText.quote(stopped)).append(",").append(nl);
    sb.append(i1).append("\"error\": ").append(JsonText.quote(error)).append(",").append(nl);
    sb.append(i1).append("\"steps\": [");
    for (int s = 0; s < steps.size(); s++) {
      StepResult st = steps.get(s);
      sb.append(s == 0 ? "" : ",").append(nl).append(i2).append("{\"line\": ").append(st.line())
          .append(", \"title\": ").append(JsonText.quote(st.title()))
          .append(", \"skipped\": ").append(JsonText.quote(st.skipped()))
          .append(", \"passed_after_line\": ").append(st.passedAfter())
          .append(", \"score\": ").append(st.score()).append(", \"max\": ").append(st.max())
          .append(", \"checks\": [");
      for (int c = 0; c < st.checks().size(); c++) {
        CheckResult ck = st.checks().get(c);
        sb.append(c == 0 ? "" : ",").append(nl).append(i3).append("{\"line\": ")
            .append(ck.line()).append(", \"points\": ").append(ck.points())
            .append(", \"negated\": ").append(ck.negated())
            .append(", \"check\": ").append(JsonText.quote(ck.expression()))
            .append(", \"passed\": ").append(ck.passed())
            .append(", \"message\": ").append(JsonText.quote(ck.message())).append("}");
      }
      sb.append("]}");
    }
    sb.append("],").append(nl);
    sb.append(i1).append("\"commands\": [");
    for (int c = 0; c < commands.size(); c++) {
      Ran r = commands.get(c);
      sb.append(c == 0 ? "" : ",").append(nl).append(i2).append("{\"line\": ").append(r.line())
          .append(", \"command\": ").append(JsonText.quote(r.command()))
          .append(", \"status\": ").append(r.status()).append(", \"ms\": ").append(r.ms())
          .append(", \"output\": ").append(JsonText.quote(r.output())).append("}");
    }
    sb.append("]").append(nl).append("}");
    return sb.toString();
  }

  /** Reads back what {@link #toJson} wrote. */
  @SuppressWarnings("unchecked")
  static Report fromJson(String json) {
    Map<String, Object> m = (Map<String, Object>) JsonText.parse(json);
    List<StepResult> steps = new ArrayList<>();
    for (Object o : (List<Object>) m.get("steps")) {
      Map<String, Object> s = (Map<String, Object>) o;
      List<CheckResult> checks = new ArrayList<>();
      for (Object c : (List<Object>) s.get("checks")) {
        Map<String, Object> k = (Map<String, Object>) c;
        checks.add(new CheckResult(num(k, "line"), num(k, "points"),
            (Boolean) k.get("negated"), (String) k.get("check"), (String) k.get("message"),
            (Boolean) k.get("passed")));
      }
      steps.add(new StepResult(num(s, "line"), (String) s.get("title"),
          (String) s.get("skipped"), num(s, "passed_after_line"), checks));
    }
    List<Ran> ran = new ArrayList<>();
    for (Object o : (List<Object>) m.get("commands")) {
      Map<String, Object> r = (Map<String, Object>) o;
      ran.add(new Ran(num(r, "line"), (String) r.get("command"), num(r, "status"),
          ((Long) r.get("ms")), (String) r.get("output")));
    }
    return new Report((String) m.get("lab"), (String) m.get("title"),
        (String) m.get("submission"), steps, ran, (String) m.get("stopped"),
        (String) m.get("error"), (Long) m.get("ms"));
  }

  private static int num(Map<String, Object> m, String key) {
    return ((Long) m.get(key)).intValue();
  }
}
