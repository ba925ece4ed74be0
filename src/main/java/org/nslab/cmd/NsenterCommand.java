package org.nslab.cmd;

import java.util.List;
import java.util.Set;
import org.nslab.ns.NsKind;
import org.nslab.sys.NsPoint;
import org.nslab.text.Key;

/** nsenter: move the lab task into another process's namespaces with setns(2). */
final class NsenterCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "nsenter",
          List.of("nsenter -t PID [KINDS]"),
          Key.CMD_NSENTER,
          Key.CMD_NSENTER_MORE,
          List.of(Opt.value('t', "target", "PID", Key.OPT_NSENTER_TARGET)),
          Complete.KINDS,
          0,
          1,
          false).withTextArgs(NsKind.validList());

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    if (!args.has("target")) {
      throw new UsageException(Key.NSENTER_MISSING_PID);
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
