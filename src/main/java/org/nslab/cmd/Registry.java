package org.nslab.cmd;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The shell's words, sorted: one place to add a command. */
public final class Registry {
  private final Map<String, Command> commands = new TreeMap<>();
  private final Map<String, String> aliases = new TreeMap<>();

  /** Every command nslab has. */
  public static Registry standard() {
    Registry r = new Registry();
    r.add(new CgroupCommand());
    r.add(new ExitCommand());
    r.add(new HelpCommand(r));
    r.add(new HostnameCommand());
    r.add(new IpCommand());
    r.add(new IpcmkCommand());
    r.add(new IpcrmCommand());
    r.add(new IpcsCommand());
    r.add(new JobsCommand());
    r.add(new KillCommand());
    r.add(new LsnsCommand());
    r.add(new MountCommand());
    r.add(new NsCommand());
    r.add(new NsenterCommand());
    r.add(RootfsCommand.pivotRoot());
    r.add(RootfsCommand.chroot());
    r.add(new RunCommand(r));
    r.add(new SpawnCommand());
    r.add(new TimeCommand(r));
    r.add(new UmountCommand());
    r.add(new UnshareCommand());
    r.aliases.put("quit", "exit");
    r.aliases.put("?", "help");
    return r;
  }

  public void add(Command c) {
    commands.put(c.spec().name(), c);
  }

  /** The command for a word (or an alias), or null. */
  public Command find(String word) {
    Command c = commands.get(word);
    if (c == null && aliases.containsKey(word)) {
      c = commands.get(aliases.get(word));
    }
    return c;
  }

  public Collection<Command> all() {
    return commands.values();
  }

  /** Every word the shell accepts as a command, aliases too: for completion. */
  public List<String> words() {
    List<String> words = new ArrayList<>(commands.keySet());
    words.addAll(aliases.keySet());
    return words;
  }

  public String suggest(String typed) {
    return Suggest.nearest(typed, words());
  }
}
