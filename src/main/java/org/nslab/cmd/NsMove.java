package org.nslab.cmd;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsKind;
import org.nslab.ns.NsSnapshot;
import org.nslab.sys.NsPoint;
import org.nslab.sys.SyscallException;

/** Moving the lab task into a saved point or another process's namespaces with setns(2). */
final class NsMove {
  private NsMove() {}

  /** The kinds a JVM can setns into: not user (needs one thread), not time (EUSERS). */
  static Set<NsKind> joinable() {
    Set<NsKind> kinds = EnumSet.allOf(NsKind.class);
    kinds.remove(NsKind.USER);
    kinds.remove(NsKind.TIME);
    return kinds;
  }

  /**
   * Enters {@code point} for each of {@code kinds}, in nsenter's order, and prints each id
   * before and after. Kinds that fail are reported together after the others moved.
   */
  static void enter(Session session, NsPoint point, Set<NsKind> kinds, String why)
      throws Exception {
    NsSnapshot before = session.task().namespaces();
    Map<NsKind, SyscallException> failed =
        session
            .task()
            .call(
                () -> {
                  Map<NsKind, SyscallException> f = new EnumMap<>(NsKind.class);
                  for (NsKind k : NsPoint.ORDER) {
                    if (kinds.contains(k)) {
                      try {
                        point.enter(k);
                      } catch (SyscallException e) {
                        f.put(k, e);
                      }
                    }
                  }
                  return f;
                });
    if (kinds.contains(NsKind.PID) && !failed.containsKey(NsKind.PID)) {
      session.forgetPid1();
    }
    NsSnapshot after = session.task().namespaces();
    PrintWriter out = session.out();
    for (NsKind k : NsPoint.ORDER) {
      if (!kinds.contains(k) || failed.containsKey(k)) {
        continue;
      }
      NsFile f = NsFile.changedBy(k);
      NsId was = before.get(f);
      NsId now = after.get(f);
      String line =
          String.format(
              "%-17s %s -> %s", f.fileName(), was == null ? "-" : was.inode(),
              now == null ? "-" : now.inode());
      boolean same = now != null && now.equals(was);
      out.println(Interpreter.wrap(session,
          line + "  " + session.paint(same ? Paint.Tone.DIM : Paint.Tone.CHANGED,
          same ? "(already there)" : "(" + why + ")"), line.length() + 2));
    }
    if (!failed.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<NsKind, SyscallException> e : failed.entrySet()) {
        sb.append(sb.length() == 0 ? "" : "\n  ").append(e.getKey().word()).append(": ")
            .append(e.getValue().message(session.text()));
      }
      throw new CommandException(sb.toString());
    }
  }
}
