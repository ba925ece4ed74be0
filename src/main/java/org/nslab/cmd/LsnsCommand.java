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

  static void printTable(
      Session session, List<NsUsage> rows, Map<Integer, ProcFs.Owner> owners, boolean headings) {
    String[] head = {"NS", "TYPE", "NPROCS", "PID", "USER", "COMMAND"};
    int[] w = new int[5];
    for (int i = 0; i < 5; i++) {
      w[i] = headings ? head[i].length() : 0;
    }
    for (NsUsage u : rows) {
      w[0] = Math.max(w[0], Long.toString(u.id().inode()).length());
      w[1] = Math.max(w[1], u.id().kind().word().length());
      w[2] = Math.max(w[2], Integer.toString(u.nprocs()).length());
      w[3] = Math.max(w[3], Integer.toString(u.pid()).length());
      w[4] = Math.max(w[4], owners.get(u.process()).user().length());
    }
    PrintWriter out = session.out();
    int width = session.console().width();
    if (headings) {
      out.println(row(w, width, head));
    }
    List<NsUsage> threadOnly = new ArrayList<>();
    for (NsUsage u : rows) {
      String line =
          row(
              w,
              width,
              Long.toString(u.id().inode()),
              u.id().kind().word(),
              Integer.toString(u.nprocs()),
              Integer.toString(u.pid()),
              owners.get(u.process()).user(),
              owners.get(u.process()).command());
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
      out.println(
          session.paint(
              Paint.Tone.DIM,
              "only a thread is in " + ids + " (its id is in the PID column):"
                  + " util-linux lsns, which reads /proc/PID/ns, does not list "
                  + (threadOnly.size() == 1 ? "it" : "them")));
    }
  }

  /** One table line: NS, NPROCS and PID right-aligned as lsns aligns them. */
  private static String row(int[] w, int width, String... c) {
    String line =
        pad(c[0], w[0], true) + " " + pad(c[1], w[1], false) + " " + pad(c[2], w[2], true) + " "
            + pad(c[3], w[3], true) + " " + pad(c[4], w[4], false) + " " + c[5];
    return width > 0 && line.length() > width ? line.substring(0, width) : line;
  }

  private static String pad(String s, int w, boolean right) {
    String space = " ".repeat(Math.max(0, w - s.length()));
    return right ? space + s : s + space;
  }
}
