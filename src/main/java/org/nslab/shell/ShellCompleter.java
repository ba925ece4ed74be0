package org.nslab.shell;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.nslab.cmd.Command;
import org.nslab.cmd.Complete;
import org.nslab.cmd.Opt;
import org.nslab.cmd.Registry;
import org.nslab.cmd.Spec;
import org.nslab.ns.NsKind;
import org.nslab.text.Key;
import org.nslab.text.Text;

/** Tab completion from each command's Spec: words, options, kinds, paths, pids, programs. */
final class ShellCompleter implements Completer {
  private final Registry registry;
  private final Text text;

  ShellCompleter(Registry registry) {
    this(registry, Text.english());
  }

  /** Descriptions of commands and options in the language of {@code text}. */
  ShellCompleter(Registry registry, Text text) {
    this.registry = registry;
    this.text = text;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> out) {
    List<String> words = line.words();
    int index = line.wordIndex();
    String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
    if (index == 0) {
      for (Command c : registry.all()) {
        out.add(new Candidate(c.spec().name(), c.spec().name(), null, c.spec().summary(text), null, null, true));
      }
      return;
    }
    Command command = registry.find(words.get(0));
    if (command == null) {
      return;
    }
    Spec spec = command.spec();
    if (spec.rawAfterFirst() && index > 1) {
      paths(word, out);
      return;
    }
    String previous = words.get(index - 1);
    Opt valueOf = optionTakingValue(spec, previous);
    if (valueOf != null) {
      optionValues(spec, valueOf, out);
      return;
    }
    if (word.startsWith("-")) {
      for (Opt o : spec.options()) {
        out.add(new Candidate("--" + o.longName(), "--" + o.longName(), null, o.help(text), null, null, !o.takesValue()));
      }
      out.add(new Candidate("--help", "--help", null, text.get(Key.COMPLETE_HELP), null, null, true));
      return;
    }
    if (index == 1) {
      spec.verbs().forEach(v -> out.add(new Candidate(v)));
    }
    command.candidates(words, index).forEach(c -> out.add(new Candidate(c)));
    switch (spec.complete()) {
      case KINDS -> kinds(word, out);
      case PATHS -> paths(word, out);
      case PIDS -> pids(spec, text, out);
      case COMMANDS -> registry.words().forEach(w -> out.add(new Candidate(w)));
      case PROGRAMS -> {
        if (word.contains("/")) {
          paths(word, out);
        } else {
          programs(out);
        }
      }
      case NONE -> {}
    }
  }

  private static Opt optionTakingValue(Spec spec, String word) {
    for (Opt o : spec.options()) {
      if (o.takesValue()
          && (word.equals("--" + o.longName()) || (o.shortName() != 0 && word.equals("-" + o.shortName())))) {
        return o;
      }
    }
    return null;
  }

  private void optionValues(Spec spec, Opt o, List<Candidate> out) {
    switch (o.longName()) {
      case "type" -> NsKind.words().forEach(k -> out.add(new Candidate(k)));
      case "propagation" -> List.of("private", "shared", "slave", "unchanged")
          .forEach(m -> out.add(new Candidate(m)));
      case "task" -> pids(spec, text, out);
      case "types" -> filesystems(out);
      default -> {}
    }
  }

  /** Completes the last item of a comma list, offering only kinds not yet in it. */
  private static void kinds(String word, List<Candidate> out) {
    int comma = word.lastIndexOf(',');
    String prefix = comma < 0 ? "" : word.substring(0, comma + 1);
    Set<String> taken = new LinkedHashSet<>(List.of(prefix.split(",")));
    for (NsKind k : NsKind.values()) {
      if (!taken.contains(k.word())) {
        out.add(new Candidate(prefix + k.word(), k.word(), null, k.isolates(), null, null, true));
      }
    }
  }

  private static void paths(String word, List<Candidate> out) {
    int slash = word.lastIndexOf('/');
    String dirPart = slash < 0 ? "" : word.substring(0, slash + 1);
    File dir = new File(dirPart.isEmpty() ? "." : dirPart);
    File[] entries = dir.listFiles();
    if (entries == null) {
      return;
    }
    for (File f : entries) {
      String value = dirPart + f.getName();
      if (f.isDirectory()) {
        out.add(new Candidate(value + "/", f.getName() + "/", null, null, null, null, false));
      } else {
        out.add(new Candidate(value, f.getName(), null, null, null, null, true));
      }
    }
  }

  private static void pids(Spec spec, Text text, List<Candidate> out) {
    if (spec.name().equals("ns")) {
      out.add(new Candidate("self", "self", null, text.get(Key.COMPLETE_SELF), null, null,
          true));
    }
    File[] entries = new File("/proc").listFiles();
    if (entries == null) {
      return;
    }
    for (File f : entries) {
      if (f.getName().chars().allMatch(Character::isDigit)) {
        String comm;
        try {
          comm = Files.readString(f.toPath().resolve("comm")).strip();
        } catch (IOException e) {
          continue; // gone while we looked
        }
        out.add(new Candidate(f.getName(), f.getName(), null, comm, null, null, true));
      }
    }
  }

  private static void programs(List<Candidate> out) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    Set<String> seen = new LinkedHashSet<>();
    for (String dir : path.split(":")) {
      File[] entries = new File(dir).listFiles();
      if (entries == null) {
        continue;
      }
      for (File f : entries) {
        if (f.canExecute() && !f.isDirectory() && seen.add(f.getName())) {
          out.add(new Candidate(f.getName()));
        }
      }
    }
  }

  private static void filesystems(List<Candidate> out) {
    try {
      List<String> names = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of("/proc/filesystems"))) {
        String[] f = line.trim().split("\\s+");
        names.add(f[f.length - 1]);
      }
      names.forEach(n -> out.add(new Candidate(n)));
    } catch (IOException e) {
      // no /proc here: nothing to offer
    }
  }
}
