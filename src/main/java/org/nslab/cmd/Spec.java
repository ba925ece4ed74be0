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
    return usageLines(text, 0);
  }

  /**
   * As {@link #usageLines(Text)}, each synopsis wrapped to {@code width} columns (0: not) with
   * its continuations under its arguments: "Usage: unshare [--propagation MODE]" over
   * "                KIND[,KIND...]".
   */
  public String usageLines(Text text, int width) {
    String label = text.get(Key.SPEC_USAGE);
    int at = Width.of(label) + 1;
    List<String> lines = new java.util.ArrayList<>();
    for (String u : usage) {
      lines.add(synopsis((lines.isEmpty() ? label + " " : " ".repeat(at)) + u, at, width));
    }
    return String.join("\n", lines);
  }

  /** A synopsis that starts at column {@code at}, wrapped with its continuations under its arguments. */
  private String synopsis(String line, int at, int width) {
    return String.join("\n", Wrap.line(line, width, at + Width.of(name) + 1));
  }

  /** The full help text, in the layout of util-linux's --help. */
  public String help() {
    return help(Text.english());
  }

  /** The full help text in the language of {@code text}. */
  public String help(Text text) {
    return help(text, 0);
  }

  /**
   * As {@link #help(Text)}, wrapped to {@code width} columns (0: not): a synopsis's
   * continuations under its arguments, the prose at blanks, an option's description under the
   * description column.
   */
  public String help(Text text, int width) {
    StringBuilder sb = new StringBuilder(text.get(Key.SPEC_USAGE)).append('\n');
    for (String u : usage) {
      sb.append(synopsis(" " + u, 1, width)).append('\n');
    }
    sb.append('\n').append(Wrap.text(summary(text), width)).append('\n');
    String more = description(text);
    if (!more.isEmpty()) {
      sb.append('\n').append(Wrap.text(more.strip(), width)).append('\n');
    }
    sb.append('\n').append(text.get(Key.SPEC_OPTIONS)).append('\n');
    List<List<String>> rows = new java.util.ArrayList<>();
    for (Opt o : options) {
      rows.add(List.of(o.label(), o.help(text)));
    }
    rows.add(List.of("    --help", text.get(Key.SPEC_HELP_OPTION)));
    int hang = Width.of(OPTIONS.indent()) + OPTIONS.widths(rows)[0] + Width.of(OPTIONS.gap());
    for (String line : OPTIONS.lines(rows, false)) {
      sb.append(Wrap.hanging(line, width, hang)).append('\n');
    }
    return sb.toString();
  }

  /** The options under --help: the option, then what it does. */
  private static final Table OPTIONS = Table.of(" ", "  ", Width::of,
      Table.Column.left(""), Table.Column.left(""));
}
