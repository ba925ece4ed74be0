package org.nslab.cmd;

import org.nslab.sys.ExitStatus;
import org.nslab.sys.Spawner;

/** A child started with spawn --bg: its number, how it was started, and how it ended. */
final class Job {
  final int number;
  final Spawner.Child child;
  final String command;
  final boolean pid1;
  ExitStatus ended;

  Job(int number, Spawner.Child child, String command, boolean pid1) {
    this.number = number;
    this.child = child;
    this.command = command;
    this.pid1 = pid1;
  }

  /** "[1] 4242 Running sleep 100", as a shell's jobs builtin shows it. */
  String describe() {
    return "[" + number + "] " + child.pid() + " "
        + (ended == null ? "Running" : "Done (" + ended + ")") + "  " + command
        + (pid1 ? "  (PID 1 of its pid namespace)" : "");
  }
}
