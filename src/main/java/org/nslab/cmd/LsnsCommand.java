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
import org.nslab.text.Json;
import org.nslab.text.Table;
import org.nslab.text.Key;

/** lsns: list namespaces like lsns(8), counting every thread, so per-thread namespaces show. */
final class LsnsCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "lsns",
          List.of("lsns [-J] [-n] [-t TYPE] [-p PID]"),
          Key.CMD_LSNS,
          Key.CMD_LSNS_MORE,
          List.of(
              Opt.flag('J', "json", Key.OPT_LSNS_JSON),
              Opt.flag('n', "noheadings", Key.OPT_LSNS_NOHEADINGS),
              Opt.value('t', "type", "TYPE", Key.OPT_LSNS_TYPE),
              Opt.value('p', "task", "PID", Key.OPT_LSNS_TASK)),
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
        throw new CommandException(Key.LSNS_NO_TASK, pid);
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

  /**
   * lsns's columns, one row each as util-linux keeps them in lsns.c's {@code infos[]}: the
   * heading, the width hint, the alignment, what the column means, and its key and type in
   * {@code lsns -J}. Adding a column is one row here.
   */
  enum LsnsColumn {
    NS("NS", 10, Table.Align.RIGHT, "namespace identifier (inode number)",
        JsonType.NUMBER, (u, o) -> Long.toString(u.id().inode())),
    TYPE("TYPE", 5, Table.Align.LEFT, "kind of namespace",
        JsonType.STRING, (u, o) -> u.id().kind().word()),
    NPROCS("NPROCS", 5, Table.Align.RIGHT, "number of processes in the namespace",
        JsonType.NUMBER, (u, o) -> Integer.toString(u.nprocs())),
    PID("PID", 5, Table.Align.RIGHT, "lowest PID in the namespace",
        JsonType.NUMBER, (u, o) -> Integer.toString(u.pid())),
    USER("USER", 0, Table.Align.LEFT, "username of the PID",
        JsonType.STRING, (u, o) -> o.user()),
    COMMAND("COMMAND", 0, Table.Align.LEFT, "command line of the PID",
        JsonType.STRING, (u, o) -> o.command());

    /** How {@code lsns -J} writes a column's value. */
    enum JsonType { NUMBER, STRING }

    final String header;
    final int hint;
    final Table.Align align;
    final String help;
    final JsonType json;
    private final java.util.function.BiFunction<NsUsage, ProcFs.Owner, String> value;

    LsnsColumn(String header, int hint, Table.Align align, String help, JsonType json,
        java.util.function.BiFunction<NsUsage, ProcFs.Owner, String> value) {
      this.header = header;
      this.hint = hint;
      this.align = align;
      this.help = help;
      this.json = json;
      this.value = value;
    }

    /** The key in {@code lsns -J}: the heading in lower case, as util-linux makes it. */
    String key() {
      return header.toLowerCase(java.util.Locale.ROOT);
    }

    String value(NsUsage u, ProcFs.Owner o) {
      return value.apply(u, o);
    }
  }

  /**
   * The table of lsns's columns, counting UTF-16 units (as nslab's lsns always has; util-linux
   * counts display columns, which differs only for a non-ASCII user name).
   */
  static final Table TABLE = new Table(
      java.util.Arrays.stream(LsnsColumn.values())
          .map(c -> new Table.Column(c.header, c.hint, c.align, false)).toList(),
      "", " ", String::length);

  /** The same layout as util-linux 2.38 lsns -J, so tools that read one read the other. */
  static void printJson(PrintWriter out, List<NsUsage> rows, Map<Integer, ProcFs.Owner> owners) {
    StringBuilder sb = new StringBuilder("{\n   \"namespaces\": [\n");
    LsnsColumn[] columns = LsnsColumn.values();
    for (int i = 0; i < rows.size(); i++) {
      NsUsage u = rows.get(i);
      ProcFs.Owner o = owners.get(u.process());
      sb.append(i == 0 ? "      {\n" : "},{\n");
      for (LsnsColumn c : columns) {
        String v = c.value(u, o);
        sb.append("         \"").append(c.key()).append("\": ")
            .append(c.json == LsnsColumn.JsonType.NUMBER ? v : Json.quote(v))
            .append(c == columns[columns.length - 1] ? "\n" : ",\n");
      }
      sb.append("      ");
    }
    if (!rows.isEmpty()) {
      sb.append("}\n");
    }
    sb.append("   ]\n}");
    out.println(sb);
  }

  static void printTable(
      Session session, List<NsUsage> rows, Map<Integer, ProcFs.Owner> owners, boolean headings) {
    List<String[]> cells = new ArrayList<>();
    for (NsUsage u : rows) {
      ProcFs.Owner o = owners.get(u.process());
      cells.add(java.util.Arrays.stream(LsnsColumn.values()).map(c -> c.value(u, o))
          .toArray(String[]::new));
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
              Interpreter.note(session, session.text().get(Key.NOTE_LSNS_THREAD_ONLY,
                  ids.toString(), threadOnly.size()))));
    }
  }

  /**
   * The table's lines (the headings first, if asked), laid out by {@link #TABLE} as
   * util-linux's libsmartcols lays out lsns's table when its output is not a terminal (see
   * {@link Table}: PID is 5 wide for 4-digit pids, 3 for 1-digit ones); a line is cut at
   * {@code width} where that is above 0.
   */
  static List<String> layout(List<String[]> rows, boolean headings, int width) {
    List<String> lines = new ArrayList<>();
    for (String line : TABLE.lines(rows.stream().map(List::of).toList(), headings)) {
      lines.add(width > 0 && line.length() > width ? line.substring(0, width) : line);
    }
    return lines;
  }
}
