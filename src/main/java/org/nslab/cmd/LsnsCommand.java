package org.nslab.cmd;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nslab.ns.NsKind;
import org.nslab.ns.NsUsage;
import org.nslab.ns.TaskNamespaces;
import org.nslab.sys.ProcFs;

/** lsns: list namespaces like lsns(8), counting every thread, so per-thread namespaces show. */
final class LsnsCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "lsns",
          List.of("lsns [-J] [-n] [-t TYPE] [-p PID]"),
          "List namespaces system-wide, as util-linux lsns(8) does, including those that only"
              + " one thread is in.",
          """
          Columns: NS (the id), TYPE, NPROCS (processes in it), PID (the lowest), USER and
          COMMAND of that process. lsns(8) reads /proc/PID/ns, which shows a process's first
          thread only; nslab's lab task is another thread, so lsns(8) never lists the
          namespaces it made. This lsns reads /proc/PID/task/TID/ns for every thread, lists
          those namespaces too, and names the thread in their PID column.
          The columns are as wide as util-linux makes them; with -n only the rows reach
          standard output (the note on thread-only namespaces goes to standard error).
          It reads /proc as the lab task sees it: after umount /proc it has nothing to read.""",
          List.of(
              Opt.flag('J', "json", "use JSON output format (as lsns -J)"),
              Opt.flag('n', "noheadings", "don't print headings"),
              Opt.value('t', "type", "TYPE", "only namespaces of this kind"),
              Opt.value('p', "task", "PID", "only namespaces that process (or thread) is in")),
          Complete.PIDS,
          0,
          0,
          false);

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    NsKind type = args.has("type") ? NsKind.parse(args.value("type")) : null;
    Integer pid = args.has("task") ? NsCommand.parsePid(args.value("task")) : null;
    List<TaskNamespaces> tasks = session.task().call(ProcFs::scanTasks);
    List<NsUsage> rows = new ArrayList<>();
    Set<Long> ofPid = new TreeSet<>();
    if (pid != null) {
      for (TaskNamespaces t : tasks) {
        if (t.pid() == pid || t.tid() == pid) {
          t.namespaces().ids().values().forEach(id -> ofPid.add(id.inode()));
        }
      }
      if (ofPid.isEmpty()) {
        throw new CommandException("no process or thread " + pid + " in this /proc");
      }
    }
    for (NsUsage u : NsUsage.collect(tasks)) {
      if ((type == null || u.id().kind() == type) && (pid == null || ofPid.contains(u.id().inode()))) {
        rows.add(u);
      }
    }
    Map<Integer, ProcFs.Owner> owners = new HashMap<>();
    session.task().call(() -> {
      Map<Integer, String> userNames = new HashMap<>();
      for (NsUsage u : rows) {
        owners.computeIfAbsent(u.process(), p -> ProcFs.owner(p, userNames));
      }
      return null;
    });
    if (args.has("json")) {
      printJson(session.out(), rows, owners);
    } else {
      printTable(session, rows, owners, !args.has("noheadings"));
    }
    return 0;
  }

  /** The same layout as util-linux 2.38 lsns -J, so tools that read one read the other. */
  static void printJson(PrintWriter out, List<NsUsage> rows, Map<Integer, ProcFs.Owner> owners) {
    StringBuilder sb = new StringBuilder("{\n   \"namespaces\": [\n");
    for (int i = 0; i < rows.size(); i++) {
      NsUsage u = rows.get(i);
      ProcFs.Owner o = owners.get(u.process());
      sb.append(i == 0 ? "      {\n" : "},{\n");
      sb.append("         \"ns\": ").append(u.id().inode()).append(",\n");
      sb.append("         \"type\": ").append(Json.quote(u.id().kind().word())).append(",\n");
      sb.append("         \"nprocs\": ").append(u.nprocs()).append(",\n");
      sb.append("         \"pid\": ").append(u.pid()).append(",\n");
      sb.append("         \"user\": ").append(Json.quote(o.user())).append(",\n");
      sb.append("         \"command\": ").append(Json.quote(o.command())).append("\n");
      sb.append("      ");
    }
    if (!rows.isEmpty()) {
      sb.append("}\n");
    }
    sb.append("   ]\n}");
    out.println(sb);
  }

  /**
   * One column of the table, as a row of lsns.c's {@code infos[]}: its heading, its width
   * hint and its alignment.
   */
  private record Column(String head, int hint, boolean right) {}

  /** lsns's default columns, as util-linux 2.38 has them (the last one is never padded). */
  private static final List<Column> COLUMNS = List.of(
      new Column("NS", 10, true), new Column("TYPE", 5, false), new Column("NPROCS", 5, true),
      new Column("PID", 5, true), new Column("USER", 0, false), new Column("COMMAND", 0, false));

  static void printTable(
      Session session, List<NsUsage> rows, Map<Integer, ProcFs.Owner> owners, boolean headings) {
    List<String[]> cells = new ArrayList<>();
    for (NsUsage u : rows) {
      ProcFs.Owner o = owners.get(u.process());
      cells.add(new String[] {Long.toString(u.id().inode()), u.id().kind().word(),
          Integer.toString(u.nprocs()), Integer.toString(u.pid()), o.user(), o.command()});
    }
    List<String> lines = layout(cells, headings, session.console().width());
    PrintWriter out = session.out();
    if (headings) {
      out.println(lines.get(0));
    }
    List<NsUsage> threadOnly = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      NsUsage u = rows.get(i);
      String line = lines.get(i + (headings ? 1 : 0));
      out.println(u.threadOnly() ? session.paint(Paint.Tone.CHANGED, line) : line);
      if (u.threadOnly()) {
        threadOnly.add(u);
      }
    }
    if (!threadOnly.isEmpty()) {
      StringBuilder ids = new StringBuilder();
      for (NsUsage u : threadOnly) {
        ids.append(ids.length() == 0 ? "" : ", ").append(u.id().kind().word()).append(' ')
            .append(u.id().inode());
      }
      // Without headings the output is for a program (lsns -n | awk ...): rows only on stdout.
      PrintWriter note = headings ? out : session.err();
      note.println(
          session.paint(
              Paint.Tone.DIM,
              "only a thread is in " + ids + " (its id is in the PID column):"
                  + " util-linux lsns, which reads /proc/PID/ns, does not list "
                  + (threadOnly.size() == 1 ? "it" : "them")));
    }
  }

  /**
   * The table's lines (the headings first, if asked), laid out as util-linux's libsmartcols
   * lays out lsns's table when its output is not a terminal: a column is at least as wide as
   * its heading, with or without headings (so {@code lsns -n} is the table without its first
   * line), and as its widest cell; one whose cells are as wide as its heading or wider, but
   * narrower than its width hint, is as wide as the hint (PID is 5 wide for 4-digit pids, 3 for
   * 1-digit ones). NS, NPROCS and PID are right-aligned; the last column is not padded; a line
   * is cut at {@code width} where that is above 0.
   */
  static List<String> layout(List<String[]> rows, boolean headings, int width) {
    int[] w = new int[COLUMNS.size()];
    for (int c = 0; c < w.length; c++) {
      Column col = COLUMNS.get(c);
      int min = col.head().length();
      for (String[] r : rows) {
        w[c] = Math.max(w[c], r[c].length());
      }
      if (w[c] < min) {
        w[c] = min;
      } else if (w[c] < col.hint() && min < col.hint()) {
        w[c] = col.hint(); // libsmartcols' count_column_width: "use absolute size"
      }
    }
    List<String> lines = new ArrayList<>();
    if (headings) {
      lines.add(row(w, width, COLUMNS.stream().map(Column::head).toArray(String[]::new)));
    }
    for (String[] r : rows) {
      lines.add(row(w, width, r));
    }
    return lines;
  }

  private static String row(int[] w, int width, String[] cells) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      line.append(c == 0 ? "" : " ").append(c == cells.length - 1 ? cells[c]
          : pad(cells[c], w[c], COLUMNS.get(c).right()));
    }
    return width > 0 && line.length() > width ? line.substring(0, width) : line.toString();
  }

  private static String pad(String s, int w, boolean right) {
    String space = " ".repeat(Math.max(0, w - s.length()));
    return right ? space + s : s + space;
  }
}
