package org.nslab.lab;

import java.util.List;
import java.util.Set;
import org.nslab.cmd.Words;
import org.nslab.ns.NsKind;

/**
 * What a check looks at, one record per kind of check: made once when the lab is read, so a
 * misspelt or malformed check is an error at FILE:LINE, never a silent zero when it runs. A new
 * kind is one record here, one rule in {@link #parse}, one method in {@link Cases}, implemented by
 * {@code Checks} (evaluating) and {@code Checks.describe} (in words): the compiler finds a
 * forgotten case, and one row in labs/README.md's check table.
 */
public sealed interface Probe {
  /**
   * One method per kind of check: whoever handles checks implements every one, so a kind
   * added here is a compile error wherever it is not handled yet (Java 17 has no exhaustive
   * switch over a sealed interface; this is that switch).
   */
  interface Cases<R> {
    R nsChanged(NsChanged p) throws Exception;

    R nsOnly(NsOnly p) throws Exception;

    R nsPoint(NsPoint p) throws Exception;

    R pidDead(PidDead p) throws Exception;

    R hostname(Hostname p) throws Exception;

    R mounted(Mounted p) throws Exception;

    R fileExists(FileExists p) throws Exception;

    R queues(Queues p) throws Exception;

    R cgroupExists(CgroupExists p) throws Exception;

    R cgroupJoined(CgroupJoined p) throws Exception;

    R cgroupLimited(CgroupLimited p) throws Exception;

    R spawn(Spawn p) throws Exception;
  }

  /** Calls the method of {@code c} for this kind. */
  <R> R accept(Cases<R> c) throws Exception;

  /** ns KIND changed: the lab task's KIND differs from where the shell started. */
  record NsChanged(NsKind kind) implements Probe {
    @Override
    public <R> R accept(Cases<R> c) throws Exception {
      return c.nsChanged(this);
    }
  }

  /** ns only KIND[,KIND...] changed: those kinds differ from the start, every other is as it was. */
  record NsOnly(Set<NsKind> kinds) implements Probe {
    @Override
    public <R> R accept(Cases<R> c) throws Exception {
      return c.nsOnly(this);
    }
  }

  /** ns KIND is point NAME / ns KIND differs from point NAME: against a point of ns save. */
  record NsPoint(NsKind kind, String point, boolean same) implements Probe {
    @Override
    public <R> R accept(Cases<R> c) throws Exception {
      return c.nsPoint(this);
    }
  }

  /** ns pid dead: the PID namespace children would go to has lost its PID 1. */
  record PidDead() implements Probe {
    @Override
    public <R> R accept(Cases<R> c) throws Exception {
      return c.pidDead(this);
    }
  }

  /** [outside] hostname is [not] NAME. */
  record Hostname(boolean outside, String name, boolean not) implements Probe {
    @Override
    public <R> R accept(Cases<R> c) throws Exception {
      return c.hostname(this);
    }
  }

  /** [outside] mounted PATH. */
  record Mounted(boolean outside, String path) implements Probe {
    @Override
    public <R> R accept(Cases<R> c) throws Exception {
      return c.mounted(this);
    }
  }

  /** [outside] file PATH exists. */
  record FileExists(boolean outside, String path) implements Probe {
    @Override
    public <R> R accept(Cases<R> c) throws Exception {
      return c.fileExists(this);
    }
  }

  /** [outside] queues N. */
  record Queues(boolean outside, int count) implements Probe {
    @Override
    public <R> R accept(Cases<R> c) throws Exception {
      return c.queues(this);
    }
  }

  /** cgroup NAME exists: made with cgroup create and not deleted. */
  record CgroupExists(String name) implements Probe {
    @Override
    public <R> R accept(Cases<R> c) throws Exception {
      return c.cgroupExists(this);
    }
  }

  /** cgroup NAME limited: the kernel refused a fork in NAME because of its pids.max. */
  record CgroupLimited(String name) implements Probe {
    @Override
    public <R> R accept(Cases<R> c) throws Exception {
      return c.cgroupLimited(this);
    }
  }

  /** cgroup NAME joined: children start in NAME (cgroup join). */
  record CgroupJoined(String name) implements Probe {
    @Override
    public <R> R accept(Cases<R> c) throws Exception {
      return c.cgroupJoined(this);
    }
  }

  /** spawn ARGS... prints TEXT: a child started now prints TEXT (one line, {*} allowed). */
  record Spawn(String command, String text) implements Probe {
    @Override
    public <R> R accept(Cases<R> c) throws Exception {
      return c.spawn(this);
    }
  }

  /** The forms, as a usage line names them. */
  List<String> FORMS = List.of(
      "ns KIND changed", "ns only KIND[,KIND...] changed", "ns KIND is point NAME",
      "ns KIND differs from point NAME", "ns pid dead", "[outside] hostname is [not] NAME",
      "[outside] mounted PATH", "[outside] file PATH exists", "[outside] queues N",
      "cgroup NAME exists", "cgroup NAME joined", "cgroup NAME limited", "spawn ARGS... prints TEXT");

  /** The words a check starts with, from {@link #FORMS}: "ns", "hostname", "outside"... */
  static List<String> words() {
    java.util.Set<String> w = new java.util.LinkedHashSet<>();
    for (String f : FORMS) {
      if (f.startsWith("[outside] ")) {
        w.add("outside");
        f = f.substring("[outside] ".length());
      }
      w.add(f.split(" ")[0]);
    }
    return List.copyOf(w);
  }

  /**
   * Parses a check's expression (without "not" and message). Throws IllegalArgumentException
   * that says what is wrong, for the parser to put after FILE:LINE.
   */
  static Probe parse(String expression) {
    List<String> w = Words.split(expression);
    if (w.isEmpty()) {
      throw new IllegalArgumentException("an empty check (forms: " + String.join("; ", FORMS)
          + ")");
    }
    boolean outside = w.get(0).equals("outside");
    List<String> r = outside ? w.subList(1, w.size()) : w;
    String word = r.isEmpty() ? "" : r.get(0);
    if (outside && !List.of("hostname", "mounted", "file", "queues").contains(word)) {
      throw new IllegalArgumentException("'outside' goes only before hostname, mounted, file"
          + " or queues, got '" + expression + "'");
    }
    return switch (word) {
      case "ns" -> ns(r, expression);
      case "hostname" -> {
        if (r.size() == 3 && r.get(1).equals("is")) {
          yield new Hostname(outside, r.get(2), false);
        }
        if (r.size() == 4 && r.get(1).equals("is") && r.get(2).equals("not")) {
          yield new Hostname(outside, r.get(3), true);
        }
        throw form(expression, "[outside] hostname is [not] NAME");
      }
      case "mounted" -> {
        if (r.size() != 2) {
          throw form(expression, "[outside] mounted PATH");
        }
        yield new Mounted(outside, r.get(1));
      }
      case "file" -> {
        if (r.size() != 3 || !r.get(2).equals("exists")) {
          throw form(expression, "[outside] file PATH exists");
        }
        yield new FileExists(outside, r.get(1));
      }
      case "queues" -> {
        if (r.size() != 2 || !r.get(1).matches("\\d{1,6}")) {
          throw form(expression, "[outside] queues N");
        }
        yield new Queues(outside, Integer.parseInt(r.get(1)));
      }
      case "cgroup" -> {
        if (r.size() == 3 && r.get(2).equals("exists")) {
          yield new CgroupExists(r.get(1));
        }
        if (r.size() == 3 && r.get(2).equals("joined")) {
          yield new CgroupJoined(r.get(1));
        }
        if (r.size() == 3 && r.get(2).equals("limited")) {
          yield new CgroupLimited(r.get(1));
        }
        throw form(expression, "cgroup NAME exists, cgroup NAME joined or cgroup NAME limited");
      }
      case "spawn" -> {
        // spawn ARGS... prints TEXT: the last " prints " splits command and text.
        int at = expression.lastIndexOf(" prints ");
        if (at < 0 || r.size() < 3) {
          throw form(expression, "spawn ARGS... prints TEXT");
        }
        String command = expression.substring(0, at).strip();
        String text = expression.substring(at + " prints ".length()).strip();
        if (command.equals("spawn") || text.isEmpty()) {
          throw form(expression, "spawn ARGS... prints TEXT");
        }
        yield new Spawn(command, text);
      }
      default -> throw new IllegalArgumentException("unknown check '" + word + "' (valid: "
          + String.join(", ", words()) + ")");
    };
  }

  private static Probe ns(List<String> r, String expression) {
    if (r.size() == 3 && r.get(2).equals("changed")) {
      return new NsChanged(NsKind.parse(r.get(1)));
    }
    if (r.size() == 3 && r.get(1).equals("pid") && r.get(2).equals("dead")) {
      return new PidDead();
    }
    if (r.size() == 4 && r.get(1).equals("only") && r.get(3).equals("changed")) {
      return new NsOnly(NsKind.parseList(r.get(2)));
    }
    if (r.size() == 5 && r.get(2).equals("is") && r.get(3).equals("point")) {
      return new NsPoint(NsKind.parse(r.get(1)), r.get(4), true);
    }
    if (r.size() == 6 && r.get(2).equals("differs") && r.get(3).equals("from")
        && r.get(4).equals("point")) {
      return new NsPoint(NsKind.parse(r.get(1)), r.get(5), false);
    }
    throw form(expression, "ns KIND changed, ns only KIND[,KIND...] changed, ns KIND is point"
        + " NAME, ns KIND differs from point NAME, or ns pid dead");
  }

  private static IllegalArgumentException form(String expression, String forms) {
    return new IllegalArgumentException("malformed check '" + expression + "': the form is "
        + forms);
  }

  /** Whether evaluating it starts a child (slow, and it may take PID 1 of a new namespace). */
  default boolean spawns() {
    return this instanceof Spawn;
  }

  /**
   * Whether evaluating it may wait: a child that runs timeout or sleep (net's connection
   * checks wait for an answer). The workshop does not try these after every command.
   */
  default boolean costly() {
    if (!(this instanceof Spawn s)) {
      return false;
    }
    List<String> w = Words.split(s.command());
    return w.contains("timeout") || w.contains("sleep") || s.command().contains("timeout ");
  }
}
