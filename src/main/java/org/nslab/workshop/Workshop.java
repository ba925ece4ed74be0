package org.nslab.workshop;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nslab.cmd.Args;
import org.nslab.cmd.Command;
import org.nslab.cmd.CommandException;
import org.nslab.cmd.Complete;
import org.nslab.cmd.Interpreter;
import org.nslab.cmd.Paint;
import org.nslab.cmd.Session;
import org.nslab.cmd.Spec;
import org.nslab.cmd.UsageException;
import org.nslab.lab.Check;
import org.nslab.lab.Entry;
import org.nslab.lab.Lab;
import org.nslab.lab.LabParser;
import org.nslab.lab.LabSyntaxException;
import org.nslab.lab.Probe;
import org.nslab.lab.Step;
import org.nslab.ns.NsKind;
import org.nslab.replay.Checks;
import org.nslab.replay.Evidence;
import org.nslab.replay.Replay;
import org.nslab.text.Key;
import org.nslab.text.Text;

/**
 * Self-paced labs inside the shell: lab list|start|next|prev|step|show|reset|submit|check-all,
 * hint, answer and check. The open lab's current step is shown rendered for the terminal, in
 * the student's language where the lab has it; progress is saved after every command.
 */
public final class Workshop {
  /** Longest pause counted as time spent on a step: a student away is not working. */
  static final long IDLE_SECONDS = 300;

  private final Path labsDir;
  private final Progress progress;
  private final String lang;
  private final Text text;
  private Interpreter interpreter;
  private Lab lab;
  private long lastActivity = Progress.now();

  public Workshop(Path labsDir, Progress progress, String lang) {
    this(labsDir, progress, Text.of(lang));
  }

  /** With nslab's own words from {@code text}, whose language is also the labs'. */
  public Workshop(Path labsDir, Progress progress, Text text) {
    this.labsDir = labsDir;
    this.progress = progress;
    this.lang = text.lang();
    this.text = text;
  }

  /** Where the labs are: $NSLAB_LABS, else -Dnslab.labs (scripts/nslab sets it), else ./labs. */
  public static Path labsDir(Map<String, String> env) {
    String dir = env.get("NSLAB_LABS");
    if (dir == null || dir.isEmpty()) {
      dir = System.getProperty("nslab.labs", "labs");
    }
    return Path.of(dir);
  }


  public String lang() {
    return lang;
  }

  /** Adds the workshop's words to the shell, and watches what is typed for progress. */
  public void install(Interpreter interpreter) {
    this.interpreter = interpreter;
    interpreter.registry().add(new LabCommand());
    interpreter.registry().add(new Word(HINT_SPEC, this::hint));
    interpreter.registry().add(new Word(ANSWER_SPEC, this::answer));
    interpreter.registry().add(new Word(CHECK_SPEC, this::check));
    interpreter.onTyped(this::typed);
  }

  /** Words about the lab or the shell, not part of a student's work on it. */
  private static final List<String> OWN_WORDS =
      List.of("lab", "hint", "answer", "check", "help", "?", "exit", "quit", "record");

  /**
   * Whether a typed line is work on a lab (what a submission or a recording keeps): not blank,
   * not a comment, and not one of the workshop's or the shell's own words.
   */
  static boolean isLabWork(String line) {
    String l = line.strip();
    return !l.isEmpty() && !l.startsWith("#") && !OWN_WORDS.contains(l.split("\\s+")[0]);
  }

  /** Records a typed command for the open lab, and the time spent on its step. */
  private int typed(Session session, String line, java.util.function.IntSupplier proceed) {
    int status = proceed.getAsInt();
    if (lab != null) {
      Progress.LabState s = progress.lab(lab.id());
      if (isLabWork(line)) {
        s.commands.add(new Progress.Typed(s.step, line.strip()));
        typedHere = true;
        notice(session, s);
      }
      save(session, s);
    }
    return status;
  }

  // ---- the step's evidence (Evidence: one rule with grading) ----

  /** The step whose checks atStart holds ("uts 2"), what held when it began, and whether a
   * command was typed in it since. */
  private String begun;
  private boolean[] atStart = new boolean[0];
  private boolean typedHere;

  /** Tries the current step's checks once, when the student arrives at it. */
  private void begin(Session session) throws CommandException {
    String key = lab.id() + " " + progress.lab(lab.id()).step;
    if (key.equals(begun)) {
      return;
    }
    List<Check> cs = current().checks();
    atStart = new boolean[cs.size()];
    Checks checks = checks(session);
    for (int k = 0; k < cs.size(); k++) {
      // A check not tried unasked counts as held: it can show no change, so the step then
      // needs a command typed in it (Evidence).
      atStart[k] = !mayTryUnasked(session, cs.get(k)) || holds(checks, cs.get(k));
    }
    begun = key;
    typedHere = false;
  }

  /**
   * Whether a check may be tried without the student asking (as a step begins, or after a
   * command): not one that starts a child where the student counts processes, in a PID
   * namespace of the lab's own (or a saved point's), since the child would take the number
   * the student's next child is to get ("spawn sh -c 'echo $$'" printing 3, not 2). check
   * tries it, when asked.
   */
  private static boolean mayTryUnasked(Session session, Check c) {
    if (!c.probe().spawns()) {
      return true;
    }
    if (c.probe() instanceof Probe.Spawn s && s.command().contains("--ns")) {
      return false;
    }
    return !session.changed(NsKind.PID); // children still go to the shell's first one
  }

  private Checks checks(Session session) {
    Checks checks = new Checks(session, interpreter);
    // After unshare pid, the student's next spawn is to be PID 1: a check's must not be.
    checks.mayStartPid1(false);
    return checks;
  }

  private static boolean holds(Checks checks, Check c) {
    try {
      return checks.holds(c);
    } catch (Exception e) {
      return false; // a check that cannot be evaluated (its spawn failed, say) does not hold
    }
  }

  /**
   * After a command of the student's: whether the current step is now passed, said in one
   * line. Checks that would take PID 1 from the student's next child, or any PID in a PID
   * namespace of the lab's own, or that may wait (a child that runs timeout or sleep), are
   * not tried here: check tries them.
   */
  private void notice(Session session, Progress.LabState s) {
    try {
      Step step = current();
      if (step.checks().isEmpty() || s.step(s.step).passed > 0
          || !(lab.id() + " " + s.step).equals(begun)) {
        return;
      }
      Checks checks = checks(session);
      for (Check c : step.checks()) {
        if (c.probe().spawns() && (c.probe().costly() || !checks.mayRun(c.probe())
            || !mayTryUnasked(session, c))) {
          return;
        }
      }
      boolean[] now = new boolean[step.checks().size()];
      // The cheap ones first: a child is started only when everything else holds.
      for (boolean spawns : new boolean[] {false, true}) {
        for (int k = 0; k < now.length; k++) {
          Check c = step.checks().get(k);
          if (c.probe().spawns() == spawns) {
            now[k] = holds(checks, c);
            if (!now[k]) {
              return;
            }
          }
        }
      }
      if (!Evidence.passes(atStart, now, typedHere)) {
        return;
      }
      s.step(s.step).passed = Progress.now();
      int max = step.checks().stream().mapToInt(Check::points).sum();
      session.out().println(session.paint(Paint.Tone.OK, say(session, text.get(
          s.step < open().steps().size() ? Key.WORKSHOP_STEP_DONE : Key.WORKSHOP_LAB_DONE, s.step,
          max, max))));
    } catch (CommandException e) {
      // no lab open: nothing to notice
    }
  }

  private void save(Session session, Progress.LabState s) {
    long now = Progress.now();
    s.step(s.step).seconds += Math.min(Math.max(0, now - lastActivity), IDLE_SECONDS);
    lastActivity = now;
    s.updated = now;
    try {
      progress.save();
    } catch (IOException e) {
      session.err().println(session.paint(Paint.Tone.WARN,
          say(session, text.get(Key.WORKSHOP_NOT_SAVED, progress.file(), e.getMessage()))));
    }
  }

  // ---- the labs ----

  List<Path> labFiles() throws IOException {
    if (!Files.isDirectory(labsDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(labsDir)) {
      return s.filter(p -> p.toString().endsWith(".md") && !p.endsWith("README.md")).sorted()
          .toList();
    }
  }

  Lab load(String idOrFile) throws Exception {
    Path f = idOrFile.endsWith(".md") ? Path.of(idOrFile) : labsDir.resolve(idOrFile + ".md");
    try {
      return LabParser.parse(f);
    } catch (NoSuchFileException e) {
      if (idOrFile.endsWith(".md")) {
        throw new CommandException(text.get(Key.WORKSHOP_NO_SUCH_FILE, idOrFile));
      }
      List<String> ids = new ArrayList<>();
      for (Path p : labFiles()) {
        ids.add(p.getFileName().toString().replace(".md", ""));
      }
      throw new CommandException(ids.isEmpty()
          ? text.get(Key.WORKSHOP_NO_SUCH_LAB, idOrFile, labsDir)
          : text.get(Key.WORKSHOP_NO_SUCH_LAB_LIST, idOrFile, labsDir, String.join(", ", ids)));
    } catch (LabSyntaxException e) {
      throw new CommandException(e.getMessage(), 2); // the lab is refused, as nslab run does
    }
  }

  private Lab open() throws CommandException {
    if (lab == null) {
      throw new CommandException(text.get(Key.WORKSHOP_NONE_OPEN));
    }
    return lab;
  }

  private Step current() throws CommandException {
    Lab l = open();
    int n = progress.lab(l.id()).step;
    return l.steps().get(Math.max(1, Math.min(n, l.steps().size())) - 1);
  }

  private static int width(Session session) {
    int w = session.console().width();
    return w <= 0 ? 80 : Math.min(w, 100);
  }

  /** nslab's own line, wrapped to the terminal at blanks (as it is when there is none). */
  private static String say(Session session, String line) {
    return Interpreter.wrap(session, line);
  }

  private void print(Session session, String markdown) {
    TermText.print(session.out(), markdown, width(session), session.paint());
  }

  /** The current step: its heading, its prose, and what can be done next. */
  void show(Session session) throws CommandException {
    Lab l = open();
    Progress.LabState s = progress.lab(l.id());
    Step step = current();
    begin(session);
    PrintWriter out = session.out();
    out.println();
    out.println(session.paint(Paint.Tone.DIM, say(session, l.title(lang) + "  [" + s.step + "/"
        + l.steps().size() + (s.step(s.step).passed > 0 ? " ✓" : "") + "]")));
    out.println(session.paint(Paint.Tone.BOLD, say(session, step.title(lang))));
    out.println();
    print(session, step.prose(lang));
    out.println();
    int hints = step.hints(lang).size();
    out.println(session.paint(Paint.Tone.DIM, Interpreter.wrap(session,
        "  " + text.get(Key.WORKSHOP_FOOTER, s.step(s.step).hints, hints), 4)));
  }

  // ---- commands ----

  /** What a command does, given its session and arguments. */
  private interface Body {
    int run(Session session, Args args) throws Exception;
  }

  /** A command made of its spec and what it does. */
  private record Word(Spec spec, Body body) implements Command {
    @Override
    public int run(Session session, Args args) throws Exception {
      return body.run(session, args);
    }
  }

  private final class LabCommand implements Command {
    private final Spec spec = new Spec("lab",
        List.of("lab list", "lab start ID|FILE", "lab next | prev | step N | show",
            "lab reset [ID]", "lab submit [FILE]", "lab check-all DIR"),
        Key.CMD_LAB, Key.CMD_LAB_MORE,
        List.of(), Complete.NONE, 1, 2, false)
        .withVerbs("list", "start", "next", "prev", "step", "show", "reset", "submit",
            "check-all");

    @Override
    public Spec spec() {
      return spec;
    }

    @Override
    public int run(Session session, Args args) throws Exception {
      String verb = args.positional(0);
      String arg = args.positional(1);
      switch (verb) {
        case "list" -> list(session);
        case "start" -> start(session, arg);
        case "show" -> show(session);
        case "next", "prev" -> move(session, progress.lab(open().id()).step
            + (verb.equals("next") ? 1 : -1));
        case "step" -> {
          if (arg == null || !arg.matches("\\d+")) {
            throw new UsageException("lab step wants a step number");
          }
          move(session, Integer.parseInt(arg));
        }
        case "reset" -> {
          String id = arg != null ? id(arg) : open().id();
          progress.reset(id);
          progress.save();
          session.out().println(say(session, text.get(Key.WORKSHOP_RESET, id)));
          if (lab == null && arg != null) {
            start(session, arg); // nothing open: open it, at step 1
          } else if (lab != null && lab.id().equals(id)) {
            progress.lab(id);
            show(session);
          }
        }
        case "submit" -> submit(session, arg);
        case "check-all" -> {
          if (arg == null) {
            throw new UsageException("lab check-all wants the directory of progress files");
          }
          session.out().print(Room.table(Path.of(arg), labFiles()));
        }
        default -> throw new UsageException("unknown verb '" + verb + "' (list, start, next, prev,"
            + " step, show, reset, submit, check-all)");
      }
      return 0;
    }

    @Override
    public List<String> candidates(List<String> words, int index) {
      if (index != 2 || !List.of("start", "reset").contains(words.get(1))) {
        return List.of();
      }
      try {
        return labFiles().stream().map(p -> p.getFileName().toString().replace(".md", ""))
            .toList();
      } catch (IOException e) {
        return List.of();
      }
    }

    /** Opens a lab where the student left it (at step 1 the first time), and shows the step. */
    private void start(Session session, String arg) throws Exception {
      if (arg == null) {
        throw new UsageException("which lab? (lab list)");
      }
      lab = load(arg);
      session.promptNote(() -> lab == null ? null
          : lab.id() + " " + progress.lab(lab.id()).step + "/" + lab.steps().size());
      String missing = Replay.missing(lab.requires(), text);
      if (missing != null) {
        session.err().println(session.paint(Paint.Tone.WARN,
            text.get(Key.WORKSHOP_LAB_CANNOT, lab.id(), missing)));
      }
      String noLang = Msg.noLanguage(lab, text);
      if (noLang != null) {
        session.out().println(session.paint(Paint.Tone.DIM, noLang));
      }
      boolean resumed = progress.labs().containsKey(lab.id());
      Progress.LabState s = progress.lab(lab.id());
      if (s.step == 1) {
        // A lab begins where the shell started: an earlier lab's namespaces would change
        // what its steps show (umount -l /proc is not refused in a mount namespace of one's
        // own). Time is left out: no one can go back from a time namespace (ns reset).
        List<String> moved = new ArrayList<>();
        for (NsKind k : NsKind.values()) {
          if (k != NsKind.TIME && session.changed(k)) {
            moved.add(k.word());
          }
        }
        if (!moved.isEmpty()) {
          session.err().println(session.paint(Paint.Tone.WARN, say(session, text.get(
              Key.WORKSHOP_NOT_AT_START, String.join(" ", moved)))));
        }
      }
      lastActivity = Progress.now();
      save(session, s);
      if (!resumed) {
        session.out().println();
        session.out().println(session.paint(Paint.Tone.BOLD, lab.title(lang)));
        session.out().println();
        print(session, lab.intro(lang).replaceFirst("(?s)^\\s*#[^\n]*\n", ""));
      } else {
        session.out().println(session.paint(Paint.Tone.DIM, say(session, text.get(
            Key.WORKSHOP_RESUME, lab.id(), s.step, s.passed(), lab.steps().size()))));
      }
      show(session);
    }

    /** The id of the lab ID or FILE names (the word itself when no such lab can be read). */
    private String id(String arg) {
      try {
        return load(arg).id();
      } catch (Exception e) {
        return arg;
      }
    }

    private void move(Session session, int n) throws Exception {
      Lab l = open();
      if (n < 1 || n > l.steps().size()) {
        throw new CommandException(text.get(Key.WORKSHOP_STEPS_RANGE, l.id(), l.steps().size()));
      }
      progress.lab(l.id()).step = n;
      save(session, progress.lab(l.id()));
      show(session);
    }

    private void list(Session session) throws Exception {
      List<Path> files = labFiles();
      if (files.isEmpty()) {
        throw new CommandException(text.get(Key.WORKSHOP_NO_LABS, labsDir));
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(text.get(Key.WORKSHOP_LIST_HEADER).split("\\|"));
      for (Path f : files) {
        Lab l;
        try {
          l = LabParser.parse(f);
        } catch (LabSyntaxException e) {
          session.err().println(e.getMessage());
          continue;
        }
        Progress.LabState s = progress.labs().get(l.id());
        String steps = s == null ? "-" : s.passed() + "/" + l.steps().size()
            + (s.passed() == l.steps().size() ? " " + text.get(Key.WORKSHOP_LIST_DONE) : "");
        rows.add(new String[] {l.id(), steps, s == null ? "" : Integer.toString(s.hints()),
            s == null ? "" : Room.minutes(s.seconds()), l.title(lang)});
      }
      session.out().print(Room.layout(rows, session.console().width()));
    }

    private void submit(Session session, String file) throws Exception {
      Lab l = open();
      Progress.LabState s = progress.lab(l.id());
      // Beside the progress file (the student's own directory), unless a file is named.
      Path out = file != null ? Path.of(file) : progress.file().resolveSibling("submissions")
          .resolve(l.id() + "-submission.txt");
      StringBuilder sb = new StringBuilder();
      sb.append("# nslab submission for lab ").append(l.id()).append(" (").append(l.title())
          .append(")\n");
      sb.append("# ").append(session.env().getOrDefault("SUDO_USER",
          session.env().getOrDefault("USER", "student"))).append(", ")
          .append(java.time.Instant.ofEpochSecond(Progress.now())).append(", ")
          .append(s.passed()).append(" of ").append(l.steps().size()).append(" steps passed\n");
      int step = 0;
      for (Progress.Typed t : s.commands) {
        if (t.step() != step) {
          step = t.step();
          sb.append("\n# step ").append(step).append('\n');
        }
        sb.append(t.line()).append('\n');
      }
      progress.writeOwned(out, sb.toString());
      session.out().println(say(session, text.get(Key.WORKSHOP_WROTE, s.commands.size(), out,
          Path.of(l.file()))));
    }
  }

  private static final Spec HINT_SPEC = new Spec("hint", List.of("hint"),
        Key.CMD_HINT, Key.CMD_HINT_MORE,
      List.of(), Complete.NONE, 0, 0, false);

  private int hint(Session session, Args args) throws Exception {
    Step step = current();
    Progress.LabState s = progress.lab(lab.id());
    Progress.StepState st = s.step(s.step);
    List<String> hints = step.hints(lang);
    if (hints.isEmpty()) {
      session.out().println(say(session, text.get(Key.WORKSHOP_NO_HINTS)));
      return 0;
    }
    if (st.hints >= hints.size()) {
      session.out().println(say(session, text.get(Key.WORKSHOP_HINTS_OUT, hints.size())));
      return 0;
    }
    st.hints++;
    save(session, s);
    session.out().println(session.paint(Paint.Tone.BOLD, say(session, text.get(Key.WORKSHOP_HINT,
        st.hints, hints.size()))));
    print(session, hints.get(st.hints - 1));
    return 0;
  }

  private static final Spec ANSWER_SPEC = new Spec("answer", List.of("answer"),
        Key.CMD_ANSWER, Key.CMD_ANSWER_MORE,
      List.of(), Complete.NONE, 0, 0, false);

  private int answer(Session session, Args args) throws Exception {
    Step step = current();
    Progress.LabState s = progress.lab(lab.id());
    Progress.StepState st = s.step(s.step);
    int hints = step.hints(lang).size();
    if (st.hints < hints) {
      throw new CommandException(text.get(Key.WORKSHOP_HINTS_FIRST, st.hints, hints));
    }
    st.answer = true;
    save(session, s);
    List<String> commands = step.answer().isEmpty()
        ? step.entries().stream().map(Entry::command).toList() : step.answer();
    session.out().println(session.paint(Paint.Tone.BOLD, say(session, text.get(Key.WORKSHOP_ANSWER))));
    for (String c : commands) {
      session.out().println("  " + session.paint(Paint.Tone.CHANGED, c));
    }
    return 0;
  }

  private static final Spec CHECK_SPEC = new Spec("check", List.of("check"),
        Key.CMD_CHECK, Key.CMD_CHECK_MORE,
      List.of(), Complete.NONE, 0, 0, false);

  private int check(Session session, Args args) throws Exception {
    Lab l = open();
    Step step = current();
    Progress.LabState s = progress.lab(l.id());
    begin(session);
    if (step.checks().isEmpty()) {
      session.out().println(say(session, text.get(Key.WORKSHOP_NO_CHECKS)));
      if (s.step(s.step).passed == 0) {
        s.step(s.step).passed = Progress.now();
      }
      save(session, s);
      return 0;
    }
    Checks checks = checks(session);
    int held = 0;
    int points = 0;
    int max = 0;
    boolean[] now = new boolean[step.checks().size()];
    for (int k = 0; k < now.length; k++) {
      Check c = step.checks().get(k);
      now[k] = holds(checks, c);
      max += c.points();
      if (now[k]) {
        held++;
        points += c.points();
        session.out().println(Interpreter.wrap(session, "  " + session.paint(Paint.Tone.OK, "✓")
            + " " + session.paint(Paint.Tone.DIM, Checks.held(c, text)), 4));
      } else {
        session.out().println(Interpreter.wrap(session, "  " + session.paint(Paint.Tone.ERROR, "✗")
            + " " + (c.message().isEmpty() ? Checks.describe(c, text) : c.message(lang)), 4));
      }
    }
    if (held < step.checks().size()) {
      session.out().println(say(session, text.get(Key.WORKSHOP_NOT_YET, held, step.checks().size(),
          points, max)));
      save(session, s);
      return 1;
    }
    if (s.step(s.step).passed == 0 && !Evidence.passes(atStart, now, typedHere)) {
      // Everything held when the step began, and nothing was typed in it since.
      session.out().println(say(session, text.get(Key.WORKSHOP_NO_WORK)));
      save(session, s);
      return 1;
    }
    if (s.step(s.step).passed == 0) {
      s.step(s.step).passed = Progress.now();
    }
    session.out().println(session.paint(Paint.Tone.OK, say(session, text.get(Key.WORKSHOP_PASSED,
        s.step, points, max))));
    if (s.step < l.steps().size()) {
      s.step++;
      save(session, s);
      show(session);
    } else {
      save(session, s);
      session.out().println(session.paint(Paint.Tone.OK, say(session, text.get(Key.WORKSHOP_DONE,
          l.id(), s.passed(), l.steps().size(), s.hints(), Room.minutes(s.seconds())))));
    }
    return 0;
  }
}
