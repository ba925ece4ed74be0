package org.nslab.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.nslab.cmd.Args;
import org.nslab.cmd.Complete;
import org.nslab.cmd.Opt;
import org.nslab.cmd.Spec;
import org.nslab.cmd.UsageException;
import org.nslab.text.Key;
import org.nslab.text.Text;

/**
 * One way of starting the nslab process ({@code nslab}, {@code nslab run}, {@code nslab grade},
 * {@code nslab demo}): its arguments are parsed by the same {@link Spec} and {@link Args} as a
 * shell word's ({@code --opt=value} and {@code --opt value}, bundled short options, "did you
 * mean"), then read into the program's own options record. A usage error is said one way for
 * all of them: {@code nslab demo: MESSAGE}, the usage lines, where to find more; status 2.
 *
 * @param spec the options and the usage lines (its name is what errors start with)
 * @param help what {@code --help} prints, in the catalogue
 */
public record Program(Spec spec, Key help) {
  /** The status of a usage error, as getopt-based tools exit. */
  public static final int USAGE_ERROR = 2;

  /** Reads parsed arguments into a program's options; a value it rejects is a usage error. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(Args args) throws UsageException;
  }

  /**
   * The outcome of parsing: the options to run with, or (null) the status to exit with, after
   * --help or a usage error has been printed.
   */
  public record Parsed<T>(T options, int status) {}

  public <T> Parsed<T> parse(List<String> words, Reader<T> reader, PrintStream out,
      PrintStream err) {
    Text text = text(words, System.getenv());
    try {
      Args args = Args.parse(spec, words);
      if (args.helpRequested()) {
        out.print(text.get(help));
        return new Parsed<>(null, 0);
      }
      return new Parsed<>(reader.read(args), 0);
    } catch (UsageException e) {
      return new Parsed<>(null, usageError(err, e.message(text), text));
    }
  }

  /**
   * The language the words ask for ({@code --lang L}, and a teacher's {@code --messages DIR}),
   * else the locale's: read before the words are parsed, so that a usage error in them is
   * said in it too.
   */
  static Text text(List<String> words, Map<String, String> env) {
    String lang = null;
    String messages = null;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("--")) {
        break;
      }
      boolean last = i + 1 == words.size();
      if (w.equals("--lang") && !last) {
        lang = words.get(++i);
      } else if (w.startsWith("--lang=")) {
        lang = w.substring("--lang=".length());
      } else if (w.equals("--messages") && !last) {
        messages = words.get(++i);
      } else if (w.startsWith("--messages=")) {
        messages = w.substring("--messages=".length());
      }
    }
    return Text.of(Text.language(lang, env), Text.dirs(messages, env));
  }

  /** Says a usage error as every nslab program does, in {@code text}'s language; the status. */
  public int usageError(PrintStream err, String message, Text text) {
    err.print(spec.name() + ": " + message + "\n" + spec.usageLines(text) + "\n"
        + text.get(Key.CLI_TRY_HELP, spec.name()) + "\n");
    err.flush();
    return USAGE_ERROR;
  }

  /** A program's spec: only what parsing needs (help is the program's own text). */
  public static Spec spec(String name, List<String> usage, int minArgs, int maxArgs,
      Opt... options) {
    return new Spec(name, usage, "", "", List.of(options), Complete.PATHS, minArgs, maxArgs,
        false);
  }
}
