package org.nslab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nslab.cmd.Args;
import org.nslab.cmd.Opt;
import org.nslab.cmd.UsageException;
import org.nslab.grade.Grading;
import org.nslab.grade.Report;
import org.nslab.grade.ReportFormat;
import org.nslab.grade.Sandbox;
import org.nslab.grade.SandboxProtocol;
import org.nslab.grade.Submission;
import org.nslab.lab.Lab;
import org.nslab.lab.LabParser;
import org.nslab.lab.LabSyntaxException;
import org.nslab.sys.ProcFs;
import org.nslab.text.Key;
import org.nslab.text.Text;

/** nslab grade: scores students' submissions against a lab, each in a sandbox of its own. */
public final class GradeMain {
  private GradeMain() {}

  static final Program PROGRAM = new Program(Program.spec("nslab grade",
      List.of("nslab grade [options] LAB.md SUBMISSION..."), 0, -1,
      Opt.value('f', "format", "FORMAT", "the report's format"),
      Opt.value('o', "output", "FILE", "write the report to FILE"),
      Opt.value('j', "jobs", "N", "submissions graded at once"),
      Opt.flag('d', "details", "each submission's steps too"),
      Opt.value((char) 0, "timeout", "SECONDS", "time for a whole submission"),
      Opt.value((char) 0, "command-timeout", "SECONDS", "time for one command or check"),
      Opt.value((char) 0, "memory", "SIZE", "memory for a submission's processes"),
      Opt.value((char) 0, "pids", "N", "processes and threads of a submission"),
      Opt.value((char) 0, "cpus", "N", "CPUs' worth of time a sandbox may use"),
      Opt.value((char) 0, "lang", "LANG", "the checks' messages in LANG")), Key.CLI_GRADE_HELP);

  /** What nslab grade was asked: the lab, the submissions, and how to grade and report. */
  record Options(ReportFormat format, Path output, int jobs, boolean details, long totalMs,
      long commandMs, long memory, int pids, int cpus, String lang, Path labFile,
      List<String> submissions) {

    static Options read(Args a) throws UsageException {
      List<String> files = a.positionals();
      if (files.size() < 2) {
        throw new UsageException(files.isEmpty() ? Key.CLI_GRADE_WHICH_LAB
            : Key.CLI_GRADE_WHICH_SUBMISSIONS);
      }
      try {
        ReportFormat format = a.has("format") ? ReportFormat.parse(a.value("format"))
            : ReportFormat.TEXT;
        if ((format == ReportFormat.GRADESCOPE || format == ReportFormat.CLASSROOM)
            && files.size() > 2) {
          throw new UsageException("--format " + format.name().toLowerCase(java.util.Locale.ROOT)
              + " takes one submission (" + (format == ReportFormat.GRADESCOPE ? "Gradescope"
              : "GitHub Classroom") + " grades each in a run of its own); use json or junit for"
              + " several");
        }
        return new Options(format, a.has("output") ? Path.of(a.value("output")) : null,
            a.has("jobs") ? positive(a, "jobs") : Runtime.getRuntime().availableProcessors(),
            a.has("details"), a.has("timeout") ? positive(a, "timeout") * 1000L : 120_000,
            a.has("command-timeout") ? positive(a, "command-timeout") * 1000L : 10_000,
            a.has("memory") ? size(a.value("memory")) : 512L << 20,
            a.has("pids") ? positive(a, "pids") : 256, a.has("cpus") ? positive(a, "cpus") : 1,
            a.value("lang"), Path.of(files.get(0)), files.subList(1, files.size()));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }

    private static int positive(Args a, String option) {
      return GradeMain.positive(a.value(option), "--" + option);
    }
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (!args.isEmpty() && args.get(0).equals(SandboxProtocol.SANDBOXED)) {
      return inside(args.subList(1, args.size()), out, err);
    }
    Program.Parsed<Options> parsed = PROGRAM.parse(args, Options::read, out, err);
    if (parsed.options() == null) {
      return parsed.status();
    }
    Options o = parsed.options();
    Lab lab;
    try {
      lab = LabParser.parse(o.labFile());
    } catch (LabSyntaxException e) {
      err.println(e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("nslab grade: " + o.labFile() + ": " + (e instanceof NoSuchFileException
          ? "no such file" : e.getMessage()));
      return 2;
    }
    // Where grading cannot run at all, a machine format still gets its report (Gradescope's
    // run_autograder must leave a results.json): not graded, 0 points, and the reason.
    String cannot = cannotGrade();
    if (cannot != null) {
      return refuse(cannot, o, lab, out, err);
    }
    List<Report> reports;
    try {
      reports = gradeAll(o, lab, err);
    } catch (Exception e) {
      return refuse("could not prepare the sandboxes: " + e.getMessage(), o, lab, out, err);
    }
    return report(o, lab, reports, out, err);
  }

  /** Why grading cannot run on this machine at all, or null. */
  private static String cannotGrade() {
    return ProcFs.statusId("Uid") != 0
        ? "grading needs root: each submission runs as root of a sandbox the grader builds with"
            + " mounts and cgroups (sudo scripts/nslab grade ...)"
        : !ProcFs.hasSysAdmin()
        ? "grading needs CAP_SYS_ADMIN, and this root process lacks it (a container started"
            + " without --privileged, such as Gradescope's default autograder, or a seccomp"
            + " profile that forbids unshare and mount): each submission runs in a sandbox the"
            + " grader builds with mounts, namespaces and cgroups. Grade on a machine or VM, or"
            + " in a container started with --privileged"
        : null;
  }

  /**
   * Every submission's report, in the order given: each graded in a sandbox of its own, up to
   * --jobs at once. Each is read on its own terms: one that cannot be read, is too large or is
   * not UTF-8 is said so in its own report, and the others are graded all the same.
   */
  private static List<Report> gradeAll(Options o, Lab lab, PrintStream err) throws Exception {
    List<String> names = o.submissions();
    List<Submission> subs = new ArrayList<>();
    for (String s : names) {
      subs.add(Submission.read(Path.of(s)));
    }
    List<Report> reports = new ArrayList<>();
    Sandbox.Limits limits = new Sandbox.Limits(o.commandMs(), o.totalMs(), o.pids(), o.memory(),
        o.cpus(), Text.language(o.lang(), System.getenv()));
    try (Sandbox sandbox = new Sandbox(o.labFile(), limits)) {
      sandbox.notices().forEach(err::println);
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(o.jobs(), names.size()));
      try {
        List<Future<Report>> futures = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
          int index = i;
          Submission sub = subs.get(i);
          futures.add(sub.refused() != null ? null : pool.submit(() -> sandbox.grade(lab, index,
              names.get(index), sub.text())));
        }
        for (int i = 0; i < names.size(); i++) {
          Submission sub = subs.get(i);
          reports.add(sub.refused() != null
              ? Report.failed(lab, names.get(i), sub.refused(), 0)
              : sub.noted(futures.get(i).get()));
        }
      } finally {
        pool.shutdownNow();
      }
    }
    return reports;
  }

  /**
   * Writes the reports in --format, to --output or standard output (with the text table on
   * standard output besides a file of another format); the status: 0 if all got full marks.
   */
  private static int report(Options o, Lab lab, List<Report> reports, PrintStream out,
      PrintStream err) {
    String text = o.format().render(lab, reports, o.details());
    if (o.output() != null) {
      try {
        Files.writeString(o.output(), text);
      } catch (IOException e) {
        err.println("nslab grade: " + o.output() + ": " + e.getMessage());
        return 2;
      }
      if (o.format() != ReportFormat.TEXT) {
        out.print(ReportFormat.text(lab, reports, false));
      }
    } else {
      out.print(text);
    }
    return reports.stream().allMatch(Report::passed) ? 0 : 1;
  }

  /**
   * Grading cannot run here: says why on standard error and exits 2; for gradescope and
   * classroom also writes each submission's report, not graded with the reason, where the
   * report would have gone.
   */
  private static int refuse(String why, Options o, Lab lab, PrintStream out,
      PrintStream err) {
    ReportFormat format = o.format();
    Path output = o.output();
    List<String> names = o.submissions();
    err.println("nslab grade: " + why);
    if (format == ReportFormat.GRADESCOPE || format == ReportFormat.CLASSROOM) {
      String text = format.render(lab, List.of(Report.failed(lab, names.get(0), why, 0)), false);
      if (output == null) {
        out.print(text);
      } else {
        try {
          Files.writeString(output, text);
        } catch (IOException e) {
          err.println("nslab grade: " + output + ": " + e.getMessage());
        }
      }
    }
    return 2;
  }

  /**
   * Inside the sandbox: grades one submission and prints, each line led by the nonce the
   * grader sent on standard input, "line N" before each command and "report JSON" at the end.
   * The submission's own output never reaches standard output: nslab captures its children's.
   */
  static int inside(List<String> args, PrintStream out, PrintStream err) {
    try {
      SandboxProtocol.Request request = SandboxProtocol.Request.parse(args);
      Lab lab = LabParser.parse(request.lab());
      Submission sub = Submission.read(request.submission());
      if (sub.refused() != null) {
        throw new IOException(sub.refused());
      }
      String text = sub.text();
      String nonce = SandboxProtocol.readNonce(System.in);
      // The grader has put this JVM in a cgroup of its own, beside the submission's.
      org.nslab.sys.Cgroups.confine();
      Disks disks = new Disks();
      java.util.function.Consumer<SandboxProtocol.Reply> reply = r -> {
        out.println(r.write(nonce));
        out.flush();
      };
      Report r = Grading.grade(lab, request.name(), Grading.commands(text),
          new Grading.Limits(request.commandMs(), request.totalMs()), request.lang(),
          System.getenv(), true, n -> {
            disks.filled().forEach(d -> reply.accept(new SandboxProtocol.Reply.Full(d)));
            reply.accept(new SandboxProtocol.Reply.Line(n));
          }, step -> reply.accept(new SandboxProtocol.Reply.Passed(step)));
      disks.filled().forEach(d -> reply.accept(new SandboxProtocol.Reply.Full(d)));
      reply.accept(new SandboxProtocol.Reply.Done(r));
      return 0;
    } catch (Exception e) {
      err.println("nslab grade --sandboxed: " + e);
      return 1;
    }
  }

  /**
   * The sandbox's own file systems, all of them sized tmpfs mounts (see sandbox.sh): one that a
   * line filled is said once, as "PATH SIZE" ("/tmp 64M"), for the report to name.
   */
  static final class Disks {
    private static final List<String> PLACES = List.of("/tmp", "/dev/shm", "/run", "/");
    private final java.util.Set<String> said = new java.util.HashSet<>();

    List<String> filled() {
      List<String> out = new ArrayList<>();
      for (String place : PLACES) {
        try {
          java.nio.file.FileStore store = Files.getFileStore(Path.of(place));
          long total = store.getTotalSpace();
          // Full: not a page left (tmpfs counts in pages).
          if (total > 0 && store.getUsableSpace() < 4096 && said.add(place)) {
            out.add(place + " " + (total >> 20) + "M");
          }
        } catch (IOException | RuntimeException e) {
          // Tolerated: a place the submission unmounted or replaced is its own.
        }
      }
      return out;
    }
  }

  private static int positive(String s, String option) {
    try {
      int n = Integer.parseInt(s);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(option + " wants a positive whole number, not '" + s
        + "'");
  }

  /** 512M, 1G, 65536K or bytes. */
  public static long size(String s) {
    String t = s.trim().toUpperCase(java.util.Locale.ROOT);
    long unit = 1;
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    switch (last) {
      case 'K' -> unit = 1L << 10;
      case 'M' -> unit = 1L << 20;
      case 'G' -> unit = 1L << 30;
      default -> { }
    }
    try {
      long n = Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1));
      if (n > 0) {
        return n * unit;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException("--memory wants a size such as 512M or 1G, not '" + s
        + "'");
  }
}
