package org.nslab.cmd;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nslab.sys.Cgroups;
import org.nslab.text.Key;

/** cgroup: make cgroups with limits below the shell's own, and start children in them. */
final class CgroupCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "cgroup",
          List.of(
              "cgroup [list]",
              "cgroup create NAME [--pids-max N] [--memory-max SIZE] [--cpu-max QUOTA[/PERIOD]]",
              "cgroup join NAME | cgroup leave",
              "cgroup delete NAME"),
          Key.CMD_CGROUP,
          Key.CMD_CGROUP_MORE,
          List.of(
              Opt.value((char) 0, "pids-max", "N", Key.OPT_CGROUP_PIDS_MAX),
              Opt.value((char) 0, "memory-max", "SIZE", Key.OPT_CGROUP_MEMORY_MAX),
              Opt.value((char) 0, "cpu-max", "QUOTA[/PERIOD]", Key.OPT_CGROUP_CPU_MAX)),
          Complete.NONE,
          0,
          2,
          false).withVerbs("list", "create", "join", "leave", "delete");

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    String verb = args.positional(0) == null ? "list" : args.positional(0);
    String name = args.positional(1);
    PrintWriter out = session.out();
    switch (verb) {
      case "list" -> {
        Cgroups cg = session.cgroups();
        out.println("cgroups: " + cg.layout());
        for (Map.Entry<String, Map<String, Path>> e : cg.made().entrySet()) {
          out.println("  " + e.getKey() + (e.getKey().equals(session.joinedCgroup()) ? " (joined)" : "")
              + ": " + String.join(" ", e.getValue().values().stream().distinct().map(Path::toString).toList()));
        }
      }
      case "create" -> {
        requireName(name, verb);
        Map<String, String> limits = new LinkedHashMap<>();
        if (args.has("pids-max")) {
          limits.put("pids", Long.toString(number(args.value("pids-max"), "--pids-max")));
        }
        if (args.has("memory-max")) {
          limits.put("memory", Long.toString(size(args.value("memory-max"))));
        }
        if (args.has("cpu-max")) {
          String[] qp = args.value("cpu-max").split("/");
          long period = qp.length > 1 ? number(qp[1], "PERIOD") : 100000;
          String quota = qp[0].equals("max") ? "max" : Long.toString(number(qp[0], "QUOTA"));
          limits.put("cpu", quota + " " + period);
        }
        Map<String, Path> dirs = session.cgroups().create(name, limits);
        for (String notice : session.cgroups().notices(session.text())) {
          session.err().println(notice);
        }
        out.println("created cgroup " + name + ": "
            + String.join(" ", dirs.values().stream().distinct().map(Path::toString).toList()));
      }
      case "join" -> {
        requireName(name, verb);
        session.cgroups().procsFiles(name);
        session.joinCgroup(name);
        out.println(Interpreter.note(session, session.text().get(Key.NOTE_CGROUP_JOINED, name)));
      }
      case "leave" -> {
        session.joinCgroup(null);
        out.println(Interpreter.note(session, session.text().get(Key.NOTE_CGROUP_LEFT)));
      }
      case "delete" -> {
        requireName(name, verb);
        session.cgroups().delete(name);
        if (name.equals(session.joinedCgroup())) {
          session.joinCgroup(null);
        }
        out.println("deleted cgroup " + name);
      }
      default -> throw new UsageException(Key.CGROUP_NOT_VERB, verb);
    }
    return 0;
  }

  private static void requireName(String name, String verb) throws UsageException {
    if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
      throw new UsageException(Key.CGROUP_NEEDS_NAME, verb);
    }
  }

  private static long number(String text, String what) throws UsageException {
    try {
      long n = Long.parseLong(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new UsageException(Key.NOT_POSITIVE, what, text);
  }

  static long size(String text) throws UsageException {
    String t = text.toUpperCase(Locale.ROOT);
    long unit = 1;
    if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
      unit = t.endsWith("K") ? 1L << 10 : t.endsWith("M") ? 1L << 20 : 1L << 30;
      t = t.substring(0, t.length() - 1);
    }
    return number(t, "--memory-max") * unit;
  }
}
