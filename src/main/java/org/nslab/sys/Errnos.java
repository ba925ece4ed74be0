package org.nslab.sys;

import jnr.constants.platform.Errno;

/** errno numbers to their names ("EPERM") and the C library's descriptions. */
public final class Errnos {
  private Errnos() {}

  public static String name(int errno) {
    Errno e = Errno.valueOf(errno);
    return e == Errno.__UNKNOWN_CONSTANT__ ? "errno " + errno : e.name();
  }

  public static String description(int errno) {
    Errno e = Errno.valueOf(errno);
    return e == Errno.__UNKNOWN_CONSTANT__ ? "unknown error" : e.description();
  }

  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int ESRCH = 3;
  public static final int EINTR = 4;
  public static final int ECHILD = 10;
  public static final int EAGAIN = 11;
  public static final int ENOMEM = 12;
  public static final int EACCES = 13;
  public static final int EBUSY = 16;
  public static final int EINVAL = 22;
}
