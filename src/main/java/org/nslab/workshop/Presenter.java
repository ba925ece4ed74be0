package org.nslab.workshop;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.nslab.cmd.Interpreter;
import org.nslab.cmd.Paint;
import org.nslab.cmd.Session;
import org.nslab.shell.Stage;
import org.nslab.lab.Entry;
import org.nslab.lab.Lab;
import org.nslab.lab.Step;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsSnapshot;
import org.nslab.replay.Replay;
import org.nslab.sys.Syscalls;
import org.nslab.text.Text;

/**
 * nslab demo: presents a lab live. Shows each step's prose, types each of its commands at a
 * readable pace, runs it, shows every namespace it changed in a large coloured box, and waits
 * for a key between steps, on a clean screen (on a terminal). Going back a step, or showing
 * one again, rewinds the lab task to where that step started: its namespaces (ns save at
 * every step, ns restore to go back) and its hostname, so the step runs as it did.
 */
public final class Presenter {
  private final Lab lab;
  private final Session session;
  private final Interpreter interpreter;
  private final Stage.Keys keys;
  private final long paceMs;
  private final String lang;
  /** The terminal's width, read again for each step: an instructor may resize it. */
  private final java.util.function.IntSupplier width;
  /** The lab task's hostname as each step started (by index), to give it back on a rewind. */
  private final java.util.Map<Integer, String> hostnames = new java.util.HashMap<>();

  public Presenter(Lab lab, Session session, Interpreter interpreter, Stage.Keys keys, long paceMs,
      String lang, java.util.function.IntSupplier width) {
    this.lab = lab;
    this.session = session;
    this.interpreter = interpreter;
    this.keys = keys;
    this.paceMs = paceMs;
    this.lang = lang;
    this.width = width;
  }

  /** nslab's own words: the session's, in the language asked for. */
  private Text text() {
    return session.text().lang().equals(lang) ? session.text() : Text.of(lang);
  }

  /** Runs the demo to its end or to q; returns 0, or 1 if a command of the lab failed. */
  public int run() throws Exception {
    if (!opening()) {
      return 0;
    }
    PrintWriter out = session.out();
    Paint paint = session.paint();
    int failed = 0;
    int k = 0;
    while (k < lab.steps().size()) {
      Step step = lab.steps().get(k);
      String why = Replay.missing(step.requires(), text());
      if (why != null) {
        out.println();
        out.println(paint.paint(Paint.Tone.WARN, text().get(
            org.nslab.text.Key.DEMO_SKIPPED, step.title(lang), why)));
        k++;
        continue;
      }
      failed += present(k, step);
      Stage.Key key = waitKey(text().get(k + 1 < lab.steps().size()
          ? org.nslab.text.Key.DEMO_KEY_NEXT : org.nslab.text.Key.DEMO_KEY_END));
      switch (key) {
        case QUIT -> {
          return failed == 0 ? 0 : 1;
        }
        case BACK -> {
          int to = Math.max(0, k - 1);
          rewind(to);
          k = to;
        }
        case AGAIN -> rewind(k);
        case NEXT -> k++;
      }
    }
    out.println();
    out.println(paint.paint(Paint.Tone.OK, text().get(org.nslab.text.Key.DEMO_END, lab.id())));
    return failed == 0 ? 0 : 1;
  }

  /** The width to lay out for: the terminal's now, within 40 to 110 columns. */
  private int width() {
    int w = width.getAsInt();
    return Math.max(40, Math.min(w <= 0 ? 80 : w, 110));
  }

  /** The lab's title, its notes and intro, then a key: false when the key was q. */
  private boolean opening() throws Exception {
    PrintWriter out = session.out();
    Paint paint = session.paint();
    out.println(paint.paint(Paint.Tone.BOLD, lab.title(lang)));
    String noLang = Msg.noLanguage(lab, text());
    if (noLang != null) {
      out.println(paint.paint(Paint.Tone.DIM, noLang));
    }
    String missing = Replay.missing(lab.requires(), text());
    if (missing != null) {
      out.println(paint.paint(Paint.Tone.WARN,
          text().get(org.nslab.text.Key.DEMO_LAB_CANNOT, missing)));
    }
    out.println();
    print(lab.intro(lang).replaceFirst("(?s)^\\s*#[^\n]*\n", ""));
    // Before the first step there is no step to go back to, nor to show again.
    return waitKeys(text().get(org.nslab.text.Key.DEMO_KEYS_START,
        text().get(org.nslab.text.Key.DEMO_KEY_START))) != Stage.Key.QUIT;
  }

  /** Step k on a clean screen: its prose, each command typed and run; the failures. */
  private int present(int k, Step step) throws Exception {
    PrintWriter out = session.out();
    Paint paint = session.paint();
    int failed = 0;
    // Where this step starts, so that going back can return here.
    quiet("ns save demo-step-" + (k + 1));
    hostnames.put(k, session.task().call(Syscalls::gethostname));
    out.flush();
    session.console().clearScreen();
    if (notice != null) {
      out.print(notice);
      notice = null;
    }
    out.println();
    out.println(paint.paint(Paint.Tone.DIM, lab.title(lang) + "  [" + (k + 1) + "/"
        + lab.steps().size() + "]"));
    out.println(paint.paint(Paint.Tone.BOLD, step.title(lang)));
    // Prose and commands come in the lab's order, so the text about an output follows it;
    // in a translation, as far as its <div lang> blocks are placed between the commands.
    for (Step.Part part : step.parts(lang)) {
      if (!part.prose().isBlank()) {
        out.println();
        print(part.prose());
      }
      for (Entry e : part.entries()) {
        out.println();
        type(e.command());
        NsSnapshot before = session.task().namespaces();
        int status = interpreter.execute(session, e.command());
        out.flush();
        failed += status != 0 && !e.expectsFailure() ? 1 : 0;
        changes(before, session.task().namespaces());
      }
    }
    return failed;
  }

  /**
   * Back to the namespaces step {@code index} started in, and its hostname, and says so. The
   * hostname is given back only in a UTS namespace the demo made: the machine's own name is
   * never set.
   */
  private void rewind(int index) throws Exception {
    String printed = session.capture(() -> interpreter.execute(session,
        "ns restore demo-step-" + (index + 1)));
    String was = hostnames.get(index);
    if (was != null && !session.inOrigin(org.nslab.ns.NsKind.UTS)) {
      String now = session.task().call(Syscalls::gethostname);
      if (!now.equals(was)) {
        session.task().call(() -> {
          Syscalls.sethostname(was);
          return null;
        });
        printed += text().get(org.nslab.text.Key.DEMO_HOSTNAME_BACK, now, was, index + 1)
            + "\n";
      }
    }
    // Said at the top of the step's (cleared) screen, where the presenter looks.
    java.io.StringWriter buf = new java.io.StringWriter();
    PrintWriter said = new PrintWriter(buf);
    said.println();
    said.println(session.paint().paint(Paint.Tone.WARN,
        text().get(org.nslab.text.Key.DEMO_BACK, index + 1)));
    for (String l : printed.strip().split("\n")) {
      if (!l.isBlank()) {
        said.println("   " + l);
      }
    }
    said.flush();
    notice = buf.toString();
  }

  /** What a rewind did, said once the next step's screen is up. */
  private String notice;

  private void quiet(String command) throws Exception {
    session.capture(() -> interpreter.execute(session, command));
  }

  private void print(String markdown) {
    TermText.print(session.out(), markdown, width(), session.paint());
  }

  /**
   * The prompt, then the command a character at a time, as if someone typed it (a very long
   * one cut, saying how much is left out).
   */
  private void type(String full) throws InterruptedException {
    String command = org.nslab.cmd.Wrap.cut(full);
    PrintWriter out = session.out();
    out.print(session.paint().paint(Paint.Tone.BOLD, "nslab> "));
    out.flush();
    for (int i = 0; i < command.length(); ) {
      int cp = command.codePointAt(i);
      out.print(new String(Character.toChars(cp)));
      out.flush();
      i += Character.charCount(cp);
      if (paceMs > 0) {
        Thread.sleep(cp == ' ' ? paceMs * 2 : paceMs);
      }
    }
    if (paceMs > 0) {
      Thread.sleep(paceMs * 6);
    }
    out.println();
  }

  /** Every namespace that changed, large: a box a line per kind, old id to new id. */
  private void changes(NsSnapshot before, NsSnapshot after) {
    List<String> rows = new ArrayList<>();
    for (NsFile f : NsFile.values()) {
      NsId a = before.get(f);
      NsId b = after.get(f);
      if (a == null ? b == null : a.equals(b)) {
        continue;
      }
      String name = f.fileName().toUpperCase(java.util.Locale.ROOT);
      String from = a == null ? "(none)" : Long.toString(a.inode());
      String to = b == null ? "(pending)" : Long.toString(b.inode());
      // Laid out wide, or close on a narrow terminal, so the box never runs past its edge.
      rows.add(width() >= 72 ? String.format("%-18s %12s   ──▶   %-12s", name, from, to)
          : name + " " + from + " ─▶ " + to);
    }
    if (rows.isEmpty()) {
      return;
    }
    int w = rows.stream().mapToInt(String::length).max().orElse(0) + 4;
    Paint p = session.paint();
    PrintWriter out = session.out();
    out.println(p.paint(Paint.Tone.CHANGED, "  ╔" + "═".repeat(w) + "╗"));
    for (String r : rows) {
      out.println(p.paint(Paint.Tone.CHANGED, "  ║  ") + p.paint(Paint.Tone.BOLD, r)
          + " ".repeat(w - r.length() - 2) + p.paint(Paint.Tone.CHANGED, "║"));
    }
    out.println(p.paint(Paint.Tone.CHANGED, "  ╚" + "═".repeat(w) + "╝"));
  }

  private Stage.Key waitKey(String what) throws IOException {
    return waitKeys(text().get(org.nslab.text.Key.DEMO_KEYS, what));
  }

  /** Shows which keys do what, and waits for one. */
  private Stage.Key waitKeys(String keysLine) throws IOException {
    PrintWriter out = session.out();
    out.println();
    out.print(session.paint().paint(Paint.Tone.DIM, "  " + keysLine + " "));
    out.flush();
    Stage.Key k = keys.next();
    out.println();
    return k;
  }
}
