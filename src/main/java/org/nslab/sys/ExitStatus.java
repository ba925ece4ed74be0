package org.nslab.sys;

import jnr.constants.platform.Signal;

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

  @Override
  public String toString() {
    return exited() ? "exit status " + code() : "killed by " + signalName(signal());
  }
}
