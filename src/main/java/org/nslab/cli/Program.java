package org.nslab.cli;

import java.io.PrintStream;
import java.util.List;
import org.nslab.cmd.Args;
import org.nslab.cmd.Complete;
import org.nslab.cmd.Opt;
import org.nslab.cmd.Spec;
import org.nslab.cmd.UsageException;

/**
 * One way of starting the nslab process ({@code nslab}, {@code nslab run}, {@code nslab grade},
 * {@code nslab demo}): its arguments are parsed by the same {@link Spec} and {@link Args} as a
 * shell word's ({@code --opt=value} and {@code --opt value}, bundled short options, "did you
 * mean"), then read into the program's own options record. A usage error is said one way for
 * all of them: {@code nslab demo: MESSAGE}, the usage lines, where to find more; status 2.
 *
 * @param spec the options and the usage lines (its name is what errors start with)
 * @param help what {@code --help} prints
 */
public record Program(Spec spec, String help) {
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
    try {
      Args args = Args.parse(spec, words);
      if (args.helpRequested()) {
        out.print(help);
        return new Parsed<>(null, 0);
      }
      return new Parsed<>(reader.read(args), 0);
    } catch (UsageException e) {
      return new Parsed<>(null, usageError(err, e.getMessage()));
    }
  }

  /** Says a usage error as every nslab program does, and returns its status. */
  public int usageError(PrintStream err, String message) {
    err.print(spec.name() + ": " + message + "\n" + spec.usageLines() + "\nTry '" + spec.name()
        + " --help' for more.\n");
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
