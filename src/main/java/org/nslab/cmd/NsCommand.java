package org.nslab.cmd;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsKind;
import org.nslab.ns.NsSnapshot;
import org.nslab.sys.NsPoint;
import org.nslab.sys.ProcFs;
import org.nslab.text.Json;
import org.nslab.text.Key;
import org.nslab.text.Width;

/** ns: the namespace ids of the lab task, or of any process, against where the shell started. */
final class NsCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "ns",
          List.of(
              "ns [--json] [self|PID]",
              "ns reset [KINDS]",
              "ns save NAME",
              "ns restore NAME [KINDS]",
              "ns points"),
          Key.CMD_NS,
          Key.CMD_NS_MORE,
          List.of(Opt.flag('J', "json", Key.OPT_NS_JSON)),
          Complete.PIDS,
          0,
          3,
          false).withVerbs("reset", "save", "restore", "points");

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    String verb = args.positional(0);
    if (verb != null && !verb.equals("self") && !Character.isDigit(verb.charAt(0))) {
      return rewind(session, verb, args.positionals().subList(1, args.positionals().size()));
    }
    if (args.positionals().size() > 1) {
      throw new UsageException(Key.ARGS_UNEXPECTED, args.positional(1));
    }
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
        out.println(Interpreter.wrap(session,
            line + "  " + session.paint(
                Paint.Tone.CHANGED,
                session.text().get(Key.NOTE_NS_NO_PID1_YET)), Width.of(line) + 2));
        continue;
      }
      NsId start = origin.get(f);
      if (self && f == NsFile.USER && !session.task().uidMap().trim().matches("0\\s+0\\s+4294967295")) {
        out.println(Interpreter.wrap(session, line + "  " + session.paint(Paint.Tone.CHANGED,
            session.text().get(Key.NOTE_NS_ROOTLESS,
                session.task().uidMap().trim().replaceAll("\\s+", " "))), Width.of(line) + 2));
        continue;
      }
      if (id != null && !id.equals(start)) {
        String note = mark + " (shell started in " + (start == null ? "-" : start.inode()) + ")";
        if (self && (f == NsFile.PID_FOR_CHILDREN || f == NsFile.TIME_FOR_CHILDREN)) {
          note = session.text().get(Key.NOTE_NS_NEXT_CHILD, note);
        }
        out.println(Interpreter.wrap(session,
            line + "  " + session.paint(Paint.Tone.CHANGED, note), Width.of(line) + 2));
      } else {
        out.println(line);
      }
    }
    return 0;
  }

  private static int rewind(Session session, String verb, List<String> rest) throws Exception {
    switch (verb) {
      case "reset" -> {
        need(rest, 0, 1, "ns reset [KINDS]");
        Set<NsKind> kinds =
            rest.isEmpty()
                ? session.task().namespaces().newKinds(session.origin())
                : NsKind.parseList(rest.get(0));
        if (rest.isEmpty()) {
          for (NsKind k : kinds) {
            if (!NsMove.joinable().contains(k)) {
              session.out().println(session.paint(Paint.Tone.DIM,
                  Interpreter.note(session, session.text().get(Key.NOTE_NS_STAYS, k.word()))));
            }
          }
          kinds.retainAll(NsMove.joinable());
        }
        if (kinds.isEmpty()) {
          session.out().println(
              Interpreter.note(session, session.text().get(Key.NOTE_NS_AT_START)));
          return 0;
        }
        NsMove.enter(session, session.task().startPoint(), kinds, "start");
        return 0;
      }
      case "save" -> {
        need(rest, 1, 1, "ns save NAME");
        String name = rest.get(0);
        NsPoint point = session.task().call(() -> session.task().save());
        NsPoint old = session.points().put(name, point);
        if (old != null) {
          old.close();
        }
        session.out().println("saved " + name + ": " + describe(point, session));
        return 0;
      }
      case "restore" -> {
        need(rest, 1, 2, "ns restore NAME [KINDS]");
        NsPoint point = session.points().get(rest.get(0));
        if (point == null) {
          throw session.points().isEmpty()
              ? new CommandException(Key.NS_NO_POINT_NONE, rest.get(0))
              : new CommandException(Key.NS_NO_POINT, rest.get(0),
                  String.join(", ", session.points().keySet()));
        }
        Set<NsKind> kinds = rest.size() > 1 ? NsKind.parseList(rest.get(1)) : point.kinds();
        if (rest.size() == 1) {
          kinds.retainAll(NsMove.joinable());
          NsPoint here = session.task().call(() -> session.task().save());
          try {
            kinds.removeIf(k -> point.id(k) != null && point.id(k).equals(here.id(k)));
          } finally {
            here.close();
          }
          if (kinds.isEmpty()) {
            session.out().println("already at " + rest.get(0));
            return 0;
          }
        }
        NsMove.enter(session, point, kinds, "restored " + rest.get(0));
        return 0;
      }
      case "points" -> {
        need(rest, 0, 0, "ns points");
        if (session.points().isEmpty()) {
          session.out().println(session.text().get(Key.NOTE_NS_POINTS_NONE));
        }
        for (Map.Entry<String, NsPoint> e : session.points().entrySet()) {
          session.out().println(e.getKey() + ": " + describe(e.getValue(), session));
        }
        return 0;
      }
      default -> throw new UsageException(Key.NS_NOT_VERB, verb);
    }
  }

  private static void need(List<String> rest, int min, int max, String usage)
      throws UsageException {
    if (rest.size() < min || rest.size() > max) {
      throw new UsageException(Key.NS_USAGE, usage);
    }
  }

  /** "uts 4026532181, mnt 4026532180 (the rest as at start)". */
  private static String describe(NsPoint point, Session session) {
    StringBuilder sb = new StringBuilder();
    NsPoint start = session.task().startPoint();
    for (NsKind k : NsPoint.ORDER) {
      NsId id = point.id(k);
      if (id != null && !id.equals(start.id(k))) {
        sb.append(sb.length() == 0 ? "" : ", ").append(k.word()).append(' ').append(id.inode());
      }
    }
    return sb.length() == 0 ? "as at start" : sb + " (the rest as at start)";
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
    throw new UsageException(Key.NOT_PID, text);
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
