package org.nslab.lab;

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
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsSnapshot;
import org.nslab.sys.Syscalls;

/**
 * record FILE: what is typed and printed from now on becomes a new lab file, with namespace
 * ids turned into captures ({uts0}, {uts1}: the same id is the same name everywhere), PIDs into
 * {*} and the machine's hostname into {host}, so that nslab run replays it on any machine.
 */
public final class Recorder {
  private static final Pattern ID = Pattern.compile("\\b4026\\d{6}\\b");
  private static final Pattern PID_WORD =
      Pattern.compile("\\b(pid|thread|PID|host pid) (\\d+)\\b");
  private static final Pattern JOB = Pattern.compile("^(\\[\\d+\\]) \\d+(.*)$");

  private Path file;
  private final List<String> steps = new ArrayList<>();
  private final List<List<String>> blocks = new ArrayList<>();
  private final List<List<String>> notes = new ArrayList<>();
  private final Map<Long, String> names = new HashMap<>();
  private final Map<String, Integer> perKind = new HashMap<>();
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
    String printed;
    try {
      NsSnapshot before = session.task().namespaces();
      learn(before);
      // Children get pipes while recording, so what they print is recorded too.
      printed = session.capture(() -> status[0] = proceed.getAsInt());
      learn(session.task().namespaces());
    } catch (Exception e) {
      return proceed.getAsInt();
    }
    session.out().print(printed);
    session.out().flush();
    List<String> block = blocks.get(blocks.size() - 1);
    block.add("> " + line.strip());
    List<String> lines = new ArrayList<>(List.of(printed.split("\n", -1)));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    for (String l : lines) {
      block.add(pattern(l));
    }
    if (status[0] != 0) {
      block.add("[" + status[0] + "]");
    }
    return status[0];
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
  private void learn(NsSnapshot snapshot) {
    for (NsFile f : NsFile.values()) {
      NsId id = snapshot.get(f);
      if (id != null) {
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
    if (host != null && !host.isEmpty()) {
      l = l.replaceAll("(?<![\\w.-])" + Pattern.quote(host) + "(?![\\w.-])", "{host}");
    }
    return l;
  }

  private final class RecordCommand implements Command {
    private final Spec spec = new Spec("record",
        List.of("record FILE", "record step [TITLE]", "record stop [FILE]"),
        "Record what you type and what it prints into a new lab file.",
        """
        From record FILE on, each command and its output go into FILE as a lab (written at
        record stop), with namespace ids as captures ({uts0}), PIDs as {*} and the hostname
        as {host}, so that nslab run FILE replays it. record step TITLE starts a new step.
        record stop OTHER writes the lab to OTHER instead (if FILE could not be written, the
        recording goes on until it is written somewhere).
        While recording, children print through nslab (pipes, not the terminal), so that
        their output is recorded; a shell started with nothing to run (spawn sh, run ROOTFS)
        keeps the terminal instead, and the lab notes that what was typed in it is missing.""",
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
          host = session.task().call(Syscalls::gethostname);
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
        .append(". Namespace ids are captures, PIDs are {*}, the hostname is {host}.\n");
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
