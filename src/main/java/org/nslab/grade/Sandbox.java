package org.nslab.grade;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.nslab.lab.Check;
import org.nslab.lab.Lab;
import org.nslab.lab.Step;
import org.nslab.replay.Replay;
import org.nslab.sys.Cgroups;
import org.nslab.text.Key;
import org.nslab.text.Text;

/**
 * Runs one submission in a sandbox of its own and reads back its report. The sandbox (see
 * sandbox.sh) is a new nslab JVM in new user, mount, PID, UTS, IPC, network and cgroup
 * namespaces, whose root is an overlay of / with its writes on a tmpfs, whose root user is an
 * unused uid on the host, and whose cgroup limits its processes and memory. The grader kills
 * it when it runs over its time.
 */
public final class Sandbox implements AutoCloseable {
  /**
   * The first of the host uids (and gids) sandboxes map to: each sandbox running on this
   * machine at a time, in this grading run or another, takes a slot of 65536 ids of its own
   * from here on (see {@link Slot}), so that no sandbox owns another's files or cgroups.
   */
  static final int UID_BASE = 1_500_000_000;
  private static final int SLOTS = 4096;

  /**
   * The grader's room in a sandbox, beside the submission's limits: nslab's JVM there (its
   * threads count as processes) and the checks it runs. A JVM of -Xmx128m stays below it.
   */
  static final int GRADER_PIDS = 128;
  static final long GRADER_MEMORY = 256L << 20;

  /** What a sandbox may use. */
  public record Limits(long commandMs, long totalMs, int pids, long memoryBytes, int cpus,
      String lang) {}

  private final Path stage;
  private final Limits limits;
  private final Cgroups cgroups;
  private final List<String> binds = new ArrayList<>();
  private final List<String> copies = new ArrayList<>();
  private final List<String> command = new ArrayList<>();
  private final SecureRandom random = new SecureRandom();

  /** Prepares what every sandbox of this grading run shares: the lab and nslab itself. */
  public Sandbox(Path labFile, Limits limits) throws IOException {
    this.limits = limits;
    // Root's alone: every submission waits here, and a sandbox sees only its own (bound in).
    stage = Files.createTempDirectory("nslab-grade-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try (InputStream in = Sandbox.class.getResourceAsStream("sandbox.sh")) {
      Files.write(stage.resolve("sandbox.sh"), in.readAllBytes());
    }
    Files.copy(labFile, stage.resolve("lab.md"));
    readable(stage.resolve("sandbox.sh"));
    readable(stage.resolve("lab.md"));
    List<String> java = new ArrayList<>(List.of("-Xrs", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx128m", "-Djnr.ffi.asm.enabled=false",
        "-Xlog:disable"));
    Path jar = launcherJar();
    Path cds = archive();
    if (jar != null && cds != null) {
      // As the launcher started this JVM: its jar, the jars beside it and its AppCDS archive,
      // each bound at its own path (a class path must match the archive's to use it), and
      // the JDK at its own, which saves a tenth of the sandbox's start. Three mounts.
      Path home = Path.of(System.getProperty("java.home")).toRealPath();
      bind(home, home.toString());
      bind(jar, jar.toString());
      bind(jar.resolveSibling("lib"), jar.resolveSibling("lib").toString());
      bind(cds, cds.toString());
      command.add(home.resolve("bin/java").toString());
      command.addAll(java);
      command.add("-XX:SharedArchiveFile=" + cds);
    } else {
      bind(Path.of(System.getProperty("java.home")), "/run/nslab/java");
      // nslab's class path, copied once into one directory that every sandbox gets with one
      // bind: a mount costs a process, and a process costs 100 ms on an emulated machine.
      Path cpDir = Files.createDirectory(stage.resolve("cp"));
      Files.setPosixFilePermissions(cpDir, PosixFilePermissions.fromString("rwxr-xr-x"));
      List<String> cp = new ArrayList<>();
      int i = 0;
      for (Path entry : classPath()) {
        String name = i++ + (Files.isDirectory(entry) ? "" : ".jar");
        copyTree(entry, cpDir.resolve(name));
        cp.add("/run/nslab/cp/" + name);
      }
      bind(cpDir, "/run/nslab/cp");
      command.add("/run/nslab/java/bin/java");
      command.addAll(java);
      command.addAll(List.of("-cp", String.join(":", cp)));
    }
    copies.add("--");
    Path rootfs = Path.of("target/rootfs").toAbsolutePath();
    if (Files.isDirectory(rootfs) && Files.readString(labFile).contains("rootfs")) {
      // A copy the sandbox's root owns (about 2 MB), for the labs that use it: pivot_root
      // makes a directory in it.
      copies.add(rootfs.toRealPath().toString());
      copies.add("/run/nslab/work/target/rootfs");
    }
    String jffi = System.getProperty("jffi.boot.library.path");
    if (jffi != null && Files.isDirectory(Path.of(jffi))) {
      bind(Path.of(jffi), "/run/nslab/native");
      command.add("-Djffi.boot.library.path=/run/nslab/native");
    }
    if (jar != null && cds != null) {
      command.addAll(List.of("-jar", jar.toString(), "grade", SandboxProtocol.SANDBOXED));
    } else {
      command.addAll(List.of("org.nslab.Main", "grade", SandboxProtocol.SANDBOXED));
    }
    cgroups = Cgroups.detect();
    for (String c : List.of("pids", "memory", "cpu")) {
      if (!cgroups.has(c)) {
        String option = c.equals("pids") ? "--pids " + limits.pids()
            : c.equals("memory") ? "--memory " + (limits.memoryBytes() >> 20) + "M"
            : "--cpus " + limits.cpus();
        notices.add("nslab grade: " + option + " cannot be applied here: no " + c
            + " cgroup controller is available to the grader (" + cgroups.layout() + ");"
            + " grading goes on without that limit");
      }
    }
  }

  private final List<String> notices = new ArrayList<>();

  /** Limits this machine cannot apply, one line each, to say once before grading. */
  public List<String> notices() {
    return notices;
  }

  private void bind(Path src, String dst) throws IOException {
    binds.add(src.toRealPath().toString());
    binds.add(dst);
  }

  private static void readable(Path p) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
  }

  /** Copies a jar, or a directory of classes, readable by everyone. */
  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.exists(from)) {
      return; // A class path entry that does not exist is skipped by the JVM as well.
    }
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path src : (Iterable<Path>) paths::iterator) {
        Path dst = to.resolve(from.relativize(src).toString());
        if (Files.isDirectory(src)) {
          Files.createDirectories(dst);
          Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
          Files.copy(src, dst);
          readable(dst);
        }
      }
    }
  }

  /**
   * The jar this JVM runs from, as the launcher starts it (java -jar target/nslab.jar, its
   * dependencies in lib/ beside it), where a sandbox can have it at the same path; else null.
   * Not below /tmp, /dev, /proc or /sys, which the sandbox mounts afresh.
   */
  private static Path launcherJar() throws IOException {
    String cp = System.getProperty("java.class.path");
    if (cp.contains(":") || !cp.endsWith(".jar")) {
      return null;
    }
    Path jar = Path.of(cp).toAbsolutePath().toRealPath();
    for (String hidden : List.of("/tmp/", "/dev/", "/proc/", "/sys/", "/run/nslab")) {
      if (jar.toString().startsWith(hidden)) {
        return null;
      }
    }
    return Files.isDirectory(jar.resolveSibling("lib")) ? jar : null;
  }

  /** The AppCDS archive this JVM was started with (-XX:SharedArchiveFile), or null. */
  private static Path archive() throws IOException {
    for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean()
        .getInputArguments()) {
      if (a.startsWith("-XX:SharedArchiveFile=")) {
        Path p = Path.of(a.substring(a.indexOf('=') + 1)).toAbsolutePath();
        return Files.isRegularFile(p) && !p.toString().contains(":") ? p.toRealPath() : null;
      }
    }
    return null;
  }

  /** This JVM's class path, with a jar's manifest Class-Path (java -jar nslab.jar) spelled out. */
  static List<Path> classPath() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(":")) {
      if (e.isEmpty()) {
        continue;
      }
      Path p = Path.of(e).toAbsolutePath();
      out.add(p);
      if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
        try (JarFile jar = new JarFile(p.toFile())) {
          String more = jar.getManifest() == null ? null
              : jar.getManifest().getMainAttributes().getValue("Class-Path");
          if (more != null) {
            for (String m : more.trim().split("\\s+")) {
              out.add(p.getParent().resolve(m).normalize());
            }
          }
        }
      }
    }
    return out;
  }

  /** Grades one submission (its text, under a name for the report) in a new sandbox. */
  public Report grade(Lab lab, int index, String name, String text) {
    long t0 = System.nanoTime();
    String group = "grade-" + index;
    Path box = stage.resolve("box-" + index);
    Process p = null;
    Heard heard = new Heard();
    Slot slot = null;
    try {
      slot = Slot.take();
      Path own = stageFor(index, text);
      Files.createDirectory(box);
      Groups groups = makeGroups(group);
      String nonce = SandboxProtocol.nonce(random);
      p = start(box, slot, own, name);
      synchronized (cgroups) {
        Cgroups.join(cgroups.openProcs(group + "/box"), p.pid());
      }
      Endings counted = new Endings(List.of(groups.limits()), limits);
      Thread outReader = reader(p.getInputStream(), l -> heard.reply(nonce, l, counted));
      Thread errReader = reader(p.getErrorStream(), heard::stderr);
      if (!handshake(p, group, groups, slot.uid(), nonce, counted, heard.err)) {
        p.waitFor(5, TimeUnit.SECONDS);
        outReader.join(1000);
        errReader.join(1000);
        return Report.failed(lab, name, "could not start the grading sandbox: "
            + lastLine(heard.err, "it ended before making its user namespace"), ms(t0));
      }
      // Room beyond the submission's own time for the JVM to start and the checks to run.
      boolean ended = p.waitFor(limits.totalMs() + 30_000, TimeUnit.MILLISECONDS);
      if (!ended) {
        p.destroyForcibly(); // unshare --kill-child: its PID 1 dies, and the namespace with it
        p.waitFor();
      }
      outReader.join(5000);
      errReader.join(5000);
      counted.lineStarts(heard.line); // what the last line (and the checks after it) did
      return outcome(lab, name, text, heard, counted, ended ? p.exitValue() : -1, ms(t0));
    } catch (Exception e) {
      if (p != null) {
        p.destroyForcibly();
      }
      return Report.failed(lab, name, "could not grade: " + e.getMessage(), ms(t0));
    } finally {
      cleanUp(slot, group, index, box, heard.err);
    }
  }

  /** What a sandbox said: its replies, as they came, and the start of its standard error. */
  private static final class Heard {
    final StringBuffer err = new StringBuffer(); // written by the stderr reader and by cleanUp
    /** The submission's line that started last, or null before the first. */
    String line;
    SandboxProtocol.Reply.Done report;
    /** Steps passed (from 0), each with the line after which it passed. */
    final Map<Integer, Integer> passedSteps = new java.util.concurrent.ConcurrentHashMap<>();

    void reply(String nonce, String l, Endings counted) {
      SandboxProtocol.Reply r = SandboxProtocol.Reply.read(nonce, l);
      if (r instanceof SandboxProtocol.Reply.Line started) {
        counted.lineStarts(line);
        line = Integer.toString(started.number());
      } else if (r instanceof SandboxProtocol.Reply.Passed passed) {
        passedSteps.put(passed.step(), line == null ? 0 : Integer.parseInt(line));
      } else if (r instanceof SandboxProtocol.Reply.Full full) {
        counted.full(line, full.what());
      } else if (r instanceof SandboxProtocol.Reply.Done done) {
        report = done;
      }
    }

    void stderr(String l) {
      if (err.length() < 16_384) {
        err.append(l + "\n");
      }
    }
  }

  /** The sandbox's own stage: the lab, the script and its submission, one bind. */
  private Path stageFor(int index, String text) throws IOException {
    Path own = Files.createDirectory(stage.resolve("stage-" + index));
    Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.copy(stage.resolve("lab.md"), own.resolve("lab.md"));
    Files.copy(stage.resolve("sandbox.sh"), own.resolve("sandbox.sh"));
    Path sub = own.resolve("submission.txt");
    Files.writeString(sub, text);
    readable(sub);
    return own;
  }

  /**
   * A sandbox's cgroups, made before it starts: the limits (grade-N), the root of its cgroup
   * namespace (box), and what confine will make below box once PID 1 is there.
   */
  private record Groups(Map<String, Path> limits, Map<String, Path> box,
      Map<String, String> join, Map<String, String> student) {}

  private Groups makeGroups(String group) throws IOException {
    Map<String, String> cap = new HashMap<>();
    Map<String, String> join = new HashMap<>();
    Map<String, String> student = new HashMap<>();
    synchronized (cgroups) {
      // The whole sandbox gets the submission's limits and the grader's room beside them;
      // the submission's own limits go on grade-N/box/student, made once PID 1 has left box.
      if (cgroups.has("pids")) {
        cap.put("pids", Integer.toString(limits.pids() + GRADER_PIDS));
        join.put("pids", null);
        student.put("pids", Integer.toString(limits.pids()));
      }
      if (cgroups.has("memory")) {
        cap.put("memory", Long.toString(limits.memoryBytes() + GRADER_MEMORY));
        join.put("memory", null);
        student.put("memory", Long.toString(limits.memoryBytes()));
      }
      if (cgroups.has("cpu")) {
        cap.put("cpu", limits.cpus() * 100_000L + " 100000");
        join.put("cpu", null);
        student.put("cpu", null);
      }
      Map<String, Path> limitDirs = cgroups.create(group, cap);
      // box is the root of the sandbox's cgroup namespace, out of which the grader's and
      // the submission's cgroups are made (see confine below).
      Map<String, Path> boxDirs = cgroups.create(group + "/box", join);
      for (Path dir : boxDirs.values().stream().distinct().toList()) {
        Files.createDirectory(dir.resolve(Cgroups.GRADER));
      }
      cgroups.create(group + "/wrap", Map.of());
      return new Groups(limitDirs, boxDirs, join, student);
    }
  }

  /** Starts sandbox.sh's outer stage, with this submission's stage and request. */
  private Process start(Path box, Slot slot, Path own, String name) throws IOException {
    List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--propagation",
        "private", "sh", stage.resolve("sandbox.sh").toString(), "outer", box.toString(),
        Integer.toString(slot.uid())));
    argv.addAll(binds);
    argv.addAll(List.of(own.toRealPath().toString(), "/run/nslab/stage"));
    argv.addAll(copies);
    argv.add("--");
    argv.addAll(command);
    argv.addAll(new SandboxProtocol.Request(limits.commandMs(), limits.totalMs(),
        Path.of("/run/nslab/stage/lab.md"), Path.of("/run/nslab/stage/submission.txt"), name,
        limits.lang()).words());
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().clear();
    pb.environment().putAll(Map.of("PATH",
        "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME", "/tmp", "LANG", "C.UTF-8", "TERM", "dumb"));
    return pb.start();
  }

  /**
   * Takes the sandbox from its user namespace to its first line: the id maps, go, PID 1 put
   * in its cgroups, its proc mounted, the nonce. False if it ended before.
   */
  private boolean handshake(Process p, String group, Groups groups, int uid, String nonce,
      Endings counted, StringBuffer err) throws Exception {
    if (!mapIds(p, uid)) {
      p.getOutputStream().close();
      return false;
    }
    try (OutputStream in = p.getOutputStream()) {
      // It makes the sandbox's PID namespace and forks PID 1 into it.
      in.write(SandboxProtocol.GO.getBytes(StandardCharsets.US_ASCII));
      in.flush();
      ProcessHandle pid1 = awaitChild(p);
      if (pid1 == null) {
        return false;
      }
      // The process that forked PID 1 stays outside its PID namespace, and in box: it goes to
      // grade-N/wrap, so that box holds only the sandbox's own processes (cgroup v2 lets box
      // give controllers to the cgroups the sandbox makes only while that is so).
      synchronized (cgroups) {
        Cgroups.join(cgroups.openProcs(group + "/wrap"), p.pid());
        confine(group, groups.box(), pid1.pid(), groups.student(), groups.join(), uid)
            .forEach(counted::watch);
      }
      mountProc(pid1, err);
      in.write(SandboxProtocol.mounted(nonce).getBytes(StandardCharsets.US_ASCII));
      return true;
    }
  }

  /**
   * The report: the sandbox's own, with the limits' notes; else, if it died or ran out of
   * time ({@code status} -1), the points of the steps it had passed and why it stopped.
   */
  private Report outcome(Lab lab, String name, String text, Heard heard, Endings counted,
      int status, long ms) {
    if (heard.report != null) {
      Report r = heard.report.report();
      return new Report(r.lab(), r.title(), name, r.steps(), r.commands(),
          counted.notes(r.stopped(), text), r.error(), ms);
    }
    Text words = words(limits);
    String where = heard.line == null ? words.get(Key.GRADE_WHERE_BEFORE)
        : words.get(Key.GRADE_WHERE_LINE, heard.line, lineText(text, heard.line));
    String why = status < 0 ? words.get(Key.GRADE_TIMED_OUT, where)
        : words.get(Key.GRADE_ENDED, where, exitWords(status),
            lastLine(heard.err, "nothing on standard error"));
    if (heard.line == null) {
      return Report.failed(lab, name, why, ms); // before anything of the student's ran
    }
    return cutShort(lab, name, heard.passedSteps,
        counted.notes(words.get(Key.GRADE_KEPT, why), text), limits.lang(), ms);
  }

  /** Gives back the id slot, removes the sandbox's cgroups and its stage. */
  private void cleanUp(Slot slot, String group, int index, Path box, StringBuffer err) {
    if (slot != null) {
      slot.close();
    }
    synchronized (cgroups) {
      try {
        if (cgroups.made().containsKey(group)) {
          cgroups.delete(group);
        }
      } catch (IOException e) {
        err.append(e.getMessage()).append('\n');
      }
    }
    try {
      Files.deleteIfExists(box);
      for (String f : List.of("lab.md", "sandbox.sh", "submission.txt", "")) {
        Files.deleteIfExists(stage.resolve("stage-" + index).resolve(f));
      }
    } catch (IOException e) {
      // Tolerated: the stage directory goes in close().
    }
  }

  /**
   * What the kernel counted against a sandbox's limits, line by line: forks refused at the
   * process limit (pids.events "max") and processes the OOM killer ended (memory.events or,
   * in v1, memory.oom_control "oom_kill"). Read from outside, where the limits sit, at every
   * line the sandbox starts: a count that grew belongs to the line before, whatever the
   * machine's speed.
   */
  static final class Endings {
    private final List<Path> pidsEvents = new ArrayList<>();
    private final List<Path> oomEvents = new ArrayList<>();
    private final Limits limits;
    private long forks;
    private long ooms;
    private final Map<String, long[]> byLine = new java.util.LinkedHashMap<>();

    /**
     * @param dirs the cgroups that hold the limits, and the one the sandbox's processes are
     *     in: v2 counts an event where the limit was hit and in the cgroups above it, v1 only
     *     in the cgroup of the process that hit it; the larger count is the one to believe
     */
    Endings(List<Map<String, Path>> dirs, Limits limits) {
      this.limits = limits;
      dirs.forEach(this::watch);
      forks = count(pidsEvents, "max");
      ooms = count(oomEvents, "oom_kill");
    }

    private final Map<String, List<String>> fullByLine = new java.util.LinkedHashMap<>();

    /** The sandbox found a file system full ("/tmp 64M") after {@code line} had run. */
    synchronized void full(String line, String what) {
      if (line != null && what.matches("/\\S* \\d+M")) {
        fullByLine.computeIfAbsent(line, k -> new ArrayList<>()).add(what);
      }
    }

    /** Counts the events of more cgroups from now on (new ones: nothing counted yet). */
    synchronized void watch(Map<String, Path> d) {
      if (d.get("pids") != null) {
        pidsEvents.add(d.get("pids").resolve("pids.events"));
      }
      Path memory = d.get("memory");
      if (memory != null) {
        oomEvents.add(Files.exists(memory.resolve("memory.events"))
            ? memory.resolve("memory.events") : memory.resolve("memory.oom_control"));
      }
    }

    /** A new line starts: what grew since the last one belongs to {@code previous}. */
    synchronized void lineStarts(String previous) {
      long f = count(pidsEvents, "max");
      long o = count(oomEvents, "oom_kill");
      if (previous != null && (f > forks || o > ooms)) {
        long[] n = byLine.computeIfAbsent(previous, k -> new long[2]);
        n[0] += f - forks;
        n[1] += o - ooms;
      }
      forks = Math.max(forks, f);
      ooms = Math.max(ooms, o);
    }

    /** The report's notes, with a sentence for each line that hit a limit. */
    synchronized String notes(String stopped, String text) {
      List<String> out = new ArrayList<>();
      Text words = words(limits);
      byLine.forEach((number, n) -> {
        if (n[0] > 0) {
          out.add(words.get(Key.GRADE_PIDS, number, lineText(text, number), limits.pids(),
              n[0]));
        }
        if (n[1] > 0) {
          out.add(words.get(Key.GRADE_OOM, number, lineText(text, number),
              limits.memoryBytes() >> 20, n[1]));
        }
      });
      fullByLine.forEach((number, disks) -> {
        for (String d : disks) {
          String[] f = d.split(" ");
          out.add(words.get(Key.GRADE_DISK_FULL, number, lineText(text, number), f[0], f[1]));
        }
      });
      if (stopped != null) {
        out.add(0, stopped);
      }
      return out.isEmpty() ? null : String.join("\n", out);
    }

    private static long count(List<Path> files, String key) {
      long most = 0;
      for (Path events : files) {
        try {
          for (String l : Files.readAllLines(events)) {
            String[] f = l.trim().split("\\s+");
            if (f.length == 2 && f[0].equals(key)) {
              most = Math.max(most, Long.parseLong(f[1]));
            }
          }
        } catch (IOException | RuntimeException e) {
          // Tolerated: a kernel without the file counts nothing.
        }
      }
      return most;
    }
  }

  /**
   * The report of a sandbox that died after the submission had started: the steps it had
   * passed (as it said, after the line that passed them) with their points, the others none.
   */
  static Report cutShort(Lab lab, String name, Map<Integer, Integer> passed, String why,
      String lang, long ms) {
    List<Report.StepResult> steps = new ArrayList<>();
    for (int s = 0; s < lab.steps().size(); s++) {
      Step step = lab.steps().get(s);
      String skipped = Replay.missing(step.requires());
      List<Report.CheckResult> checks = new ArrayList<>();
      for (Check c : step.checks()) {
        checks.add(new Report.CheckResult(c.line(), c.points(), c.negated(), c.expression(),
            c.message(lang), skipped == null && passed.containsKey(s)));
      }
      steps.add(new Report.StepResult(step.line(), step.title(), skipped,
          passed.getOrDefault(s, -1), checks));
    }
    return new Report(lab.id(), lab.title(), name, steps, List.of(), why, null, ms);
  }

  /** The grader's words for notes: --lang's, as the checks' messages are. */
  static Text words(Limits limits) {
    return Text.of(limits.lang(), Text.dirs(null, System.getenv()));
  }

  /** How the sandbox's process ended, in words: a signal by its name. */
  static String exitWords(int status) {
    return status > 128 ? "killed by " + org.nslab.sys.ExitStatus.signalName(status - 128)
        : "exit status " + status;
  }

  private static String lineText(String text, String number) {
    try {
      return text.split("\n", -1)[Integer.parseInt(number) - 1].strip();
    } catch (RuntimeException e) {
      return "?";
    }
  }

  private static String lastLine(StringBuffer err, String otherwise) {
    String[] lines = err.toString().strip().split("\n");
    String last = lines[lines.length - 1].strip();
    return last.isEmpty() ? otherwise : last;
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /**
   * Gives the sandbox's JVM and the submission a cgroup each, once PID 1 (the JVM to be) is
   * the only process in box, the root of the sandbox's cgroup namespace: PID 1 goes to
   * box/grader, and the submission's processes will start in box/student/main, below
   * box/student, which carries the submission's limits. The grader's threads and checks so
   * never compete with the submission for processes or memory; whatever the submission does,
   * the whole sandbox stays within its limits plus the grader's room (on grade-N).
   *
   * <p>Ownership, as cgroup delegation gives it: the sandbox's root may make cgroups in
   * box/student and move processes into it (its JVM starts every child there), but not change
   * its limits (root's files), nor make cgroups in box. It may move processes into the
   * grader's cgroup, since its JVM must come back there (see {@link Cgroups#inLeaf}): that
   * takes room from its own grader only, never from another sandbox. cgroup v2 asks write
   * access to the cgroup.procs of the closest common ancestor for a move, box's; v1 does not.
   *
   * @return the directories of box/student and of its leaf, whose events count against the
   *     submission (v1 counts a refused fork only in the cgroup of the process that forked)
   */
  private List<Map<String, Path>> confine(String group, Map<String, Path> boxDirs, long pid1,
      Map<String, String> studentLimits, Map<String, String> join, int uid) throws IOException {
    for (Path dir : boxDirs.values().stream().distinct().toList()) {
      Path grader = dir.resolve(Cgroups.GRADER);
      Files.writeString(grader.resolve("cgroup.procs"), Long.toString(pid1));
      delegate(grader, uid, false);
      if (Files.exists(dir.resolve("cgroup.controllers"))) {
        delegate(dir, uid, false);
      }
    }
    Map<String, Path> student = cgroups.create(group + "/box/" + Cgroups.STUDENT,
        studentLimits);
    for (Path dir : student.values().stream().distinct().toList()) {
      delegate(dir, uid, true);
    }
    Map<String, Path> main = cgroups.create(group + "/box/" + Cgroups.STUDENT + "/main", join);
    for (Path dir : main.values().stream().distinct().toList()) {
      delegate(dir, uid, false);
    }
    return List.of(student, main);
  }

  /** Makes the sandbox's root the owner of a cgroup, as cgroup delegation does. */
  private static void delegate(Path dir, int uid, boolean whole) throws IOException {
    for (String f : whole ? List.of("", "cgroup.procs", "tasks", "cgroup.threads",
        "cgroup.subtree_control") : List.of("cgroup.procs", "tasks", "cgroup.threads")) {
      Path p = f.isEmpty() ? dir : dir.resolve(f);
      if (Files.exists(p)) {
        Files.setAttribute(p, "unix:uid", uid);
        Files.setAttribute(p, "unix:gid", uid);
      }
    }
  }

  /** The sandbox's PID 1, once the process that makes it has forked it; null if it ended. */
  private ProcessHandle awaitChild(Process p) throws InterruptedException {
    long until = System.nanoTime() + (limits.totalMs() + 30_000) * 1_000_000;
    while (p.isAlive() && System.nanoTime() < until) {
      java.util.Optional<ProcessHandle> child = p.children().findFirst();
      if (child.isPresent()) {
        return child.get();
      }
      Thread.sleep(5);
    }
    return null;
  }

  /**
   * Mounts a proc of the sandbox's PID namespace where the sandbox keeps one to mount its
   * own: as real root, in the mount namespace PID 1 is in still (the outer stage's, which
   * belongs to the host's user namespace), so that the mount is locked for everyone inside.
   * A proc of the host's PID namespace is never there.
   */
  private void mountProc(ProcessHandle pid1, StringBuffer err) throws IOException,
      InterruptedException {
    List<String> places = new ArrayList<>(List.of("/run/nslab-host/proc"));
    if (copies.size() > 1) {
      places.add("/run/nslab/work/target/rootfs/.nslab-host/proc");
    }
    for (String place : places) {
      Process m = new ProcessBuilder("nsenter", "-t", Long.toString(pid1.pid()), "--mount",
          "--pid", "--", "mount", "-n", "-t", "proc", "proc", place)
          .redirectErrorStream(true).start();
      String said = new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (m.waitFor() != 0) {
        throw new IOException("could not mount the sandbox's proc at " + place + ": "
            + said.strip());
      }
    }
  }

  /**
   * Waits until the process has made its user namespace, then maps ids 0-65535 in it to the
   * slot's host ids. False if it ended first.
   */
  private boolean mapIds(Process p, int uid) throws Exception {
    String own = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/user")).toString();
    Path proc = Path.of(org.nslab.sys.ProcFs.Numbering.now().dir((int) p.pid()));
    // Building the root takes a while on a slow machine (seconds under emulation): wait as
    // long as the sandbox may run at all, not for a time a fast machine suggests.
    long until = System.nanoTime() + (limits.totalMs() + 30_000) * 1_000_000;
    while (System.nanoTime() < until) {
      if (!p.isAlive()) {
        return false;
      }
      String now;
      try {
        now = Files.readSymbolicLink(proc.resolve("ns/user")).toString();
      } catch (IOException e) {
        return false;
      }
      if (!now.equals(own)) {
        String map = "0 " + uid + " 65536\n";
        Files.writeString(proc.resolve("gid_map"), map);
        Files.writeString(proc.resolve("uid_map"), map);
        return true;
      }
      Thread.sleep(2);
    }
    p.destroyForcibly();
    return false;
  }

  /**
   * A slot of 65536 host ids for one sandbox, held with a lock file while the sandbox runs:
   * the first free one, on this machine, whatever grading run takes it.
   */
  record Slot(int uid, java.nio.channels.FileChannel file, java.nio.channels.FileLock lock)
      implements AutoCloseable {
    private static final Path DIR = Path.of("/run/nslab-grade");

    static Slot take() throws IOException {
      Files.createDirectories(DIR,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      for (int n = 0; n < SLOTS; n++) {
        java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(
            DIR.resolve("slot-" + n + ".lock"), java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock = null;
        try {
          lock = c.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
          // This JVM holds it already, for another sandbox.
        }
        if (lock != null) {
          return new Slot(UID_BASE + n * 65536, c, lock);
        }
        c.close();
      }
      throw new IOException("all " + SLOTS + " sandbox id ranges are in use");
    }

    @Override
    public void close() {
      try {
        lock.release();
        file.close();
      } catch (IOException e) {
        // Tolerated: the lock goes with the file's close or this process's end.
      }
    }
  }

  private static Thread reader(InputStream in, java.util.function.Consumer<String> each) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
          StandardCharsets.UTF_8))) {
        String l;
        while ((l = r.readLine()) != null) {
          each.accept(l);
        }
      } catch (IOException e) {
        // The sandbox was killed: what was read is all there is.
      }
    }, "nslab-sandbox-reader");
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(stage)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // Tolerated: a leftover directory in the temporary directory.
    }
  }
}
