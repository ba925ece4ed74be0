package org.nslab.cmd;

import java.util.List;
import java.util.Set;
import org.nslab.ns.NsKind;
import org.nslab.sys.NsPoint;

/** nsenter: move the lab task into another process's namespaces with setns(2). */
final class NsenterCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "nsenter",
          List.of("nsenter -t PID [KINDS]"),
          "Move the lab task into the namespaces of process (or thread) PID, as nsenter(1).",
          "Kinds: " + NsKind.validList() + "; by default all but user and time.\n"
              + """
              setns(2) moves the lab task's thread; children spawned afterwards start there
              too. pid moves only where the children go. A JVM cannot join a user namespace
              (EINVAL) or a time namespace (EUSERS): both need a single-threaded caller.
              ns reset comes back.""",
          List.of(Opt.value('t', "target", "PID", "the process whose namespaces to enter")),
          Complete.KINDS,
          0,
          1,
          false);

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    if (!args.has("target")) {
      throw new UsageException("missing -t PID");
    }
    int pid = NsCommand.parsePid(args.value("target"));
    Set<NsKind> kinds =
        args.positional(0) == null ? NsMove.joinable() : NsKind.parseList(args.positional(0));
    try (NsPoint point = session.task().call(() -> NsPoint.ofProcess(pid, kinds))) {
      NsMove.enter(session, point, kinds, "joined " + pid);
    }
    return 0;
  }
}
