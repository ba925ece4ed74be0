package org.nslab.workshop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nslab.cmd.Args;
import org.nslab.cmd.Command;
import org.nslab.cmd.CommandException;
import org.nslab.cmd.Complete;
import org.nslab.cmd.Interpreter;
import org.nslab.cmd.Session;
import org.nslab.cmd.Spec;
import org.nslab.cmd.UsageException;
import org.nslab.lab.YamlScalar;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsSnapshot;
import org.nslab.replay.Replay;
import org.nslab.sys.Syscalls;
import org.nslab.text.Key;

/**
 * record FILE: what is typed and printed from now on becomes a new lab file, with namespace
 * ids turned into captures ({uts0}, {uts1}: the same id is the same name everywhere), PIDs into
 * {*} and the machine's hostname into {host}, so that nslab run replays it on any machine.
 */
public final class Recorder {
  private static final Pattern ID = Pattern.compile("\\b4026\\d{6}\\b");
  private static final Pattern PID_WORD =
      Pattern.compile("\\b(pid|thread|PID|host pid) (\\d+)\\b");
  /** A MAC address: a veth's is random (broadcast and all-zero ones are kept). */
  private static final Pattern MAC = Pattern.compile("\\b[0-9a-f]{2}(:[0-9a-f]{2}){5}\\b");
  /** How long something took (time's figures): never the same twice. */
  private static final Pattern DURATION =
      Pattern.compile("\\b\\d+(\\.\\d+)? ?(ns|µs|us|ms)\\b");
  private static final Pattern JOB = Pattern.compile("^(\\[\\d+\\]) \\d+(.*)$");

  private Path file;
  private final List<String> steps = new ArrayList<>();
  private final List<List<String>> blocks = new ArrayList<>();
  private final List<List<String>> notes = new ArrayList<>();
  private final Map<Long, String> names = new HashMap<>();
  private final Map<String, Integer> perKind = new HashMap<>();
  /** The namespaces the lab task was in when recording started, and is in now. */
  private final java.util.Set<Long> startIds = new java.util.HashSet<>();
  private final java.util.Set<Long> current = new java.util.HashSet<>();
  private String host;
  private org.nslab.cmd.Registry registry;

  /** Adds record to the shell and watches each typed line. */
  public void install(Interpreter interpreter) {
    registry = interpreter.registry();
    registry.add(new RecordCommand());
    interpreter.onTyped(this::typed);
  }

  private int typed(Session session, String line, java.util.function.IntSupplier proceed) {
    if (file == null || !Workshop.isLabWork(line)) {
      return proceed.getAsInt();
    }
    if (session.console().isTerminal() && interactive(registry, line)) {
      // A shell that reads the keyboard: it keeps the terminal, and the lab says what it lacks.
      int st = proceed.getAsInt();
      blocks.get(blocks.size() - 1).add("> " + line.strip());
      blocks.get(blocks.size() - 1).add("...");
      notes.get(notes.size() - 1).add("`" + line.strip() + "` was interactive: it had the"
          + " terminal, and what was typed in it was not recorded. Replayed, it reads nothing"
          + " and ends; its output matches `...`.");
      return st;
    }
    int[] status = {0};
    Session.Printed printed;
    boolean newPids;
    try {
      learn(session.task().namespaces());
    } catch (RuntimeException e) {
      return proceed.getAsInt(); // no lab task: the line says why, and nothing is recorded
    }
    try {
      // Children get pipes while recording, so what they print is recorded too.
      printed = session.tee(() -> status[0] = proceed.getAsInt());
      NsSnapshot after = session.task().namespaces();
      learn(after);
      NsId pids = after.get(NsFile.PID_FOR_CHILDREN);
      newPids = pids != null && !pids.equals(session.origin().get(NsFile.PID_FOR_CHILDREN));
    } catch (Exception e) {
      // The line has run (tee only fails around it): record what is known.
      printed = new Session.Printed("", "");
      newPids = false;
    }
    List<String> block = blocks.get(blocks.size() - 1);
    block.add("> " + line.strip());
    block.addAll(expected(printed.out(), printed.err(), status[0], newPids));
    return status[0];
  }

  /**
   * What a command printed, as the lab's expected lines, in the order replay compares them
   * (standard output, then "! " and standard error, then "[N]" for a status other than 0):
   * colours taken out, and what differs between machines or runs turned into patterns (see
   * {@link #pattern}, and tables of processes and namespaces in {@link #tables}).
   */
  List<String> expected(String out, String err, int status, boolean newPidNamespace) {
    List<String> o = tables(Replay.lines(plain(out), "", 0), newPidNamespace);
    List<String> lines = new ArrayList<>();
    for (String l : o) {
      lines.add(l.equals("...") ? l : pattern(l));
    }
    for (String l : Replay.lines("", plain(err), status)) {
      lines.add(pattern(l));
    }
    return lines;
  }

  private static final Pattern ESCAPES = Pattern.compile(
      "\\u001B\\[[0-?]*[ -/]*[@-~]|\\u001B\\][^\\u0007\\u001B]*(\\u0007|\\u001B\\\\)"
          + "|\\u001B[()][0-9A-Za-z]|\\u001B[=>78]|[\\u000E\\u000F\r]");

  /** Text without terminal codes: colours, charset switches, carriage returns. */
  static String plain(String text) {
    return ESCAPES.matcher(text).replaceAll("");
  }

  private static final Pattern NS_ROW = Pattern.compile("^\\s*(4026\\d{6})(\\s+([a-z_]+))?\\s.*$");
  private static final Pattern COLUMN = Pattern.compile("[A-Z%][A-Z0-9%_:-]*");
  private static final int PS_ROWS_KEPT = 20;

  /**
   * Tables whose rows differ from machine to machine become patterns. A heading (lsns's
   * "NS TYPE NPROCS...", ps's "PID TTY...") keeps its words up to the first wide gap, since
   * columns are as wide as their contents. Rows of namespaces (lines that start with an id)
   * become "...", but for a namespace the lab task is in when it is the only such row: it is
   * kept as "{uts1} uts {*}" (one row between two "...", so the order of ids, which differs
   * between machines, cannot matter). The rows of ps become "...", unless the lab task's
   * children are in a PID namespace of their own and ps shows its PID 1 and only a few
   * processes: those are the same anywhere, kept as "{*} COMMAND".
   */
  List<String> tables(List<String> lines, boolean newPidNamespace) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String l = lines.get(i);
      if (NS_ROW.matcher(l).matches()) {
        int j = i;
        while (j < lines.size() && NS_ROW.matcher(lines.get(j)).matches()) {
          j++;
        }
        List<String> kept = rows(lines.subList(i, j), current);
        if (kept.size() > 1) {
          java.util.Set<Long> made = new java.util.HashSet<>(current);
          made.removeAll(startIds);
          kept = rows(lines.subList(i, j), made);
        }
        ellipsis(out);
        if (kept.size() == 1) {
          out.add(kept.get(0));
          ellipsis(out);
        }
        i = j;
        continue;
      }
      if (heading(l)) {
        out.add(headingPattern(l));
        int j = i + 1;
        while (j < lines.size() && !lines.get(j).isBlank() && !heading(lines.get(j))) {
          j++;
        }
        List<String> rows = lines.subList(i + 1, j);
        if (l.contains("NS") && l.contains("TYPE")) {
          out.addAll(tables(new ArrayList<>(rows), newPidNamespace));
        } else if (newPidNamespace && rows.size() <= PS_ROWS_KEPT && rows.stream()
            .anyMatch(r -> r.strip().split("\\s+")[0].equals("1"))) {
          for (String r : rows) {
            String[] w = r.strip().split("\\s+");
            out.add("{*} " + w[w.length - 1]);
          }
        } else if (!rows.isEmpty()) {
          ellipsis(out);
        }
        i = j;
        continue;
      }
      out.add(l);
      i++;
    }
    return out;
  }

  /** The rows of these namespaces, as "{uts1} uts {*}". */
  private List<String> rows(List<String> rows, java.util.Set<Long> ids) {
    List<String> kept = new ArrayList<>();
    for (String row : rows) {
      Matcher m = NS_ROW.matcher(row);
      long id = m.matches() ? Long.parseLong(m.group(1)) : -1;
      if (ids.contains(id) && names.containsKey(id)) {
        kept.add("{" + names.get(id) + "}" + (m.group(3) == null ? "" : " " + m.group(3))
            + " {*}");
      }
    }
    return kept;
  }

  private static void ellipsis(List<String> out) {
    if (out.isEmpty() || !out.get(out.size() - 1).equals("...")) {
      out.add("...");
    }
  }

  /** A table's heading: two or more column names in capitals, one of them PID or NS. */
  static boolean heading(String line) {
    String[] w = line.strip().split("\\s+");
    if (w.length < 2) {
      return false;
    }
    for (String x : w) {
      if (!COLUMN.matcher(x).matches()) {
        return false;
      }
    }
    return List.of(w).contains("PID") || List.of(w).contains("NS");
  }

  /** "{*}NS TYPE NPROCS{*}": the words up to the first gap of two blanks or more. */
  static String headingPattern(String line) {
    String s = line.strip();
    int gap = s.indexOf("  ");
    String lead = line.startsWith(" ") || line.startsWith("\t") ? "{*}" : "";
    return lead + (gap < 0 ? s + "{*}" : s.substring(0, gap) + "{*}");
  }

  private static final java.util.Set<String> SHELLS =
      java.util.Set.of("sh", "bash", "dash", "ash", "ksh", "zsh", "fish", "busybox");
  private static final java.util.Set<String> LOGIN_FLAGS = java.util.Set.of("-i", "-l", "-il",
      "-li", "--login");

  /**
   * Whether a line starts a shell that reads the keyboard: spawn (or run) of sh, bash ...
   * with no command or script to run, or run ROOTFS with no program (it runs sh). The line
   * is read with the command's own options, as the shell reads it.
   */
  static boolean interactive(org.nslab.cmd.Registry registry, String line) {
    List<String> program;
    try {
      List<String> w = org.nslab.cmd.Words.split(line);
      if (w.isEmpty() || !List.of("spawn", "run").contains(w.get(0))) {
        return false;
      }
      List<String> pos = Args.parse(registry.find(w.get(0)).spec(), w.subList(1, w.size()))
          .positionals();
      if (w.get(0).equals("run")) {
        if (pos.size() == 1) {
          return true; // run ROOTFS runs sh
        }
        pos = pos.subList(Math.min(1, pos.size()), pos.size());
      }
      program = pos;
    } catch (UsageException | RuntimeException e) {
      return false;
    }
    if (program.isEmpty() || program.contains("-c")) {
      return false;
    }
    int end = program.size();
    while (end > 0 && LOGIN_FLAGS.contains(program.get(end - 1))) {
      end--;
    }
    if (end == 0) {
      return false;
    }
    String last = program.get(end - 1);
    return SHELLS.contains(last.substring(last.lastIndexOf('/') + 1));
  }

  /** Names every namespace the lab task is in, by kind, in the order first seen. */
  void learn(NsSnapshot snapshot) {
    boolean first = startIds.isEmpty();
    current.clear();
    for (NsFile f : NsFile.values()) {
      NsId id = snapshot.get(f);
      if (id != null) {
        current.add(id.inode());
        if (first) {
          startIds.add(id.inode());
        }
        names.computeIfAbsent(id.inode(), k -> {
          String kind = id.kind().word();
          int n = perKind.merge(kind, 1, Integer::sum) - 1;
          return kind + n;
        });
      }
    }
  }

  /** One printed line as a lab's expected line: ids as captures, PIDs and the host as patterns. */
  String pattern(String line) {
    String l = line;
    Matcher job = JOB.matcher(l);
    if (job.matches()) {
      l = job.group(1) + " {*}" + job.group(2);
    }
    Matcher m = ID.matcher(l);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = names.computeIfAbsent(Long.parseLong(m.group()), k -> {
        int n = perKind.merge("ns", 1, Integer::sum) - 1;
        return "ns" + n;
      });
      m.appendReplacement(sb, "{" + name + "}");
    }
    m.appendTail(sb);
    l = PID_WORD.matcher(sb.toString()).replaceAll("$1 {*}");
    l = MAC.matcher(l).replaceAll(r -> r.group().equals("ff:ff:ff:ff:ff:ff")
        || r.group().equals("00:00:00:00:00:00") ? r.group() : "{*}");
    l = DURATION.matcher(l).replaceAll("{*}");
    if (host != null && !host.isEmpty()) {
      l = l.replaceAll("(?<![\\w.-])" + Pattern.quote(host) + "(?![\\w.-])", "{host}");
    }
    return l;
  }

  /** The machine's hostname, which becomes {host} (record FILE sets it; tests too). */
  void host(String name) {
    host = name;
  }

  private final class RecordCommand implements Command {
    private final Spec spec = new Spec("record",
        List.of("record FILE", "record step [TITLE]", "record stop [FILE]"),
        Key.CMD_RECORD, Key.CMD_RECORD_MORE,
        List.of(), Complete.PATHS, 1, -1, false).withVerbs("step", "stop");

    @Override
    public Spec spec() {
      return spec;
    }

    @Override
    public int run(Session session, Args args) throws Exception {
      List<String> p = args.positionals();
      switch (p.get(0)) {
        case "stop" -> {
          if (file == null) {
            throw new CommandException("not recording (record FILE starts)");
          }
          Path f = p.size() > 1 ? Path.of(p.get(1)) : file;
          if (p.size() > 1 && Files.exists(f)) {
            throw new CommandException(f + " exists: pick another name; still recording");
          }
          try {
            write(f);
          } catch (java.io.IOException e) {
            // Nothing is lost: the recording goes on until it is written somewhere.
            throw new CommandException("could not write " + f + " (" + Interpreter.describe(e)
                + "); still recording: record stop OTHER-FILE writes it there");
          }
          file = null;
          session.out().println("record: wrote " + f + " (" + blocks.stream()
              .mapToLong(b -> b.stream().filter(x -> x.startsWith("> ")).count()).sum()
              + " commands); nslab run " + f + " replays it");
        }
        case "step" -> {
          if (file == null) {
            throw new CommandException("not recording (record FILE starts)");
          }
          String title = String.join(" ", p.subList(1, p.size())).strip();
          steps.add(title.isEmpty() ? "Recorded" : title);
          blocks.add(new ArrayList<>());
          notes.add(new ArrayList<>());
        }
        default -> {
          if (file != null) {
            throw new CommandException("already recording to " + file + " (record stop)");
          }
          if (p.size() != 1) {
            throw new UsageException("record FILE takes one file");
          }
          Path f = Path.of(p.get(0));
          if (Files.exists(f)) {
            throw new CommandException(f + " exists: record writes a new lab, pick another name");
          }
          Path parent = f.toAbsolutePath().getParent();
          if (!Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new CommandException("cannot write in " + parent + (Files.isDirectory(parent)
                ? " (permission denied)" : " (no such directory)")
                + ": the lab is written there at record stop");
          }
          file = f;
          steps.clear();
          blocks.clear();
          notes.clear();
          names.clear();
          perKind.clear();
          startIds.clear();
          current.clear();
          // The machine's name, as replay's {host} is: the shell's, not the lab task's.
          host = Syscalls.gethostname();
          steps.add("Recorded");
          blocks.add(new ArrayList<>());
          notes.add(new ArrayList<>());
          learn(session.origin());
          session.out().println("record: recording to " + f + " (record stop writes it)");
        }
      }
      return 0;
    }
  }

  private void write(Path f) throws Exception {
    String base = f.getFileName().toString().replaceFirst("\\.md$", "");
    StringBuilder sb = new StringBuilder();
    // The front matter is YAML (a site generator reads it too): the title has a colon.
    sb.append("---\nid: ").append(YamlScalar.quote(base)).append("\ntitle: ")
        .append(YamlScalar.quote("Recorded: " + base))
        .append("\nrequires: root\n---\n\n# Recorded: ").append(base).append("\n\n")
        .append("Recorded with nslab's record on ").append(java.time.LocalDate.now())
        .append(". Namespace ids are captures, PIDs, MAC addresses and durations are {*}, the")
        .append("\nhostname is {host}, and rows of lsns and ps tables that differ between machines")
        .append(" are `...`.\n");
    for (int i = 0; i < steps.size(); i++) {
      if (blocks.get(i).isEmpty()) {
        continue;
      }
      sb.append("\n## Step ").append(i + 1).append(": ").append(steps.get(i)).append("\n\n");
      for (String n : notes.get(i)) {
        sb.append(n).append("\n\n");
      }
      sb.append("```nslab\n");
      for (String l : blocks.get(i)) {
        sb.append(l).append('\n');
      }
      sb.append("```\n");
    }
    Files.writeString(f, sb.toString());
  }
}
