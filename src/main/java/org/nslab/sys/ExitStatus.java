package org.nslab.sys;

import jnr.constants.platform.Signal;
import org.nslab.text.Key;
import org.nslab.text.Said;

/** A wait(2) status: how a child ended. */
public record ExitStatus(int raw) {

  public boolean exited() {
    return (raw & 0x7f) == 0;
  }

  public int code() {
    return (raw >> 8) & 0xff;
  }

  public int signal() {
    return exited() ? 0 : raw & 0x7f;
  }

  /** The status a POSIX shell would put in $?: the exit code, or 128 + the signal. */
  public int shellStatus() {
    return exited() ? code() : 128 + signal();
  }

  public static String signalName(int sig) {
    Signal s = Signal.valueOf(sig);
    return s == Signal.__UNKNOWN_CONSTANT__ ? "signal " + sig : s.name();
  }

  /** A signal's number from its name ("TERM", "SIGKILL", any case), or -1 for no such name. */
  public static int signalNumber(String name) {
    String n = name.toUpperCase(java.util.Locale.ROOT);
    try {
      Signal s = Signal.valueOf(n.startsWith("SIG") ? n : "SIG" + n);
      return s != Signal.__UNKNOWN_CONSTANT__ && s.defined() ? s.intValue() : -1;
    } catch (IllegalArgumentException e) {
      return -1; // not a signal name
    }
  }

  /** As {@link #toString}, in any language. */
  public Said said() {
    return exited() ? Said.of(Key.EXIT_STATUS, code()) : Said.of(Key.KILLED_BY,
        signalName(signal()));
  }

  @Override
  public String toString() {
    return exited() ? "exit status " + code() : "killed by " + signalName(signal());
  }
}
