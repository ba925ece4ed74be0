package org.nslab.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.nslab.cmd.Args;
import org.nslab.cmd.Opt;
import org.nslab.cmd.Session;
import org.nslab.cmd.UsageException;
import org.nslab.lab.Lab;
import org.nslab.lab.LabParser;
import org.nslab.lab.LabSyntaxException;
import org.nslab.shell.Shell;
import org.nslab.shell.ShellOptions;
import org.nslab.text.Key;
import org.nslab.text.Text;
import org.nslab.workshop.Presenter;

/** nslab demo: a lab presented live, by the workshop's presenter on the shell's terminal. */
public final class DemoMain {
  private DemoMain() {}

  static final Program DEMO = new Program(Program.spec("nslab demo",
      List.of("nslab demo [--pace MS] [--no-wait] [--no-color] [--lang en|ja|zh]"
          + " [--messages DIR] LAB.md"), 0, 1,
      Opt.value((char) 0, "pace", "MS", "milliseconds per typed character"),
      Opt.flag((char) 0, "no-wait", "do not wait between steps"),
      Opt.flag((char) 0, "no-color", "no colours"),
      Opt.flag((char) 0, "no-colour", "no colours"),
      Opt.value((char) 0, "lang", "LANG", "the language of the lab and of nslab's words"),
      Opt.value((char) 0, "messages", "DIR", "a teacher's catalogues")), Key.CLI_DEMO_HELP);

  /** What nslab demo was asked. */
  record DemoOptions(long pace, boolean waits, boolean color, String lang, String messages,
      String file) {
    static DemoOptions read(Args a) throws UsageException {
      if (a.positionals().isEmpty()) {
        throw new UsageException(Key.CLI_WHICH_LAB);
      }
      String pace = a.has("pace") ? a.value("pace") : "35";
      if (!pace.matches("\\d{1,4}")) {
        throw new UsageException(Key.CLI_DEMO_PACE, pace);
      }
      return new DemoOptions(Long.parseLong(pace), !a.has("no-wait"),
          !System.getenv().containsKey("NO_COLOR") && !a.has("no-color") && !a.has("no-colour"),
          a.value("lang"), a.value("messages"), a.positional(0));
    }
  }

  /** Runs {@code nslab demo ARGS}; returns its exit status. */
  public static int run(List<String> args, PrintStream out, PrintStream err,
      boolean ownProcess) {
    Program.Parsed<DemoOptions> parsed = DEMO.parse(args, DemoOptions::read, out, err);
    if (parsed.options() == null) {
      return parsed.status();
    }
    DemoOptions o = parsed.options();
    long pace = o.pace();
    boolean wait = o.waits();
    boolean color = o.color();
    String lang = o.lang();
    String messages = o.messages();
    String file = o.file();
    Lab lab;
    try {
      lab = LabParser.parse(java.nio.file.Path.of(file));
    } catch (LabSyntaxException e) {
      err.println(e.getMessage());
      return 2;
    } catch (java.io.IOException e) {
      err.println("nslab demo: " + file + ": " + (e instanceof java.nio.file.NoSuchFileException
          ? "no such file" : e.getMessage()));
      return 2;
    }
    Map<String, String> env = System.getenv();
    try {
      Text text = Text.of(Text.language(lang, env), Text.dirs(messages, env));
      Lab shown = lab;
      return Shell.demo(Session.startTask(ownProcess), new ShellOptions(false, color, text),
          env, ownProcess, wait, (session, interpreter, keys, width) -> new Presenter(
              shown, session, interpreter, keys, pace, text.lang(), width.getAsInt()).run());
    } catch (Exception e) {
      err.println("nslab demo: " + e.getMessage());
      return 1;
    }
  }

}
