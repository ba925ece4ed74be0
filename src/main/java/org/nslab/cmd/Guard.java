package org.nslab.cmd;

import org.nslab.ns.NsFile;
import org.nslab.ns.NsKind;

/**
 * The host is safe by default: changes that would reach the real machine are refused while the
 * lab task is still in the namespace it started in, unless the user says --host.
 */
final class Guard {
  private Guard() {}

  static void requireOwn(Session session, NsKind kind, Args args, String what)
      throws CommandException {
    if (args.has("host") || !session.inOrigin(kind)) {
      return;
    }
    throw new CommandException(
        "refusing to " + what + ": the lab task is still in the " + kind.word()
            + " namespace the shell started in (" + kind.word() + ":["
            + session.origin().get(NsFile.valueOf(kind.name())).inode()
            + "]), so this would change the real host.\n  Run 'unshare " + kind.word()
            + "' first, or add --host if you really mean the host.");
  }

  static final Opt HOST_OPTION =
      Opt.flag((char) 0, "host", "allow this even outside a namespace nslab made");
}
