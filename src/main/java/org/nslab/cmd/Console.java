package org.nslab.cmd;

/** What the shell lends a command that starts a child: the terminal, if there is one. */
public interface Console {
  /** True when children should get the terminal (fds 0, 1 and 2) rather than pipes. */
  boolean isTerminal();

  /** Terminal width in columns, or 0 when output is not a terminal (no truncation). */
  int width();

  /** Called before a child gets the terminal: remember its state. */
  void beforeChild();

  /** Called after the child exits: put the terminal back as the shell had it. */
  void afterChild();

  /**
   * Called when the child that had the terminal was killed by SIGINT: the terminal's Ctrl-C
   * went to the whole foreground process group, nslab too. Returns once nslab has been told of
   * its own SIGINT, so that no late one reaches the next prompt as a Ctrl-C typed there.
   */
  default void childInterrupted() {}

  /** Clears the screen (a terminal only; elsewhere nothing happens). */
  default void clearScreen() {}

  /** No terminal: children read /dev/null and their output is piped to the session. */
  Console NONE =
      new Console() {
        @Override
        public boolean isTerminal() {
          return false;
        }

        @Override
        public int width() {
          return 0;
        }

        @Override
        public void beforeChild() {}

        @Override
        public void afterChild() {}
      };
}
