package org.nslab.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nslab.lab.Check;
import org.nslab.lab.Lab;
import org.nslab.text.JsonText;
import org.nslab.text.Table;
import org.nslab.text.Width;

/**
 * Grading reports for people (text) and for machines: json, junit, tap, gradescope and
 * classroom.
 */
public enum ReportFormat {
  TEXT,
  JSON,
  JUNIT,
  TAP,
  GRADESCOPE,
  CLASSROOM;

  public static ReportFormat parse(String word) {
    for (ReportFormat f : values()) {
      if (f.name().equalsIgnoreCase(word)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format '" + word
        + "' (text, json, junit, tap, gradescope or classroom)");
  }

  public String render(Lab lab, List<Report> reports, boolean details) {
    return switch (this) {
      case TEXT -> text(lab, reports, details);
      case JSON -> json(lab, reports);
      case JUNIT -> junit(lab, reports);
      case TAP -> tap(reports);
      case GRADESCOPE -> gradescope(lab, reports.get(0));
      case CLASSROOM -> classroom(lab, reports.get(0));
    };
  }

  // ---- text ----

  public static String text(Lab lab, List<Report> reports, boolean details) {
    StringBuilder sb = new StringBuilder();
    if (reports.size() == 1 || details) {
      for (Report r : reports) {
        detail(sb, r);
      }
    }
    if (reports.size() > 1) {
      if (details) {
        sb.append('\n');
      }
      summary(sb, lab, reports);
    }
    return sb.toString();
  }

  /** One submission: a line per step, and under a step not passed, each failed check. */
  static void detail(StringBuilder sb, Report r) {
    sb.append(line(r.submission())).append(": ").append(line(r.lab()));
    if (r.error() != null) {
      sb.append(": not graded: ").append(line(r.error())).append('\n');
      return;
    }
    sb.append(", ").append(r.score()).append('/').append(count(r.max(), "point", "points"))
        .append(", ").append(r.stepsPassed()).append(" of ")
        .append(count(r.stepsGraded(), "step", "steps")).append(" (")
        .append(seconds(r.ms())).append(")\n");
    int[] widths = STEPS.widths(r.steps().stream()
        .map(s -> List.of("", line(s.title()), "")).toList());
    for (Report.StepResult s : r.steps()) {
      String mark = s.skipped() != null ? "skip" : s.score() == s.max() ? "pass" : "FAIL";
      String result = s.skipped() != null ? line(s.skipped()) : s.score() + "/" + s.max();
      sb.append(STEPS.line(widths, List.of(mark, line(s.title()), result))).append('\n');
      if (s.skipped() != null) {
        continue;
      }
      for (Report.CheckResult c : s.checks()) {
        if (!c.passed()) {
          sb.append("        -").append(c.points()).append("  ").append(line(c.text()))
              .append('\n');
          if (c.message() != null && !c.message().isEmpty()) {
            sb.append("            ").append(line(c.message())).append('\n');
          }
        }
      }
    }
    if (r.stopped() != null) {
      for (String note : r.stopped().split("\n")) {
        sb.append("  note: ").append(line(note)).append('\n');
      }
    }
  }

  /** Many submissions: a table, as lsns lays one out, then a line of totals. */
  static void summary(StringBuilder sb, Lab lab, List<Report> reports) {
    int max = reports.stream().filter(r -> r.error() == null).mapToInt(Report::max).max()
        .orElse(0);
    List<List<String>> rows = new ArrayList<>();
    long full = 0;
    long total = 0;
    int graded = 0;
    for (Report r : reports) {
      if (r.error() != null) {
        rows.add(List.of(line(r.submission()), "-", "-", seconds(r.ms()),
            shorten("not graded: " + line(r.error()), 200)));
        continue;
      }
      graded++;
      total += r.score();
      full += r.passed() ? 1 : 0;
      rows.add(List.of(line(r.submission()), r.score() + "/" + r.max(),
          r.stepsPassed() + "/" + r.stepsGraded(), seconds(r.ms()), note(r)));
    }
    for (String l : CLASS.lines(rows, true)) {
      sb.append(l).append('\n');
    }
    sb.append(reports.size()).append(reports.size() == 1 ? " submission" : " submissions")
        .append(" of ").append(lab.id()).append(": ").append(full).append(" with full marks");
    if (graded > 0) {
      sb.append(String.format(Locale.ROOT, ", mean %.1f/%d", (double) total / graded, max));
    }
    if (graded < reports.size()) {
      sb.append(", ").append(reports.size() - graded).append(" not graded");
    }
    sb.append('\n');
  }

  /** The first thing a student should fix: the first failed check's message. */
  static String note(Report r) {
    for (Report.StepResult s : r.steps()) {
      for (Report.CheckResult c : s.checks()) {
        if (s.skipped() == null && !c.passed()) {
          String m = c.message() == null || c.message().isEmpty() ? c.text() : c.message();
          return shorten(line(s.title().replaceFirst(":.*", "") + ": " + m), 72);
        }
      }
    }
    return r.stopped() == null ? "" : shorten(line(r.stopped()), 72);
  }

  private static String shorten(String s, int n) {
    if (s.length() <= n) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(n - 4)) ? n - 4 : n - 3;
    return s.substring(0, end) + "...";
  }

  /** "1 point", "2 points". */
  static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /**
   * A student's text (output, a command, a file name) made safe for any report, keeping only
   * the controls in {@code keep}: other C0 controls become their visible symbols (ESC as
   * U+241B, NUL as U+2400: a terminal shows them, XML 1.0 cannot carry the controls at all),
   * DEL becomes U+2421, and what XML 1.0 forbids or discourages and no encoder can write
   * (C1 controls, lone surrogates, the noncharacters U+FDD0..U+FDEF and U+xxFFFE/U+xxFFFF)
   * becomes U+FFFD.
   */
  static String visible(String s, String keep) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        sb.append((cp & 0xfffe) == 0xfffe ? "\ufffd" : new String(Character.toChars(cp)));
      } else if (c < 0x20) {
        sb.append(keep.indexOf(c) >= 0 ? c : (char) (0x2400 + c));
      } else if (c == 0x7f) {
        sb.append('\u2421');
      } else if (c <= 0x9f && c > 0x7f || Character.isSurrogate(c) || c >= 0xfdd0 && c <= 0xfdef
          || c >= 0xfffe) {
        sb.append('\ufffd');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** One line of text for the terminal: {@link #visible}, newlines and tabs too. */
  static String line(String s) {
    return visible(s, "");
  }

  /**
   * A submission's steps: the mark, the title, the score or why it was skipped, in columns of
   * display width (a title in Japanese takes two columns a character, as on the terminal).
   */
  private static final Table STEPS = Table.of("  ", "  ", Width::of,
      Table.Column.left(""), Table.Column.left(""), Table.Column.left(""));

  /** The class's table: numbers right-aligned in 5 columns each, as printf's %5s. */
  private static final Table CLASS = Table.of("", "  ", Width::of,
      Table.Column.left("SUBMISSION"), Table.Column.right("SCORE").fixed(5),
      Table.Column.right("STEPS").fixed(5), Table.Column.right("TIME").fixed(5),
      Table.Column.left("NOTE"));

  static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
  }

  // ---- json ----

  static String json(Lab lab, List<Report> reports) {
    StringBuilder sb = new StringBuilder("{\n");
    sb.append("  \"lab\": {\"id\": ").append(JsonText.quote(lab.id())).append(", \"title\": ")
        .append(JsonText.quote(lab.title())).append(", \"file\": ")
        .append(JsonText.quote(lab.file())).append("},\n");
    sb.append("  \"submissions\": [");
    for (int i = 0; i < reports.size(); i++) {
      String one = reports.get(i).toJson("  ").replace("\n", "\n    ");
      sb.append(i == 0 ? "\n    " : ",\n    ").append(one);
    }
    sb.append("\n  ]\n}\n");
    return sb.toString();
  }

  // ---- junit ----

  static String junit(Lab lab, List<Report> reports) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    int tests = 0;
    int failures = 0;
    int errors = 0;
    for (Report r : reports) {
      tests += r.error() != null ? 1 : r.steps().stream().mapToInt(s -> s.checks().size()).sum();
      errors += r.error() != null ? 1 : 0;
      failures += r.steps().stream().mapToInt(s -> (int) s.checks().stream()
          .filter(c -> s.skipped() == null && !c.passed()).count()).sum();
    }
    long ms = reports.stream().mapToLong(Report::ms).sum();
    sb.append("<testsuites name=\"").append(attr("nslab grade " + lab.id()))
        .append("\" tests=\"").append(tests).append("\" failures=\"").append(failures)
        .append("\" errors=\"").append(errors).append("\" time=\"").append(time(ms))
        .append("\">\n");
    for (Report r : reports) {
      String cls = className(lab, r.submission());
      long n = r.error() != null ? 1 : r.steps().stream().mapToInt(s -> s.checks().size()).sum();
      long failed = r.steps().stream().mapToLong(s -> s.checks().stream()
          .filter(c -> s.skipped() == null && !c.passed()).count()).sum();
      long skipped = r.steps().stream().filter(s -> s.skipped() != null)
          .mapToLong(s -> s.checks().size()).sum();
      sb.append("  <testsuite name=\"").append(attr(r.submission())).append("\" tests=\"")
          .append(n).append("\" failures=\"").append(failed).append("\" errors=\"")
          .append(r.error() != null ? 1 : 0).append("\" skipped=\"").append(skipped)
          .append("\" time=\"").append(time(r.ms())).append("\">\n");
      sb.append("    <properties><property name=\"score\" value=\"").append(r.score())
          .append("\"/><property name=\"max\" value=\"").append(r.max())
          .append("\"/></properties>\n");
      if (r.error() != null) {
        sb.append("    <testcase classname=\"").append(attr(cls))
            .append("\" name=\"grading\" time=\"").append(time(r.ms()))
            .append("\"><error message=\"").append(attr(r.error()))
            .append("\"/></testcase>\n");
      }
      for (Report.StepResult s : r.steps()) {
        for (Report.CheckResult c : s.checks()) {
          // Checks are not timed one by one: the suite's time is the submission's.
          sb.append("    <testcase classname=\"").append(attr(cls)).append("\" name=\"")
              .append(attr(s.title() + ": " + c.text() + " ("
                  + count(c.points(), "point", "points") + ")"))
              .append("\" time=\"0\"");
          if (s.skipped() != null) {
            sb.append("><skipped message=\"").append(attr(s.skipped()))
                .append("\"/></testcase>\n");
          } else if (!c.passed()) {
            sb.append("><failure type=\"check\" message=\"").append(attr(c.message()))
                .append("\">").append(xml(r.lab() + ".md:" + c.line() + ": " + c.text()))
                .append("</failure></testcase>\n");
          } else {
            sb.append("/>\n");
          }
        }
      }
      sb.append("    <system-out>").append(xml(transcript(r))).append("</system-out>\n");
      sb.append("  </testsuite>\n");
    }
    sb.append("</testsuites>\n");
    return sb.toString();
  }

  /** The most of a submission's transcript a JUnit report keeps (10,000 lines could print). */
  static final int TRANSCRIPT_KEPT = 1_000_000;

  /** What the submission's commands printed, as an nslab transcript. */
  static String transcript(Report r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.commands().size(); i++) {
      Report.Ran c = r.commands().get(i);
      if (sb.length() > TRANSCRIPT_KEPT) {
        int left = r.commands().size() - i;
        sb.append("# [... ").append(count(left, "more command", "more commands"))
            .append(" not shown: the transcript is kept up to ")
            .append(String.format(Locale.ROOT, "%,d", TRANSCRIPT_KEPT))
            .append(" characters; the json format has them all]\n");
        break;
      }
      sb.append("> ").append(c.command()).append('\n');
      if (!c.output().isEmpty()) {
        sb.append(c.output()).append('\n');
      }
    }
    if (r.stopped() != null) {
      sb.append("# ").append(r.stopped()).append('\n');
    }
    return sb.toString();
  }

  /**
   * The JUnit classname: the lab, then the submission without its ".txt" and with every
   * character but letters, digits, '_' and '-' made '_', since JUnit viewers split
   * classnames on dots into packages.
   */
  static String className(Lab lab, String submission) {
    String base = submission.endsWith(".txt")
        ? submission.substring(0, submission.length() - 4) : submission;
    return lab.id().replace('.', '_') + "." + base.replaceAll("[^\\p{L}\\p{N}_-]", "_");
  }

  /** Seconds for JUnit's time attributes (Surefire's pattern: "4.2", "0.05", "12.0"). */
  static String time(long ms) {
    String frac = String.format(Locale.ROOT, "%03d", ms % 1000).replaceFirst("0+$", "");
    return ms / 1000 + "." + (frac.isEmpty() ? "0" : frac);
  }

  /** Text content of an XML element: {@link #visible}, newlines and tabs kept, escaped. */
  static String xml(String s) {
    return escape(visible(s, "\n\t\r"), false);
  }

  /**
   * An XML attribute value (in double quotes): as {@link #xml}, and newlines, tabs and
   * carriage returns as character references, which attribute-value normalization keeps.
   */
  static String attr(String s) {
    return escape(visible(s, "\n\t\r"), true);
  }

  private static String escape(String s, boolean attribute) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\r' -> sb.append("&#13;"); // a raw CR would be read as a line end
        case '\n' -> sb.append(attribute ? "&#10;" : "\n");
        case '\t' -> sb.append(attribute ? "&#9;" : "\t");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  // ---- tap ----

  static String tap(List<Report> reports) {
    StringBuilder body = new StringBuilder();
    int n = 0;
    for (Report r : reports) {
      if (r.error() != null) {
        n++;
        body.append("not ok ").append(n).append(" - ").append(tapText(r.submission()))
            .append(": graded\n  ---\n  message: ").append(yaml(r.error()))
            .append("\n  ...\n");
        continue;
      }
      for (Report.StepResult s : r.steps()) {
        for (Report.CheckResult c : s.checks()) {
          n++;
          boolean ok = s.skipped() != null || c.passed();
          body.append(ok ? "ok " : "not ok ").append(n).append(" - ")
              .append(tapText(r.submission() + ": " + s.title() + ": " + c.text()))
              .append(" (").append(count(c.points(), "point", "points")).append(')');
          if (s.skipped() != null) {
            body.append(" # SKIP ").append(line(s.skipped()));
          }
          body.append('\n');
          if (!ok) {
            body.append("  ---\n  message: ").append(yaml(c.message()))
                .append("\n  at: ").append(yaml(r.lab() + ".md:" + c.line()))
                .append("\n  ...\n");
          }
        }
      }
      body.append("# ").append(line(r.submission())).append(": ").append(r.score())
          .append('/').append(r.max()).append('\n');
    }
    return "TAP version 13\n1.." + n + "\n" + body;
  }

  /**
   * A TAP test's description: one line, with '\\' and '#' escaped as TAP asks, since a
   * "# SKIP" or "# TODO" in a title or a file name would otherwise turn a failure into a
   * skip for every TAP harness.
   */
  static String tapText(String s) {
    return line(s).replace("\\", "\\\\").replace("#", "\\#");
  }

  /**
   * A YAML double-quoted scalar for a TAP diagnostics block: JSON's escapes are YAML's, and
   * what YAML forbids even escaped (a lone surrogate) is U+FFFD first.
   */
  static String yaml(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      sb.append(JsonText.loneSurrogate(s, i) ? '\ufffd' : s.charAt(i));
    }
    return JsonText.quote(sb.toString());
  }

  // ---- gradescope ----

  /**
   * Gradescope's results.json for one submission: a test per check, all text plain
   * ({@code output_format} "text"), shown to the student at once ({@code visibility}
   * "visible"). A submission that could not be graded scores 0 of the lab's points (every
   * step's: it never got as far as knowing which steps this machine skips), with the reason.
   */
  static String gradescope(Lab lab, Report r) {
    boolean graded = r.error() == null;
    int max = graded ? r.max() : labPoints(lab);
    StringBuilder sb = new StringBuilder("{\n");
    sb.append("  \"score\": ").append(graded ? r.score() : 0).append(",\n");
    sb.append("  \"max_score\": ").append(max).append(",\n");
    sb.append("  \"execution_time\": ").append(Math.max(1, Math.round(r.ms() / 1000.0)))
        .append(",\n");
    sb.append("  \"output\": ").append(JsonText.quote(!graded ? "Not graded: " + r.error()
        : r.score() + "/" + r.max() + " points, " + r.stepsPassed() + " of "
            + r.stepsGraded() + " steps" + (r.stopped() == null ? "" : ". " + r.stopped())))
        .append(",\n");
    sb.append("  \"output_format\": \"text\",\n");
    sb.append("  \"test_output_format\": \"text\",\n");
    sb.append("  \"test_name_format\": \"text\",\n");
    sb.append("  \"visibility\": \"visible\",\n");
    sb.append("  \"stdout_visibility\": \"visible\",\n");
    sb.append("  \"tests\": [");
    boolean first = true;
    for (Report.StepResult s : r.steps()) {
      if (s.skipped() != null) {
        continue;
      }
      for (Report.CheckResult c : s.checks()) {
        sb.append(first ? "\n" : ",\n");
        first = false;
        sb.append("    {\"name\": ").append(JsonText.quote(s.title() + ": " + c.text()))
            .append(", \"score\": ").append(c.passed() ? c.points() : 0)
            .append(", \"max_score\": ").append(c.points())
            .append(", \"status\": ").append(c.passed() ? "\"passed\"" : "\"failed\"")
            .append(", \"output\": ").append(JsonText.quote(c.passed() ? "" : c.message()))
            .append("}");
      }
    }
    sb.append(first ? "]\n}\n" : "\n  ]\n}\n");
    return sb.toString();
  }

  /** Every step's points: the most a submission can score where every step can run. */
  private static int labPoints(Lab lab) {
    return lab.steps().stream().flatMap(s -> s.checks().stream()).mapToInt(Check::points).sum();
  }

  // ---- classroom ----

  /**
   * GitHub Classroom's runner result for one submission, as its autograding-grading-reporter
   * reads it from a step output: base64 of {@code {"version": 1, "status": "pass|fail|error",
   * "max_score": N, "tests": [...]}}, a test per check with its points as its score (the
   * reporter sends GitHub Classroom the sum of the scores: partial credit), the check's
   * message, the lab and the check's line. Checks are not timed one by one: each test's
   * duration is 0 (milliseconds). A submission that could not be graded is one test with
   * status "error" and the reason.
   */
  static String classroom(Lab lab, Report r) {
    StringBuilder sb = new StringBuilder("{\"version\": 1, \"status\": ");
    if (r.error() != null) {
      sb.append("\"error\", \"max_score\": ").append(labPoints(lab)).append(", \"tests\": [");
      classroomTest(sb, "grading " + r.submission(), "error", 0, "Not graded: " + r.error(), "",
          r.submission(), 0, r.ms());
    } else {
      sb.append(r.passed() ? "\"pass\"" : "\"fail\"").append(", \"max_score\": ")
          .append(r.max()).append(", \"tests\": [");
      boolean first = true;
      for (Report.StepResult s : r.steps()) {
        if (s.skipped() != null) {
          continue; // not in max_score either: this machine cannot run the step
        }
        for (Report.CheckResult c : s.checks()) {
          sb.append(first ? "" : ", ");
          first = false;
          String why = c.message() == null || c.message().isEmpty() ? c.text() : c.message();
          // The reporter's log shows a failed test's name and test_code, not its message: so
          // test_code is the check as the lab writes it, with its message after " | ".
          String code = c.passed() || why.equals(c.text()) ? c.text() : c.text() + " | " + why;
          classroomTest(sb, s.title() + ": " + c.text(), c.passed() ? "pass" : "fail",
              c.passed() ? c.points() : 0, c.passed() ? "" : why, code, lab.file(), c.line(), 0);
        }
      }
    }
    sb.append("]}");
    return java.util.Base64.getEncoder().encodeToString(
        sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\n";
  }

  private static void classroomTest(StringBuilder sb, String name, String status, int score,
      String message, String code, String file, int line, long ms) {
    sb.append("{\"name\": ").append(JsonText.quote(name)).append(", \"status\": \"")
        .append(status).append("\", \"score\": ").append(score).append(", \"message\": ")
        .append(JsonText.quote(message)).append(", \"test_code\": ").append(JsonText.quote(code))
        .append(", \"filename\": ").append(JsonText.quote(file)).append(", \"line_no\": ")
        .append(line).append(", \"duration\": ").append(ms).append('}');
  }
}
