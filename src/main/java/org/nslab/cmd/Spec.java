package org.nslab.cmd;

import java.util.List;
import org.nslab.text.Key;
import org.nslab.text.Table;
import org.nslab.text.Text;
import org.nslab.text.Width;

/**
 * Everything about a command that is not its behaviour: usage, help text, options, and what
 * its arguments complete to. Help, completion and argument parsing all read this one record.
 *
 * @param usage the synopsis lines, without the "Usage:" label (never translated: words,
 *     options and metavariables as they are typed)
 * @param summary the one-line summary, in English
 * @param description more about the command, in English ("" for none)
 * @param minArgs fewest positional arguments
 * @param maxArgs most positional arguments, or -1 for any number
 * @param rawAfterFirst the first positional argument ends option parsing (spawn's argv)
 * @param verbs words the first argument may be (ns reset, cgroup create), for completion
 * @param summaryKey where the summary is in the catalogue, or null (then it is English only)
 * @param descriptionKey where the description is in the catalogue, or null
 * @param textArgs the {0}, {1}... of the summary and description patterns
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
    List<String> verbs,
    Key summaryKey,
    Key descriptionKey,
    List<Object> textArgs) {

  public Spec(
      String name, List<String> usage, String summary, String description, List<Opt> options,
      Complete complete, int minArgs, int maxArgs, boolean rawAfterFirst) {
    this(name, usage, summary, description, options, complete, minArgs, maxArgs, rawAfterFirst,
        List.of(), null, null, List.of());
  }

  public Spec(
      String name, List<String> usage, String summary, String description, List<Opt> options,
      Complete complete, int minArgs, int maxArgs, boolean rawAfterFirst, List<String> verbs) {
    this(name, usage, summary, description, options, complete, minArgs, maxArgs, rawAfterFirst,
        verbs, null, null, List.of());
  }

  /**
   * A spec whose summary and description (null for none) are in the catalogue: the English
   * words are the English catalogue's.
   */
  public Spec(
      String name, List<String> usage, Key summary, Key description, List<Opt> options,
      Complete complete, int minArgs, int maxArgs, boolean rawAfterFirst) {
    this(name, usage, Text.english().get(summary),
        description == null ? "" : Text.english().get(description), options, complete, minArgs,
        maxArgs, rawAfterFirst, List.of(), summary, description, List.of());
  }

  /** The same spec, with words its first argument may be. */
  public Spec withVerbs(String... words) {
    return new Spec(name, usage, summary, description, options, complete, minArgs, maxArgs,
        rawAfterFirst, List.of(words), summaryKey, descriptionKey, textArgs);
  }

  /** The same spec, with the {0}, {1}... its summary and description patterns take. */
  public Spec withTextArgs(Object... args) {
    Text en = Text.english();
    return new Spec(name, usage,
        summaryKey == null ? summary : en.get(summaryKey, args),
        descriptionKey == null ? description : en.get(descriptionKey, args),
        options, complete, minArgs, maxArgs, rawAfterFirst, verbs, summaryKey, descriptionKey,
        List.of(args));
  }

  public Opt option(String longName) {
    for (Opt o : options) {
      if (o.longName().equals(longName)) {
        return o;
      }
    }
    throw new IllegalStateException(name + " has no option --" + longName);
  }

  /** The summary in the language of {@code text}. */
  public String summary(Text text) {
    return summaryKey == null ? summary : text.get(summaryKey, textArgs.toArray());
  }

  /** The description in the language of {@code text} ("" for none). */
  public String description(Text text) {
    return descriptionKey == null ? description : text.get(descriptionKey, textArgs.toArray());
  }

  /** The usage lines, as shown under an error. */
  public String usageLines() {
    return usageLines(Text.english());
  }

  /** The usage lines in the language of {@code text}, the synopses under each other. */
  public String usageLines(Text text) {
    String label = text.get(Key.SPEC_USAGE);
    return label + " " + String.join("\n" + " ".repeat(Width.of(label) + 1), usage);
  }

  /** The full help text, in the layout of util-linux's --help. */
  public String help() {
    return help(Text.english());
  }

  /** The full help text in the language of {@code text}. */
  public String help(Text text) {
    StringBuilder sb = new StringBuilder(text.get(Key.SPEC_USAGE)).append('\n');
    for (String u : usage) {
      sb.append(' ').append(u).append('\n');
    }
    sb.append('\n').append(summary(text)).append('\n');
    String more = description(text);
    if (!more.isEmpty()) {
      sb.append('\n').append(more.strip()).append('\n');
    }
    sb.append('\n').append(text.get(Key.SPEC_OPTIONS)).append('\n');
    List<List<String>> rows = new java.util.ArrayList<>();
    for (Opt o : options) {
      rows.add(List.of(o.label(), o.help(text)));
    }
    rows.add(List.of("    --help", text.get(Key.SPEC_HELP_OPTION)));
    for (String line : OPTIONS.lines(rows, false)) {
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  /** The options under --help: the option, then what it does. */
  private static final Table OPTIONS = Table.of(" ", "  ", Width::of,
      Table.Column.left(""), Table.Column.left(""));
}
