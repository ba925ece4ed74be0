package org.nslab.lab;

import java.util.List;
import java.util.Locale;

/** Grading reports for people (text) and for machines: json, junit, tap and gradescope. */
enum ReportFormat {
  TEXT,
  JSON,
  JUNIT,
  TAP,
  GRADESCOPE;

  static ReportFormat parse(String word) {
    for (ReportFormat f : values()) {
      if (f.name().equalsIgnoreCase(word)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format '" + word
        + "' (text, json, junit, tap or gradescope)");
  }

  String render(Lab lab, List<Report> reports, boolean details) {
    return switch (this) {
      case TEXT -> text(lab, reports, details);
      case JSON -> json(lab, reports);
      case JUNIT -> junit(lab, reports);
      case TAP -> tap(reports);
      case GRADESCOPE -> gradescope(reports.get(0));
    };
  }

  // ---- text ----

  static String text(Lab lab, List<Report> reports, boolean details) {
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
    sb.append(r.submission()).append(": ").append(r.lab());
    if (r.error() != null) {
      sb.append(": not graded: ").append(r.error()).append('\n');
      return;
    }
    sb.append(", ").append(r.score()).append('/').append(r.max()).append(" points, ")
        .append(r.stepsPassed()).append(" of ").append(r.stepsGraded()).append(" steps (")
        .append(seconds(r.ms())).append(")\n");
    int width = r.steps().stream().mapToInt(s -> s.title().length()).max().orElse(0);
    for (Report.StepResult s : r.steps()) {
      String mark = s.skipped() != null ? "skip" : s.score() == s.max() ? "pass" : "FAIL";
      sb.append("  ").append(mark).append("  ").append(pad(s.title(), width));
      if (s.skipped() != null) {
        sb.append("  ").append(s.skipped()).append('\n');
        continue;
      }
      sb.append("  ").append(s.score()).append('/').append(s.max()).append('\n');
      for (Report.CheckResult c : s.checks()) {
        if (!c.passed()) {
          sb.append("        -").append(c.points()).append("  ").append(c.text()).append('\n');
          if (c.message() != null && !c.message().isEmpty()) {
            sb.append("            ").append(c.message()).append('\n');
          }
        }
      }
    }
    if (r.stopped() != null) {
      for (String note : r.stopped().split("\n")) {
        sb.append("  note: ").append(note).append('\n');
      }
    }
  }

  /** Many submissions: a table, as lsns lays one out, then a line of totals. */
  static void summary(StringBuilder sb, Lab lab, List<Report> reports) {
    int width = Math.max("SUBMISSION".length(),
        reports.stream().mapToInt(r -> r.submission().length()).max().orElse(0));
    int max = reports.stream().filter(r -> r.error() == null).mapToInt(Report::max).max()
        .orElse(0);
    sb.append(pad("SUBMISSION", width)).append("  SCORE  STEPS   TIME  NOTE\n");
    long full = 0;
    long total = 0;
    int graded = 0;
    for (Report r : reports) {
      sb.append(pad(r.submission(), width)).append("  ");
      if (r.error() != null) {
        sb.append(String.format("%5s  %5s  %5s  %s%n", "-", "-", seconds(r.ms()),
            "not graded: " + r.error()));
        continue;
      }
      graded++;
      total += r.score();
      full += r.passed() ? 1 : 0;
      sb.append(String.format(Locale.ROOT, "%5s  %5s  %5s  %s%n", r.score() + "/" + r.max(),
          r.stepsPassed() + "/" + r.stepsGraded(), seconds(r.ms()), note(r)));
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
          return shorten(s.title().replaceFirst(":.*", "") + ": " + m, 72);
        }
      }
    }
    return r.stopped() == null ? "" : shorten(r.stopped(), 72);
  }

  private static String shorten(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 3) + "...";
  }

  private static String pad(String s, int n) {
    return s.length() >= n ? s : s + " ".repeat(n - s.length());
  }

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
    sb.append("<testsuites name=\"").append(xml("nslab grade " + lab.id())).append("\" tests=\"")
        .append(tests).append("\" failures=\"").append(failures).append("\" errors=\"")
        .append(errors).append("\">\n");
    for (Report r : reports) {
      String cls = lab.id() + "." + r.submission().replaceAll("[^A-Za-z0-9_.-]", "_");
      long n = r.error() != null ? 1 : r.steps().stream().mapToInt(s -> s.checks().size()).sum();
      long failed = r.steps().stream().mapToLong(s -> s.checks().stream()
          .filter(c -> s.skipped() == null && !c.passed()).count()).sum();
      long skipped = r.steps().stream().filter(s -> s.skipped() != null)
          .mapToLong(s -> s.checks().size()).sum();
      sb.append("  <testsuite name=\"").append(xml(r.submission())).append("\" tests=\"")
          .append(n).append("\" failures=\"").append(failed).append("\" errors=\"")
          .append(r.error() != null ? 1 : 0).append("\" skipped=\"").append(skipped)
          .append("\" time=\"").append(r.ms() / 1000.0).append("\">\n");
      sb.append("    <properties><property name=\"score\" value=\"").append(r.score())
          .append("\"/><property name=\"max\" value=\"").append(r.max())
          .append("\"/></properties>\n");
      if (r.error() != null) {
        sb.append("    <testcase classname=\"").append(xml(cls))
            .append("\" name=\"grading\"><error message=\"").append(xml(r.error()))
            .append("\"/></testcase>\n");
      }
      for (Report.StepResult s : r.steps()) {
        for (Report.CheckResult c : s.checks()) {
          sb.append("    <testcase classname=\"").append(xml(cls)).append("\" name=\"")
              .append(xml(s.title() + ": " + c.text() + " (" + c.points() + " points)"))
              .append("\"");
          if (s.skipped() != null) {
            sb.append("><skipped message=\"").append(xml(s.skipped())).append("\"/></testcase>\n");
          } else if (!c.passed()) {
            sb.append("><failure type=\"check\" message=\"").append(xml(c.message()))
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

  /** What the submission's commands printed, as an nslab transcript. */
  static String transcript(Report r) {
    StringBuilder sb = new StringBuilder();
    for (Report.Ran c : r.commands()) {
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

  static String xml(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\n', '\t' -> sb.append(c);
        default -> {
          if (c >= 0x20) {
            sb.append(c);
          }
        }
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
        body.append("not ok ").append(n).append(" - ").append(r.submission())
            .append(": graded\n  ---\n  message: ").append(JsonText.quote(r.error()))
            .append("\n  ...\n");
        continue;
      }
      for (Report.StepResult s : r.steps()) {
        for (Report.CheckResult c : s.checks()) {
          n++;
          boolean ok = s.skipped() != null || c.passed();
          body.append(ok ? "ok " : "not ok ").append(n).append(" - ").append(r.submission())
              .append(": ").append(s.title()).append(": ").append(c.text()).append(" (")
              .append(c.points()).append(c.points() == 1 ? " point)" : " points)");
          if (s.skipped() != null) {
            body.append(" # SKIP ").append(s.skipped());
          }
          body.append('\n');
          if (!ok) {
            body.append("  ---\n  message: ").append(JsonText.quote(c.message()))
                .append("\n  at: ").append(JsonText.quote(r.lab() + ".md:" + c.line()))
                .append("\n  ...\n");
          }
        }
      }
      body.append("# ").append(r.submission()).append(": ").append(r.score()).append('/')
          .append(r.max()).append('\n');
    }
    return "TAP version 13\n1.." + n + "\n" + body;
  }

  // ---- gradescope ----

  /** Gradescope's results.json for one submission: a test per check. */
  static String gradescope(Report r) {
    StringBuilder sb = new StringBuilder("{\n");
    if (r.error() != null) {
      sb.append("  \"score\": 0,\n  \"output\": ").append(JsonText.quote(
          "Not graded: " + r.error())).append(",\n  \"tests\": []\n}\n");
      return sb.toString();
    }
    sb.append("  \"score\": ").append(r.score()).append(",\n");
    sb.append("  \"max_score\": ").append(r.max()).append(",\n");
    sb.append("  \"execution_time\": ").append(Math.max(1, Math.round(r.ms() / 1000.0)))
        .append(",\n");
    sb.append("  \"output\": ").append(JsonText.quote(r.score() + "/" + r.max() + " points, "
        + r.stepsPassed() + " of " + r.stepsGraded() + " steps"
        + (r.stopped() == null ? "" : ". " + r.stopped()))).append(",\n");
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
    sb.append("\n  ]\n}\n");
    return sb.toString();
  }
}
