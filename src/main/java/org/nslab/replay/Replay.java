package org.nslab.replay;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nslab.cmd.Console;
import org.nslab.cmd.Interpreter;
import org.nslab.cmd.Paint;
import org.nslab.cmd.Registry;
import org.nslab.cmd.Session;
import org.nslab.lab.Check;
import org.nslab.lab.Entry;
import org.nslab.lab.Expected;
import org.nslab.lab.Lab;
import org.nslab.lab.Mismatch;
import org.nslab.lab.OutputMatcher;
import org.nslab.lab.Step;
import org.nslab.sys.ProcFs;
import org.nslab.sys.Syscalls;
import org.nslab.text.Key;
import org.nslab.text.Text;

/**
 * Replays a lab in a fresh session: every command of every step, its output against the
 * expected lines, then the step's checks. The first failing step ends the replay, since later
 * steps build on it. With update, expected output is rewritten from what nslab prints.
 */
public final class Replay {
  /** Where and how a lab failed, in testscript's "FILE:LINE: what" form. */
  public record Failure(String location, String message, String command, String diff) {
    public String render() {
      StringBuilder sb = new StringBuilder(location).append(": ").append(message).append('\n');
      if (command != null) {
        sb.append("> ").append(org.nslab.cmd.Wrap.cut(command)).append('\n');
      }
      if (diff != null && !diff.isEmpty()) {
        sb.append(diff.endsWith("\n") ? diff : diff + "\n");
      }
      return sb.toString();
    }
  }

  /** What a replay did: steps run and skipped (with why), and the failure, if any. */
  public record Result(Lab lab, int stepsRun, List<String> skipped, Failure failure) {
    public boolean passed() {
      return failure == null;
    }
  }

  private Replay() {}

  /** Why this machine cannot run something that requires {@code what}, or null if it can. */
  public static String missing(List<String> requires) {
    return missing(requires, Text.english());
  }

  /** As above, said in {@code text}'s language ("needs root"). */
  public static String missing(List<String> requires, Text text) {
    for (String r : requires) {
      switch (r) {
        case "root" -> {
          if (ProcFs.statusId("Uid") != 0) {
            return text.get(Key.REQUIRES_ROOT);
          }
        }
        case "rootfs" -> {
          if (!Files.isExecutable(Path.of("target/rootfs/bin/busybox"))) {
            return text.get(Key.REQUIRES_ROOTFS);
          }
        }
        case "spawn-after-unshare-time" -> {
          if (!org.nslab.sys.LabTask.spawnsAfterUnshareTime()) {
            return text.get(Key.REQUIRES_SPAWN_AFTER_UNSHARE_TIME,
                System.getProperty("os.version"));
          }
        }
        default -> {
          return text.get(Key.REQUIRES_UNKNOWN, r);
        }
      }
    }
    return null;
  }

  public static Result run(Lab lab, Map<String, String> env, boolean update) throws Exception {
    String why = missing(lab.requires());
    if (why != null) {
      return new Result(lab, 0, List.of(lab.file() + ": " + why), null);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Interpreter interpreter = new Interpreter(Registry.standard(), false);
    Map<Integer, List<String>> rewrites = new TreeMap<>();
    List<String> skipped = new ArrayList<>();
    int run = 0;
    Failure failure = null;
    Map<String, String> captures = new HashMap<>();
    captures.put("host", Syscalls.gethostname());
    OutputMatcher matcher = new OutputMatcher(captures);
    // Children print in the C locale, so a lab's expected output holds on any machine.
    Map<String, String> childEnv = new HashMap<>(env);
    childEnv.put("LC_ALL", "C");
    childEnv.remove("LANGUAGE");
    try (Session session =
        Session.open(new PrintWriter(out), new PrintWriter(err), Paint.NONE, Console.NONE,
            childEnv)) {
      Checks checks = new Checks(session, interpreter);
      steps:
      for (Step step : lab.steps()) {
        String stepWhy = missing(step.requires());
        if (stepWhy != null) {
          skipped.add(lab.file() + ":" + step.line() + ": " + step.title() + ": " + stepWhy);
          continue;
        }
        run++;
        for (Entry e : step.entries()) {
          int status = interpreter.execute(session, e.command());
          List<String> actual = lines(drain(out), drain(err), status);
          if (!e.checked()) {
            continue;
          }
          if (update) {
            List<String> rewritten = matcher.update(e.expected(), actual);
            rewrites.put(e.expected().get(0).line(), rewritten);
            // Take the new captures as the rest of the lab will see them.
            matcher.match(toExpected(rewritten), actual);
            continue;
          }
          Mismatch m = matcher.match(e.expected(), actual);
          if (m != null) {
            int line = m.expected() != null ? m.expected().line() : e.line();
            failure = new Failure(lab.file() + ":" + line, m.reason(), e.command(),
                OutputMatcher.diff(e.expected(), actual, matcher.captures()));
            break steps;
          }
        }
        for (Check c : step.checks()) {
          if (!checks.holds(c)) {
            failure = new Failure(lab.file() + ":" + c.line(),
                "check failed: " + (c.negated() ? "not " : "") + c.expression()
                    + (c.message() == null || c.message().isEmpty() ? "" : ": " + c.message()),
                null, null);
            break steps;
          }
        }
      }
    }
    if (update && !rewrites.isEmpty()) {
      rewrite(Path.of(lab.file()), lab, rewrites);
    }
    return new Result(lab, run, skipped, failure);
  }

  private static List<Expected> toExpected(List<String> lines) {
    List<Expected> out = new ArrayList<>();
    for (String l : lines) {
      out.add(new Expected(0, l));
    }
    return out;
  }

  private static String drain(StringWriter w) {
    w.flush();
    String s = w.toString();
    w.getBuffer().setLength(0);
    return s;
  }

  /**
   * A command's output as a lab writes it: stdout lines, "! " stderr lines, "[N]". Blank
   * lines at the end of stdout do not count, as the parser drops them from expected output
   * (in Markdown they are only spacing).
   */
  public static List<String> lines(String out, String err, int status) {
    List<String> lines = new ArrayList<>();
    if (!out.isEmpty()) {
      lines.addAll(List.of(out.split("\n", -1)));
      while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
        lines.remove(lines.size() - 1);
      }
    }
    if (!err.isEmpty()) {
      List<String> e = new ArrayList<>(List.of(err.split("\n", -1)));
      if (err.endsWith("\n")) {
        e.remove(e.size() - 1);
      }
      e.forEach(l -> lines.add("! " + l));
    }
    if (status != 0) {
      lines.add("[" + status + "]");
    }
    return lines;
  }

  /** Replaces each entry's expected lines (first line -> new lines) in the lab file. */
  private static void rewrite(Path file, Lab lab, Map<Integer, List<String>> rewrites)
      throws Exception {
    List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<Integer, Integer> lengths = new HashMap<>();
    for (Step s : lab.steps()) {
      for (Entry e : s.entries()) {
        if (e.checked()) {
          lengths.put(e.expected().get(0).line(), e.expected().size());
        }
      }
    }
    List<Integer> starts = new ArrayList<>(rewrites.keySet());
    java.util.Collections.reverse(starts); // from the bottom, so earlier line numbers hold
    for (int start : starts) {
      int from = start - 1;
      int n = lengths.get(start);
      for (int i = 0; i < n; i++) {
        text.remove(from);
      }
      text.addAll(from, rewrites.get(start));
    }
    Files.write(file, text, StandardCharsets.UTF_8);
  }
}
