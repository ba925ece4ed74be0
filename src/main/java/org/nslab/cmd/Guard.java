package org.nslab.cmd;

import org.nslab.ns.NsFile;
import org.nslab.ns.NsKind;
import org.nslab.text.Key;

/**
 * The host is safe by default: changes that would reach the real machine are refused while the
 * lab task is still in the namespace it started in, unless the user says --host.
 */
final class Guard {
  private Guard() {}

  /** @param what what the command would do, in the session's words (a doing.* message) */
  static void requireOwn(Session session, NsKind kind, Args args, String what)
      throws CommandException {
    if (args.has("host") || !session.inOrigin(kind)) {
      return;
    }
    throw new CommandException(session.text().get(Key.GUARD_REFUSED, what, kind.word(),
        session.origin().get(NsFile.valueOf(kind.name())).inode()));
  }

  static final Opt HOST_OPTION =
      Opt.flag((char) 0, "host", Key.OPT_HOST);
}
