package org.nslab.sys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A shell beside nslab (guardian.sh) that ends what nslab started if nslab itself ends
 * without doing so: killed with SIGKILL, or a crash. nslab names each child to it as it starts
 * it, and says "bye" once it has ended them itself (at the end of a session). Its children's
 * own children stay below them, or come to nslab, a child subreaper, whose strays end after
 * each command; so the children nslab named, and what is below them, are all there is.
 */
public final class Guardian {
  private static OutputStream to;
  private static long pid = -1;

  private Guardian() {}

  /** Starts the guardian, once per process; where it cannot start, nslab goes on without. */
  public static synchronized void start() {
    if (to != null) {
      return;
    }
    try (InputStream script = Guardian.class.getResourceAsStream("guardian.sh")) {
      String text = new String(script.readAllBytes(), StandardCharsets.UTF_8);
      // The script goes through the environment: ps shows a short command line.
      ProcessBuilder pb = new ProcessBuilder("sh", "-c", "eval \"$NSLAB_GUARDIAN\"",
          "nslab-guardian", Long.toString(ProcessHandle.current().pid()))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT);
      pb.environment().put("NSLAB_GUARDIAN", text);
      Process p = pb.start();
      to = p.getOutputStream();
      pid = p.pid();
    } catch (IOException e) {
      to = null; // Tolerated: nslab still ends its children itself when it can.
    }
  }

  /**
   * The guardian's pid while it runs, else -1. It is nslab's own: it goes where nslab goes
   * when nslab moves itself into a cgroup of its own (a v2 cgroup that gives controllers to
   * its children may hold no process itself).
   */
  static synchronized long pid() {
    return to == null ? -1 : pid;
  }

  /** A child nslab started: the guardian ends it (and what is below it) if nslab cannot. */
  public static synchronized void watch(long pid) {
    say("pid " + pid);
  }

  /** nslab has ended its children itself: the guardian ends, ending nothing. */
  public static synchronized void bye() {
    say("bye");
    if (to != null) {
      try {
        to.close();
      } catch (IOException e) {
        // Tolerated: the guardian reads end of input either way.
      }
      to = null;
    }
  }

  private static void say(String line) {
    if (to == null) {
      return;
    }
    try {
      to.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
      to.flush();
    } catch (IOException e) {
      to = null; // The guardian has gone: nothing more to tell it.
    }
  }
}
