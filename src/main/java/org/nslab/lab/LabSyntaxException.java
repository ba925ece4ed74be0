package org.nslab.lab;

/** A malformed lab file, reported as "FILE:LINE: what is wrong" like a compiler error. */
public final class LabSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  public LabSyntaxException(String file, int line, String what) {
    super(file + ":" + line + ": " + what);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  /** The 1-based line of the file where the problem is. */
  public int line() {
    return line;
  }
}
