package org.nslab.shell;

import java.io.BufferedReader;
import java.io.IOException;
import org.nslab.cmd.Interpreter;
import org.nslab.cmd.Session;

/**
 * Runs commands read one per line from a file or pipe: no prompt, no colour, no history.
 * A failed command does not stop the run; the status says whether any failed.
 */
public final class ScriptLoop {
  private ScriptLoop() {}

  /** Returns the status of 'exit N' if one ran, else 1 if any command failed, else 0. */
  public static int run(BufferedReader in, Session session, Interpreter interpreter)
      throws IOException {
    boolean failed = false;
    String line;
    while ((line = in.readLine()) != null) {
      int status = interpreter.executeTyped(session, line);
      if (session.exitRequest() != null) {
        return session.exitRequest();
      }
      failed |= status != 0;
    }
    return failed ? 1 : 0;
  }
}
