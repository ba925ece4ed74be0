package org.nslab.shell;

import java.util.Set;
import java.util.stream.Collectors;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.nslab.cmd.Session;
import org.nslab.ns.NsKind;
import org.nslab.sys.Syscalls;

/**
 * "nslab demo [uts mnt] (uts 2/4)> ": the lab task's hostname, the kinds it is in anew, and
 * the open lab and its step.
 */
final class Prompt {
  private Prompt() {}

  static String text(Session session, Terminal terminal, boolean color) {
    String host;
    try {
      host = session.task().call(Syscalls::gethostname);
    } catch (Exception e) {
      host = "?";
    }
    Set<NsKind> fresh = session.task().namespaces().newKinds(session.origin());
    String kinds = fresh.stream().map(NsKind::word).collect(Collectors.joining(" "));
    AttributedStringBuilder sb = new AttributedStringBuilder();
    sb.styled(AttributedStyle.BOLD, "nslab").append(' ');
    sb.styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN), host);
    if (!kinds.isEmpty()) {
      sb.append(' ').styled(AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW), "[" + kinds + "]");
    }
    String note = session.promptNote();
    if (note != null && !note.isEmpty()) {
      sb.append(' ').styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA),
          "(" + note + ")");
    }
    sb.append("> ");
    return color ? sb.toAnsi(terminal) : sb.toString();
  }
}
