package org.nslab.cmd;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A real nslab session (a real lab task thread) whose output the test reads back. */
public final class LabSession implements AutoCloseable {
  /** What one line printed, and its status. */
  public record Result(int status, String out, String err) {
    public String all() {
      return out + err;
    }
  }

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Session session;
  private final Interpreter interpreter = new Interpreter(Registry.standard(), false);

  public LabSession() throws Exception {
    this(Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C"));
  }

  /** A session whose children get {@code env} (a PATH without some program, say). */
  public LabSession(Map<String, String> env) throws Exception {
    session = Session.open(new PrintWriter(out), new PrintWriter(err), Paint.NONE, Console.NONE,
        env);
  }

  public Session session() {
    return session;
  }

  public Result run(String line) {
    int status = interpreter.execute(session, line);
    Result r = new Result(status, out.toString(), err.toString());
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return r;
  }

  /** Runs a line that must succeed, and returns its standard output. */
  public String ok(String line) {
    Result r = run(line);
    if (r.status() != 0) {
      throw new AssertionError("'" + line + "' failed with " + r.status() + ":\n" + r.all());
    }
    return r.out();
  }

  @Override
  public void close() {
    session.close();
  }


  /** The hostname as the calling (test) thread sees it: the outside of the lab task. */
  public static String outsideHostname() throws IOException {
    return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
  }
}
