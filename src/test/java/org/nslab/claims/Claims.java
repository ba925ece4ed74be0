package org.nslab.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.nslab.cmd.Console;
import org.nslab.cmd.Interpreter;
import org.nslab.cmd.Paint;
import org.nslab.cmd.Registry;
import org.nslab.cmd.Session;
import org.nslab.ns.NsFile;

/**
 * What the claims tests share: a program run to its end (bounded), a shell script run by
 * util-linux unshare in fresh namespaces (so nothing of the machine's changes), and a real
 * nslab session whose output is read back.
 */
final class Claims {
  private Claims() {}

  /** What a program printed, and how it ended. */
  record Ran(int status, String out, String err) {
    String all() {
      return out + err;
    }

    /** Fails unless the program exited 0; returns its standard output. */
    String ok() {
      assertEquals(0, status, "failed with " + status + ":\n" + all());
      return out;
    }
  }

  /** Runs ARGV to its end (at most 60 s: a program still running then is killed, and fails). */
  static Ran run(String... argv) throws Exception {
    return run(Map.of(), argv);
  }

  /** As above, with ENV added to this process's environment. */
  static Ran run(Map<String, String> env, String... argv) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<byte[]> out = drain(p.getInputStream());
    CompletableFuture<byte[]> err = drain(p.getErrorStream());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("still running after 60 s: " + List.of(argv));
    }
    // A child left in the background may hold the pipes open: wait for them, also bounded.
    return new Ran(p.exitValue(), new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8),
        new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
  }

  private static CompletableFuture<byte[]> drain(java.io.InputStream in) {
    CompletableFuture<byte[]> bytes = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        bytes.complete(in.readAllBytes());
      } catch (java.io.IOException e) {
        bytes.completeExceptionally(e);
      }
    }, "claims-drain");
    t.setDaemon(true);
    t.start();
    return bytes;
  }

  /**
   * sh -c SCRIPT in new namespaces, made by util-linux unshare with FLAGS (as "-u -m"). With
   * -m, unshare makes / recursively private first, so no mount made here reaches the host.
   */
  static Ran unshare(String flags, String script) throws Exception {
    List<String> argv = new ArrayList<>();
    argv.add("unshare");
    argv.addAll(List.of(flags.split(" ")));
    argv.addAll(List.of("sh", "-c", script));
    return run(argv.toArray(String[]::new));
  }

  /** The id (inode) of a namespace link such as /proc/1/ns/uts. */
  static long nsId(String link) throws Exception {
    String target = Files.readSymbolicLink(Path.of(link)).toString();
    return Long.parseLong(target.substring(target.indexOf('[') + 1, target.length() - 1));
  }

  /** A real nslab session (its own lab task thread), whose words the test reads back. */
  static final class Nslab implements AutoCloseable {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Interpreter interpreter = new Interpreter(Registry.standard(), false);
    private final Session session =
        Session.open(new PrintWriter(out), new PrintWriter(err), Paint.NONE, Console.NONE,
            Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C"));

    /** Runs one line; returns what it printed, standard error after standard output. */
    Ran line(String line) {
      int status = interpreter.execute(session, line);
      Ran r = new Ran(status, out.toString(), err.toString());
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);
      return r;
    }

    /** Runs a line that must succeed; returns its standard output. */
    String ok(String line) {
      Ran r = line(line);
      assertTrue(r.status() == 0, "'" + line + "' failed with " + r.status() + ":\n" + r.all());
      return r.out();
    }

    long ns(NsFile file) {
      return session.task().namespace(file).inode();
    }

    int pid() {
      return session.task().pid();
    }

    int tid() {
      return session.task().tid();
    }

    @Override
    public void close() {
      session.close();
    }
  }
}
