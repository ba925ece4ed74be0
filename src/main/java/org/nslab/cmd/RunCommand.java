package org.nslab.cmd;

import java.util.ArrayList;
import java.util.List;
import org.nslab.text.Key;

/**
 * run: a container, built from the same commands a student types, each one shown before it
 * runs, so the whole path a runtime walks (cgroup, namespaces, hostname, root filesystem,
 * entry point) is on the screen.
 */
final class RunCommand implements Command {
  private final Registry registry;
  private int runs;

  private static final Spec SPEC =
      new Spec(
          "run",
          List.of("run [--hostname NAME] [--pids-max N] [--memory-max SIZE] [--keep] ROOTFS [PROGRAM [ARG...]]"),
          Key.CMD_RUN,
          Key.CMD_RUN_MORE,
          List.of(
              Opt.value((char) 0, "hostname", "NAME", Key.OPT_RUN_HOSTNAME),
              Opt.value((char) 0, "pids-max", "N", Key.OPT_RUN_PIDS_MAX),
              Opt.value((char) 0, "memory-max", "SIZE", Key.OPT_RUN_MEMORY_MAX),
              Opt.flag((char) 0, "keep", Key.OPT_RUN_KEEP)),
          Complete.PATHS,
          1,
          -1,
          true);

  RunCommand(Registry registry) {
    this.registry = registry;
  }

  @Override
  public Spec spec() {
    return SPEC;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    List<String> pos = args.positionals();
    String rootfs = pos.get(0);
    List<String> program = pos.size() > 1 ? pos.subList(1, pos.size()) : List.of("sh");
    String host = args.has("hostname") ? args.value("hostname") : "container";
    String cgroup = "run" + (++runs);
    List<String> steps = new ArrayList<>();
    steps.add("cgroup create " + cgroup + " --pids-max "
        + (args.has("pids-max") ? args.value("pids-max") : "64") + " --memory-max "
        + (args.has("memory-max") ? args.value("memory-max") : "256M"));
    steps.add("cgroup join " + cgroup);
    steps.add("unshare uts,mnt,ipc,pid,net,cgroup");
    steps.add("hostname " + quote(host));
    steps.add("pivot_root --no-proc " + quote(rootfs)); // the entry point mounts its own
    StringBuilder entry = new StringBuilder("spawn sh -c 'mount -t proc proc /proc && exec \"$@\"' entry");
    for (String a : program) {
      entry.append(' ').append(quote(a));
    }
    steps.add(entry.toString());
    int status = 0;
    try {
      for (String step : steps) {
        status = step(session, step);
        if (status != 0 && !step.startsWith("spawn")) {
          throw new CommandException(Key.RUN_STOPPED, step);
        }
      }
    } finally {
      if (!args.has("keep")) {
        for (String step : List.of("ns reset", "cgroup leave", "cgroup delete " + cgroup)) {
          step(session, step);
        }
      }
    }
    return status;
  }

  /** Shows a step as the student would type it, then runs it through the shell's own words. */
  private int step(Session session, String line) throws Exception {
    session.out().println(session.paint(Paint.Tone.BOLD, "+ " + line));
    List<String> words = Words.split(line);
    Command c = registry.find(words.get(0));
    return c.run(session, Args.parse(c.spec(), words.subList(1, words.size())));
  }

  /** Single-quotes a word for the shell line shown and parsed again. */
  private static String quote(String word) {
    return word.matches("[A-Za-z0-9_./:=@%+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
