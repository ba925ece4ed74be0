package org.nslab.cmd;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsKind;
import org.nslab.sys.Syscalls;
import org.nslab.text.Key;

/** hostname: read or set the lab task's hostname with gethostname(2) / sethostname(2). */
final class HostnameCommand implements Command {
  /** HOST_NAME_MAX on Linux. */
  static final int MAX_BYTES = 64;

  private static final Spec SPEC =
      new Spec(
          "hostname",
          List.of("hostname", "hostname [--host] NAME"),
          Key.CMD_HOSTNAME,
          Key.CMD_HOSTNAME_MORE,
          List.of(Guard.HOST_OPTION),
          Complete.NONE,
          0,
          1,
          false);

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    String name = args.positional(0);
    if (name == null) {
      session.out().println(session.task().call(Syscalls::gethostname));
      return 0;
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw new UsageException(Key.HOSTNAME_TOO_LONG, bytes, MAX_BYTES);
    }
    if (name.isEmpty()) {
      throw new UsageException(Key.HOSTNAME_EMPTY);
    }
    Guard.requireOwn(session, NsKind.UTS, args, session.text().get(Key.DOING_SET_HOSTNAME));
    String old =
        session
            .task()
            .call(
                () -> {
                  String was = Syscalls.gethostname();
                  Syscalls.sethostname(name);
                  return was;
                });
    session
        .out()
        .println(
            "hostname " + old + " -> " + session.paint(Paint.Tone.CHANGED, name)
                + session.paint(
                    Paint.Tone.DIM,
                    "  (in uts " + session.task().namespace(NsFile.UTS).inode() + ")"));
    return 0;
  }
}
