package org.nslab.cmd;

/** What a command's positional arguments are, so the shell can complete them. */
public enum Complete {
  NONE,
  KINDS,
  PATHS,
  PIDS,
  COMMANDS,
  PROGRAMS
}
