package org.nslab.workshop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.nslab.lab.Lab;
import org.nslab.lab.LabParser;
import org.nslab.lab.LabSyntaxException;
import org.nslab.text.Table;

/** lab check-all: for a room of students, which step each is on, from their progress files. */
final class Room {
  private Room() {}

  /**
   * One line per student and lab, from DIR's *.json progress files (a student's file is
   * named for the student: alice.json), sorted by lab, then by student.
   */
  static String table(Path dir, List<Path> labFiles) throws Exception {
    Map<String, Integer> steps = new TreeMap<>();
    for (Path f : labFiles) {
      try {
        Lab l = LabParser.parse(f);
        steps.put(l.id(), l.steps().size());
      } catch (LabSyntaxException e) {
        // a lab that does not parse: its students' step counts show without a total
      }
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"LAB", "STUDENT", "STEP", "PASSED", "HINTS", "ANSWERS", "TIME",
        "LAST"});
    List<String[]> body = new ArrayList<>();
    StringBuilder problems = new StringBuilder();
    for (Path f : files) {
      String student = f.getFileName().toString().replaceFirst("\\.json$", "");
      Map<String, Progress.LabState> labs;
      try {
        labs = Progress.load(f).labs();
      } catch (IOException e) {
        problems.append("lab check-all: ").append(e.getMessage()).append('\n');
        continue;
      }
      for (Map.Entry<String, Progress.LabState> e : labs.entrySet()) {
        Progress.LabState s = e.getValue();
        Integer total = steps.get(e.getKey());
        long answers = s.steps.values().stream().filter(x -> x.answer).count();
        body.add(new String[] {e.getKey(), student,
            s.step + (total == null ? "" : "/" + total),
            s.passed() + (total == null ? "" : "/" + total)
                + (total != null && s.passed() == total ? " done" : ""),
            Integer.toString(s.hints()), Long.toString(answers), minutes(s.seconds()),
            ago(Progress.now() - s.updated)});
      }
    }
    body.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    rows.addAll(body);
    if (body.isEmpty()) {
      return problems + "lab check-all: no progress files (*.json) in " + dir + "\n";
    }
    return layout(rows) + problems;
  }

  static String minutes(long seconds) {
    return seconds < 60 ? seconds + "s" : seconds / 60 + "m";
  }

  private static String ago(long seconds) {
    return seconds < 60 ? "now" : seconds < 3600 ? seconds / 60 + "m ago"
        : seconds < 86400 ? seconds / 3600 + "h ago" : seconds / 86400 + "d ago";
  }

  /** Columns as lsns lays them out: left-aligned, two spaces apart, the last one free. */
  static String layout(List<String[]> rows) {
    return layout(rows, 0);
  }

  /**
   * As {@link #layout(List)}, each line wrapped to {@code width} columns (0: not), the last
   * column's words going on under that column.
   */
  static String layout(List<String[]> rows, int width) {
    List<Table.Column> columns = new ArrayList<>();
    for (int c = 0; c < rows.get(0).length; c++) {
      columns.add(Table.Column.left(""));
    }
    Table table = new Table(columns, "", "  ", TermText::width);
    StringBuilder sb = new StringBuilder();
    List<List<String>> cells = rows.stream().map(List::of).toList();
    int[] widths = table.widths(cells);
    int hang = 0;
    for (int c = 0; c < widths.length - 1; c++) {
      hang += widths[c] + 2;
    }
    for (String line : table.lines(cells, false)) {
      sb.append(org.nslab.cmd.Wrap.hanging(line.stripTrailing(), width, hang)).append('\n');
    }
    return sb.toString();
  }
}
