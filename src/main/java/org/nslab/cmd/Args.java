package org.nslab.cmd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nslab.text.Key;

/** A command's words parsed against its {@link Spec}, in the manner of getopt_long(3). */
public final class Args {
  private final Map<String, String> values = new HashMap<>();
  private final List<String> positionals = new ArrayList<>();
  private boolean help;

  private Args() {}

  public static Args parse(Spec spec, List<String> words) throws UsageException {
    Args a = new Args();
    boolean optionsDone = false;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (optionsDone || !w.startsWith("-") || w.equals("-")) {
        a.positionals.add(w);
        if (spec.rawAfterFirst()) {
          optionsDone = true;
        }
        continue;
      }
      if (w.equals("--")) {
        optionsDone = true;
        continue;
      }
      if (w.equals("--help") || w.equals("-h")) {
        a.help = true;
        continue;
      }
      if (w.startsWith("--")) {
        String name = w.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        Opt o = findLong(spec, name);
        if (o.takesValue()) {
          if (value == null) {
            if (i + 1 >= words.size()) {
              throw new UsageException(Key.ARGS_NEEDS_VALUE, "--" + name, o.param());
            }
            value = words.get(++i);
          }
        } else if (value != null) {
          throw new UsageException(Key.ARGS_TAKES_NO_VALUE, "--" + name);
        }
        a.values.put(o.longName(), value == null ? "" : value);
        continue;
      }
      // One or more short options: "-l", "-lJ", "-tuts", "-t uts".
      for (int j = 1; j < w.length(); j++) {
        Opt o = findShort(spec, w.charAt(j));
        if (o.takesValue()) {
          String value = w.substring(j + 1);
          if (value.isEmpty()) {
            if (i + 1 >= words.size()) {
              throw new UsageException(Key.ARGS_NEEDS_VALUE, "-" + o.shortName(),
                  o.param());
            }
            value = words.get(++i);
          }
          a.values.put(o.longName(), value);
          break;
        }
        a.values.put(o.longName(), "");
      }
    }
    if (!a.help) {
      int n = a.positionals.size();
      if (n < spec.minArgs()) {
        throw new UsageException(n == 0 ? Key.ARGS_MISSING : Key.ARGS_TOO_FEW);
      }
      if (spec.maxArgs() >= 0 && n > spec.maxArgs()) {
        throw new UsageException(Key.ARGS_UNEXPECTED, a.positionals.get(spec.maxArgs()));
      }
    }
    return a;
  }

  private static Opt findLong(Spec spec, String name) throws UsageException {
    for (Opt o : spec.options()) {
      if (o.longName().equals(name)) {
        return o;
      }
    }
    List<String> names = new ArrayList<>();
    for (Opt o : spec.options()) {
      names.add(o.longName());
    }
    names.add("help");
    String near = Suggest.nearest(name, names);
    throw near == null
        ? new UsageException(Key.ARGS_UNRECOGNIZED, name)
        : new UsageException(Key.ARGS_UNRECOGNIZED_NEAR, name, near);
  }

  private static Opt findShort(Spec spec, char c) throws UsageException {
    for (Opt o : spec.options()) {
      if (o.shortName() == c) {
        return o;
      }
    }
    throw new UsageException(Key.ARGS_INVALID_SHORT, String.valueOf(c));
  }

  public boolean helpRequested() {
    return help;
  }

  public boolean has(String longName) {
    return values.containsKey(longName);
  }

  public String value(String longName) {
    return values.get(longName);
  }

  public List<String> positionals() {
    return positionals;
  }

  public String positional(int i) {
    return i < positionals.size() ? positionals.get(i) : null;
  }
}
