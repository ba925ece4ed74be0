package org.nslab.cmd;

import java.util.List;
import org.nslab.text.Table;

/**
 * Everything about a command that is not its behaviour: usage, help text, options, and what
 * its arguments complete to. Help, completion and argument parsing all read this one record.
 *
 * @param usage the synopsis lines, without the "Usage:" label
 * @param minArgs fewest positional arguments
 * @param maxArgs most positional arguments, or -1 for any number
 * @param rawAfterFirst the first positional argument ends option parsing (spawn's argv)
 * @param verbs words the first argument may be (ns reset, cgroup create), for completion
 */
public record Spec(
    String name,
    List<String> usage,
    String summary,
    String description,
    List<Opt> options,
    Complete complete,
    int minArgs,
    int maxArgs,
    boolean rawAfterFirst,
    List<String> verbs) {

  public Spec(
      String name, List<String> usage, String summary, String description, List<Opt> options,
      Complete complete, int minArgs, int maxArgs, boolean rawAfterFirst) {
    this(name, usage, summary, description, options, complete, minArgs, maxArgs, rawAfterFirst,
        List.of());
  }

  /** The same spec, with words its first argument may be. */
  public Spec withVerbs(String... words) {
    return new Spec(name, usage, summary, description, options, complete, minArgs, maxArgs,
        rawAfterFirst, List.of(words));
  }

  public Opt option(String longName) {
    for (Opt o : options) {
      if (o.longName().equals(longName)) {
        return o;
      }
    }
    throw new IllegalStateException(name + " has no option --" + longName);
  }

  /** The usage lines, as shown under an error. */
  public String usageLines() {
    return "Usage: " + String.join("\n       ", usage);
  }

  /** The full help text, in the layout of util-linux's --help. */
  public String help() {
    StringBuilder sb = new StringBuilder("Usage:\n");
    for (String u : usage) {
      sb.append(' ').append(u).append('\n');
    }
    sb.append('\n').append(summary).append('\n');
    if (!description.isEmpty()) {
      sb.append('\n').append(description.strip()).append('\n');
    }
    sb.append("\nOptions:\n");
    List<List<String>> rows = new java.util.ArrayList<>();
    for (Opt o : options) {
      rows.add(List.of(o.label(), o.help()));
    }
    rows.add(List.of("    --help", "display this help"));
    for (String line : OPTIONS.lines(rows, false)) {
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  /** The options under --help: the option, then what it does. */
  private static final Table OPTIONS = Table.of(" ", "  ", String::length,
      Table.Column.left(""), Table.Column.left(""));
}
