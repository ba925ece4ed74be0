package org.nslab.cmd;

import java.util.List;
import org.nslab.text.Key;

/** jobs: the children started with spawn --bg, running or done. */
final class JobsCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "jobs",
          List.of("jobs"),
          Key.CMD_JOBS,
          null,
          List.of(),
          Complete.NONE,
          0,
          0,
          false);

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    session.reapJobs();
    if (session.jobs().isEmpty()) {
      session.out().println(session.text().get(Key.NOTE_JOBS_NONE));
    }
    for (Job j : session.jobs()) {
      session.out().println(j.describe());
    }
    // Said once: an ended job is gone from the list (its number is free again once it is
    // the highest, as in bash).
    session.jobs().removeIf(j -> j.ended != null);
    return 0;
  }
}
