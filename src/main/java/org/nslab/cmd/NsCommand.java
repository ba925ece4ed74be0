package org.nslab.cmd;

import java.io.PrintWriter;
import java.util.List;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsSnapshot;
import org.nslab.sys.ProcFs;

/** ns: the namespace ids of the lab task, or of any process, against where the shell started. */
final class NsCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "ns",
          List.of("ns [--json] [self|PID]"),
          "Show the namespaces of the lab task (self) or of a process, one id per kind.",
          """
          Ids are the inode numbers the kernel shows in /proc/PID/ns (ls -l /proc/$$/ns).
          Two processes share a namespace exactly when their ids are equal. Kinds where the
          lab task (or PID) differs from where this shell started are marked.
          pid_for_children and time_for_children name where the next child will go: unshare
          of pid or time moves children only, never the caller itself.""",
          List.of(Opt.flag('J', "json", "print JSON")),
          Complete.PIDS,
          0,
          1,
          false);

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    String target = args.positional(0);
    boolean self = target == null || target.equals("self");
    NsSnapshot now;
    String who;
    int pid;
    if (self) {
      now = session.task().namespaces();
      pid = session.task().pid();
      who = "lab task (pid " + pid + ", thread " + session.task().tid() + ")";
    } else {
      pid = parsePid(target);
      now = session.task().call(() -> ProcFs.namespacesOf(pid));
      who = "process " + pid;
    }
    NsSnapshot origin = session.origin();
    if (args.has("json")) {
      printJson(session.out(), self, pid, now, origin);
      return 0;
    }
    PrintWriter out = session.out();
    out.println(session.paint(Paint.Tone.BOLD, who));
    String mark = self ? "new" : "differs";
    for (NsFile f : NsFile.values()) {
      NsId id = now.get(f);
      String line = String.format("  %-18s %s", f.fileName(), id == null ? "-" : id.inode());
      if (id == null && f == NsFile.PID_FOR_CHILDREN && now.get(NsFile.PID) != null) {
        out.println(
            line + "  " + session.paint(
                Paint.Tone.CHANGED,
                "new, no PID 1 yet: the kernel shows the id once the next spawned child starts"));
        continue;
      }
      NsId start = origin.get(f);
      if (id != null && !id.equals(start)) {
        String note = mark + " (shell started in " + (start == null ? "-" : start.inode()) + ")";
        if (self && (f == NsFile.PID_FOR_CHILDREN || f == NsFile.TIME_FOR_CHILDREN)) {
          note += ": the next spawned child goes here";
        }
        out.println(line + "  " + session.paint(Paint.Tone.CHANGED, note));
      } else {
        out.println(line);
      }
    }
    return 0;
  }

  static int parsePid(String text) throws UsageException {
    try {
      int pid = Integer.parseInt(text);
      if (pid > 0) {
        return pid;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new UsageException("'" + text + "' is not a process id (or self)");
  }

  private static void printJson(
      PrintWriter out, boolean self, int pid, NsSnapshot now, NsSnapshot origin) {
    StringBuilder sb = new StringBuilder("{\n");
    sb.append("   \"pid\": ").append(pid).append(",\n");
    sb.append("   \"self\": ").append(self).append(",\n");
    sb.append("   \"namespaces\": [");
    String sep = "\n";
    for (NsFile f : NsFile.values()) {
      NsId id = now.get(f);
      if (id == null) {
        continue;
      }
      NsId start = origin.get(f);
      sb.append(sep).append("      {");
      sb.append("\"type\": ").append(Json.quote(f.kind().word())).append(", ");
      sb.append("\"file\": ").append(Json.quote(f.fileName())).append(", ");
      sb.append("\"ns\": ").append(id.inode()).append(", ");
      sb.append("\"start\": ").append(start == null ? "null" : Long.toString(start.inode()));
      sb.append(", \"changed\": ").append(!id.equals(start)).append('}');
      sep = ",\n";
    }
    sb.append("\n   ]\n}");
    out.println(sb);
  }
}
