package org.nslab.grade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What the grader and a sandbox say to each other, written and read here only. The grader
 * starts the sandbox's nslab as {@code nslab grade --sandboxed} and the {@link Request}'s
 * words; on standard input it writes {@link #GO} (read by sandbox.sh once the id maps are
 * written), then {@link #mounted} (the sandbox's proc is mounted; the nonce follows). The
 * sandbox answers on standard output with {@link Reply} lines, each led by the nonce, so that
 * nothing a submission prints can pass for one (its children's output never reaches that
 * stream, and it cannot know the nonce).
 */
public final class SandboxProtocol {
  private SandboxProtocol() {}

  /** The first word after {@code nslab grade}: the rest is a {@link Request}. */
  public static final String SANDBOXED = "--sandboxed";

  /** The first line on the sandbox's standard input: its id maps are written. */
  static final String GO = "go\n";

  /** The second: its proc is mounted, and the nonce to lead every reply with. */
  static String mounted(String nonce) {
    return "mounted\n" + nonce + "\n";
  }

  /** A new nonce: 16 random bytes in hex, which no submission can guess. */
  static String nonce(java.security.SecureRandom random) {
    return java.util.HexFormat.of().formatHex(random.generateSeed(16));
  }

  /** Reads the nonce the grader sent, on the JVM's standard input, and closes it. */
  public static String readNonce(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      line.append((char) b);
    }
    in.close();
    String nonce = line.toString();
    if (!nonce.matches("[0-9a-f]{32}")) {
      throw new IOException("no nonce from the grader");
    }
    return nonce;
  }

  /**
   * What the sandbox is to grade: the lab and the submission at their paths inside, the
   * submission's name for the report, its time, and the language of the checks' messages.
   */
  public record Request(long commandMs, long totalMs, Path lab, Path submission, String name,
      String lang) {

    /** The words after {@code nslab grade --sandboxed}. */
    List<String> words() {
      return List.of("--command-timeout-ms", Long.toString(commandMs), "--timeout-ms",
          Long.toString(totalMs), lab.toString(), submission.toString(), name, "--lang", lang);
    }

    /** Reads back what {@link #words} wrote. */
    public static Request parse(List<String> w) {
      if (w.size() != 9 || !w.get(0).equals("--command-timeout-ms")
          || !w.get(2).equals("--timeout-ms")
          || !w.get(7).equals("--lang")) {
        throw new IllegalArgumentException("not a sandbox request: " + w);
      }
      return new Request(Long.parseLong(w.get(1)), Long.parseLong(w.get(3)), Path.of(w.get(4)),
          Path.of(w.get(5)), w.get(6), w.get(8));
    }
  }

  /** One line of the sandbox's answer. */
  public sealed interface Reply {
    /** The submission's line {@code number} starts. */
    record Line(int number) implements Reply {}

    /** Step {@code step} (from 0) has passed, after the last line that started. */
    record Passed(int step) implements Reply {}

    /** A file system of the sandbox is full: "PATH SIZE", as "/tmp 64M". */
    record Full(String what) implements Reply {}

    /** The report, as {@link Report#toJson} writes it on one line; read when asked for. */
    record Done(String json) implements Reply {
      public Done(Report report) {
        this(report.toJson(""));
      }

      Report report() {
        return Report.fromJson(json);
      }
    }

    /** The line, led by the nonce; never more than one line. */
    default String write(String nonce) {
      String body;
      if (this instanceof Line l) {
        body = "line " + l.number();
      } else if (this instanceof Passed p) {
        body = "passed " + p.step();
      } else if (this instanceof Full f) {
        body = "full " + f.what();
      } else {
        body = "report " + ((Done) this).json();
      }
      if (body.indexOf('\n') >= 0 || body.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a reply is one line: " + body);
      }
      return nonce + " " + body;
    }

    /** The reply a line of the sandbox's output is, or null if it is not one (no nonce). */
    static Reply read(String nonce, String line) {
      String lead = nonce + " ";
      if (!line.startsWith(lead)) {
        return null;
      }
      String body = line.substring(lead.length());
      int space = body.indexOf(' ');
      String word = space < 0 ? body : body.substring(0, space);
      String rest = space < 0 ? "" : body.substring(space + 1);
      try {
        return switch (word) {
          case "line" -> new Line(Integer.parseInt(rest.trim()));
          case "passed" -> new Passed(Integer.parseInt(rest.trim()));
          case "full" -> new Full(rest);
          case "report" -> new Done(rest);
          default -> null;
        };
      } catch (NumberFormatException e) {
        return null; // not a line the sandbox's nslab writes
      }
    }
  }
}
