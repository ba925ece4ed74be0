package org.nslab.cmd;

/**
 * Colours for command output. Commands name what a piece of text is; the shell decides how it
 * looks (JLine's ANSI styles on a colour terminal, nothing otherwise).
 */
public interface Paint {
  /** What a piece of text is. */
  enum Tone {
    /** Something that changed, such as a namespace that is new. */
    CHANGED,
    /** Something that is fine. */
    OK,
    /** A warning or a refusal. */
    WARN,
    /** An error. */
    ERROR,
    /** Secondary text: notes, explanations. */
    DIM,
    /** Headings. */
    BOLD
  }

  String paint(Tone tone, String text);

  Paint NONE = (tone, text) -> text;
}
