package org.nslab.cmd;

/** One shell word. It writes only to the session's writers and throws on failure. */
public interface Command {
  Spec spec();

  /**
   * Runs the command. Returns the status a shell would put in $? (0 for success); a failure
   * that needs words is thrown instead, and the boundary prints it.
   */
  int run(Session session, Args args) throws Exception;

  /**
   * Words Tab may offer for the argument at {@code index} (1 is the first after the command),
   * beyond what the spec says: lab IDs after "lab start", say. None by default.
   */
  default java.util.List<String> candidates(java.util.List<String> words, int index) {
    return java.util.List.of();
  }
}
