package org.nslab.cmd;

/** One shell word. It writes only to the session's writers and throws on failure. */
public interface Command {
  Spec spec();

  /**
   * Runs the command. Returns the status a shell would put in $? (0 for success); a failure
   * that needs words is thrown instead, and the boundary prints it.
   */
  int run(Session session, Args args) throws Exception;
}
