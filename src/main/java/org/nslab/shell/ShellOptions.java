package org.nslab.shell;

/** How nslab was started: --debug for stack traces, colour unless NO_COLOR or --no-color. */
public record ShellOptions(boolean debug, boolean color) {}
