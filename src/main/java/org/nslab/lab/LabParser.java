package org.nslab.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nslab.cmd.Words;

/**
 * Reads a lab file (labs/README.md is its specification) into a Lab, without running anything.
 * Every mistake in the file is reported as "FILE:LINE: what is wrong".
 */
public final class LabParser {
  // Up to three spaces of indentation, as CommonMark allows for fences and headings.
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
  private static final Pattern STEP = Pattern.compile("^ {0,3}##(?:[ \t]+(.*?))?[ \t]*$");
  private static final Pattern TITLE = Pattern.compile("^ {0,3}#[ \t]+(.*?)[ \t]*$");
  private static final Pattern REQUIRES =
      Pattern.compile("^\\s*<!--\\s*requires\\s*:(.*?)-->\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern DETAILS_OPEN =
      Pattern.compile("<details(?=[\\s>]|$)", Pattern.CASE_INSENSITIVE);
  private static final Pattern DETAILS_CLOSE =
      Pattern.compile("</details\\s*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern SUMMARY = Pattern.compile(
      "(?is)^\\s*<details[^>]*>\\s*<summary[^>]*>(.*?)</summary\\s*>");
  private static final Pattern DIV_LANG = Pattern.compile(
      "^\\s*<div\\s+lang\\s*=\\s*\"([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\"\\s*>\\s*$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern DIV_OPEN = Pattern.compile("<div(?=[\\s>])", Pattern.CASE_INSENSITIVE);
  private static final Pattern DIV_CLOSE = Pattern.compile("</div\\s*>", Pattern.CASE_INSENSITIVE);
  /** A fold for the page view only: {@code <details data-nslab="output|translations">}. */
  private static final Pattern WRAPPER = Pattern.compile(
      "(?i)^\\s*<details[^>]*\\sdata-nslab\\s*=\\s*\"(output|translations)\"[^>]*>");
  private static final Pattern LANG_ATTR =
      Pattern.compile("(?i)^\\s*<details[^>]*\\slang\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern ANY_HEADING = Pattern.compile("^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$");
  private static final Pattern MESSAGE_LANG =
      Pattern.compile("^\\[([A-Za-z]{2,3})\\]\\s+(.+)$");
  private static final Pattern CHECK_POINTS = Pattern.compile("^(\\d+)(?:\\s+(.*))?$");
  private static final Pattern FRONT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_-]*)\\s*:(.*)$");

  private final String file;
  private final List<String> lines;
  /** The closing lines of the wrappers open where the reading is: read past, as if absent. */
  private final java.util.Set<Integer> wrapperEnds = new java.util.HashSet<>();

  private LabParser(String file, String text) {
    this.file = file;
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> l = new ArrayList<>(List.of(t.split("\r?\n", -1)));
    if (!l.isEmpty() && l.get(l.size() - 1).isEmpty()) {
      l.remove(l.size() - 1); // the file's final newline ends the last line; it adds none
    }
    this.lines = l;
  }

  public static Lab parse(Path file) throws IOException, LabSyntaxException {
    return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /** @param fileName how errors name the file; its base name without .md is the default id */
  public static Lab parse(String fileName, String text) throws LabSyntaxException {
    return new LabParser(fileName, text).lab();
  }

  /** A fenced code block: opening line index, its info word, and the index of its closing. */
  private record Fence(int open, String info, int close) {}

  /** A step while it is being read. */
  private static final class StepDraft {
    final int line;
    final String title;
    final Prose prose = new Prose();
    final List<String> requires = new ArrayList<>();
    final List<Entry> entries = new ArrayList<>();
    final List<String> hints = new ArrayList<>();
    final List<String> answer = new ArrayList<>();
    final List<Check> checks = new ArrayList<>();
    final Translations translations = new Translations();
    int answerLine;

    StepDraft(int line, String title) {
      this.line = line;
      this.title = title;
    }

    /** Where each nslab block fell: prose lines before it, and entries up to its end. */
    final List<int[]> breaks = new ArrayList<>();

    Step build() {
      List<Step.Part> parts = new ArrayList<>();
      int proseFrom = 0;
      int entryFrom = 0;
      for (int[] b : breaks) {
        parts.add(new Step.Part(prose.text(proseFrom, b[0]), entries.subList(entryFrom, b[1])));
        proseFrom = b[0];
        entryFrom = b[1];
      }
      parts.add(new Step.Part(prose.text(proseFrom, prose.size()), List.of()));
      return new Step(line, title, prose.text(), requires, entries, hints, answer, checks,
          translations.build(parts.size()), parts);
    }
  }

  /** The text of a lab or a step in other languages, while it is being read. */
  private static final class Translations {
    final java.util.Map<String, String> titles = new java.util.TreeMap<>();
    final java.util.Map<String, List<String>> hints = new java.util.TreeMap<>();
    /** Per language, the prose of each part: the nslab blocks before a div say which part. */
    final java.util.Map<String, java.util.Map<Integer, String>> parts = new java.util.TreeMap<>();

    java.util.Map<String, Localized> build(int partCount) {
      java.util.Set<String> langs = new java.util.TreeSet<>(titles.keySet());
      langs.addAll(parts.keySet());
      langs.addAll(hints.keySet());
      java.util.Map<String, Localized> out = new java.util.TreeMap<>();
      for (String l : langs) {
        List<String> byPart = new ArrayList<>();
        java.util.Map<Integer, String> given = parts.getOrDefault(l, java.util.Map.of());
        for (int k = 0; k < partCount; k++) {
          byPart.add(given.getOrDefault(k, ""));
        }
        out.put(l, new Localized(titles.get(l), hints.getOrDefault(l, List.of()), byPart));
      }
      return out;
    }
  }

  /**
   * Markdown text with the machine-read blocks taken out. Where a block was taken out, the
   * blank lines on either side would pile up, so they are kept to one.
   */
  private static final class Prose {
    private final List<String> lines = new ArrayList<>();
    private boolean cut;

    void add(String line) {
      if (line.isBlank()) {
        if (cut && (lines.isEmpty() || lines.get(lines.size() - 1).isBlank())) {
          return;
        }
      } else {
        cut = false;
      }
      lines.add(line);
    }

    void cut() {
      cut = true;
    }

    /** The lines from index from on, as text: a part of the prose. */
    String text(int from0, int to0) {
      int from = from0;
      int to = to0;
      while (from < to && lines.get(from).isBlank()) {
        from++;
      }
      while (to > from && lines.get(to - 1).isBlank()) {
        to--;
      }
      return String.join("\n", lines.subList(from, to));
    }

    int size() {
      return lines.size();
    }

    String text() {
      int from = 0;
      int to = lines.size();
      while (from < to && lines.get(from).isBlank()) {
        from++;
      }
      while (to > from && lines.get(to - 1).isBlank()) {
        to--;
      }
      return String.join("\n", lines.subList(from, to));
    }
  }

  private LabSyntaxException error(int index, String what) {
    return new LabSyntaxException(file, index + 1, what);
  }

  /** What the front matter says; {@code next} is the first line after it. */
  private record Front(String id, String title, List<String> requires, int next) {}

  // The body as it is read: the intro's prose, the steps so far, the step being read.
  private final Prose intro = new Prose();
  private final Translations introTranslations = new Translations();
  private final List<StepDraft> steps = new ArrayList<>();
  private StepDraft step;
  private String firstHeading;

  private Lab lab() throws LabSyntaxException {
    Front front = frontMatter();
    int i = front.next();
    while (i < lines.size()) {
      i = read(i);
    }
    String id = front.id();
    if (id == null || id.isEmpty()) {
      String base = Path.of(file).getFileName() == null ? file : Path.of(file).getFileName()
          .toString();
      id = base.endsWith(".md") ? base.substring(0, base.length() - 3) : base;
    }
    String title = front.title();
    if (title == null || title.isEmpty()) {
      title = firstHeading != null ? firstHeading : id;
    }
    List<Step> built = new ArrayList<>();
    for (StepDraft s : steps) {
      built.add(s.build());
    }
    return new Lab(file, id, title, front.requires(), intro.text(), built,
        introTranslations.build(1));
  }

  /** The front matter between --- lines, if the file starts with one. */
  private Front frontMatter() throws LabSyntaxException {
    String id = null;
    String title = null;
    List<String> requires = List.of();
    if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
      return new Front(id, title, requires, 0);
    }
    int close = 1;
    while (close < lines.size() && !lines.get(close).strip().equals("---")) {
      close++;
    }
    if (close == lines.size()) {
      throw error(0, "the front matter that starts here has no closing --- line");
    }
    for (int k = 1; k < close; k++) {
      String l = lines.get(k).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      Matcher m = FRONT.matcher(l);
      if (!m.matches()) {
        throw error(k, "front matter lines are KEY: VALUE, got '" + l + "'");
      }
      String key = m.group(1).toLowerCase(Locale.ROOT);
      if (!List.of("id", "title", "requires").contains(key)) {
        continue; // other keys are for other tools (site generators, course metadata)
      }
      String value;
      try {
        value = YamlScalar.parse(m.group(2));
      } catch (IllegalArgumentException e) {
        throw error(k, key + ": " + e.getMessage());
      }
      switch (key) {
        case "id" -> id = value;
        case "title" -> title = value;
        default -> requires = commaList(value);
      }
    }
    return new Front(id, title, requires, close + 1);
  }

  /** Reads what starts at line i (a block, a fold, a heading or a line of prose): the next. */
  private int read(int i) throws LabSyntaxException {
    String line = lines.get(i);
    Prose prose = step == null ? intro : step.prose;
    if (wrapperEnds.remove(i)) {
      prose.cut();
      return i + 1;
    }
    Fence fence = fenceAt(i);
    if (fence != null) {
      block(i, fence, prose);
      return fence.close() + 1;
    }
    Matcher lang = DIV_LANG.matcher(line);
    if (lang.matches()) {
      int next = languageBlock(i, lang.group(1).toLowerCase(Locale.ROOT),
          step == null ? introTranslations : step.translations,
          step == null ? 0 : step.breaks.size());
      prose.cut();
      return next;
    }
    if (DETAILS_OPEN.matcher(line.stripLeading()).lookingAt()) {
      if (WRAPPER.matcher(line).lookingAt()) {
        int next = wrapper(i);
        prose.cut();
        return next;
      }
      return details(i, step, prose);
    }
    Matcher heading = STEP.matcher(line);
    if (heading.matches() && !wrapperEnds.isEmpty()) {
      throw error(i, "a step heading inside a <details data-nslab> fold: close the fold (the"
          + " </details> after it) before the next step");
    }
    if (heading.matches()) {
      step = new StepDraft(i + 1, headingText(heading.group(1)));
      steps.add(step);
      return i + 1;
    }
    Matcher requiresComment = REQUIRES.matcher(line);
    if (requiresComment.matches()) {
      if (step == null) {
        throw error(i, "a requires comment before the first step: the whole lab's"
            + " requirements go in the front matter (requires: ...)");
      }
      step.requires.addAll(commaList(requiresComment.group(1)));
      prose.cut();
      return i + 1;
    }
    Matcher h1 = TITLE.matcher(line);
    if (firstHeading == null && h1.matches()) {
      firstHeading = headingText(h1.group(1));
    }
    prose.add(line);
    return i + 1;
  }

  /** A fenced block at line i: a step's nslab or check block, or prose (any other code). */
  private void block(int i, Fence fence, Prose prose) throws LabSyntaxException {
    if (!fence.info().equals("nslab") && !fence.info().equals("check")) {
      for (int k = fence.open(); k <= fence.close(); k++) {
        prose.add(lines.get(k));
      }
      return;
    }
    if (step == null) {
      throw error(i, "a" + (fence.info().equals("check") ? " check" : "n nslab")
          + " block before the first step: blocks belong to a step (a ## heading)");
    }
    if (fence.info().equals("nslab")) {
      step.entries.addAll(entries(fence));
      step.breaks.add(new int[] {step.prose.size(), step.entries.size()});
    } else {
      step.checks.addAll(checks(fence));
    }
    prose.cut();
  }

  /** The fence that opens at line i, read to its closing line; null if i opens none. */
  private Fence fenceAt(int i) throws LabSyntaxException {
    Matcher m = FENCE.matcher(lines.get(i));
    if (!m.matches()) {
      return null;
    }
    String marks = m.group(1);
    String info = m.group(2).strip();
    if (marks.charAt(0) == '`' && info.contains("`")) {
      return null; // CommonMark: a backtick in the info string makes this inline code
    }
    String word = info.isEmpty() ? "" : info.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    Pattern closing = Pattern.compile(
        "^ {0,3}" + Pattern.quote(String.valueOf(marks.charAt(0))) + "{" + marks.length()
            + ",}[ \t]*$");
    for (int k = i + 1; k < lines.size(); k++) {
      if (closing.matcher(lines.get(k)).matches()) {
        return new Fence(i, word, k);
      }
    }
    throw error(i, "this " + marks + (word.isEmpty() ? "" : word)
        + " block is never closed: no " + marks + " line after it");
  }

  /**
   * A fold for the page view (labs/README.md, "Laid out for the page"): {@code <details
   * data-nslab="output">} around a step's nslab blocks and the prose about them, {@code
   * <details data-nslab="translations">} around language blocks. Its content is read as if it
   * were not folded; its summary and its closing line are not prose. Returns the line after
   * its summary.
   */
  private int wrapper(int i) throws LabSyntaxException {
    int depth = 0;
    int end = -1;
    for (int k = i; k < lines.size() && end < 0; k++) {
      Fence fence = k == i ? null : fenceAt(k);
      if (fence != null) {
        k = fence.close();
        continue;
      }
      depth += count(DETAILS_OPEN, lines.get(k)) - count(DETAILS_CLOSE, lines.get(k));
      if (depth <= 0) {
        end = k;
      }
    }
    if (end < 0) {
      throw error(i, "this <details> block is never closed: no </details> after it");
    }
    if (end == i || !lines.get(end).strip().matches("(?i)</details\s*>")) {
      throw error(end, "a <details data-nslab> fold ends on a line of its own: </details>");
    }
    int k = i;
    while (k < end && !lines.get(k).toLowerCase(Locale.ROOT).contains("</summary")) {
      k++;
    }
    if (k == end) {
      throw error(i, "a <details data-nslab> fold needs a <summary>: the words a reader clicks");
    }
    wrapperEnds.add(end);
    return k + 1;
  }

  /**
   * Reads the details block opening at line i. A hint's text goes to the step's hints, an
   * answer's commands to its answer; any other details block stays in the prose. Returns the
   * index of the line after the block.
   */
  private int details(int i, StepDraft step, Prose prose) throws LabSyntaxException {
    int depth = 0;
    int end = -1;
    List<Fence> fences = new ArrayList<>();
    int k = i;
    while (k < lines.size()) {
      Fence fence = k == i ? null : fenceAt(k);
      if (fence != null) {
        // A </details> inside a code block is code, not the end of this block.
        fences.add(fence);
        k = fence.close() + 1;
        continue;
      }
      depth += count(DETAILS_OPEN, lines.get(k)) - count(DETAILS_CLOSE, lines.get(k));
      if (depth <= 0) {
        end = k;
        break;
      }
      k++;
    }
    if (end < 0) {
      throw error(i, "this <details> block is never closed: no </details> after it");
    }
    String text = String.join("\n", lines.subList(i, end + 1));
    Matcher summary = SUMMARY.matcher(text);
    String kind = summary.find()
        ? summary.group(1).replaceAll("<[^>]*>", "").strip().toLowerCase(Locale.ROOT)
        : "";
    Matcher langAttr = LANG_ATTR.matcher(text);
    String lang = langAttr.find() ? langAttr.group(1).toLowerCase(Locale.ROOT) : null;
    if (lang != null && lang.equals("en")) {
      lang = null;
    }
    boolean answer = kind.startsWith("answer");
    // In another language, any details block but an answer is a hint ("ヒント", "提示").
    boolean hint = kind.startsWith("hint") || (lang != null && !answer);
    if (lang != null && answer) {
      prose.cut(); // the answer's commands are the same in every language: one answer
      return end + 1;
    }
    if (!hint && !answer) {
      for (int l = i; l <= end; l++) {
        prose.add(lines.get(l));
      }
      return end + 1;
    }
    if (step == null) {
      throw error(i, "a" + (hint ? " hint" : "n answer") + " before the first step: hints and"
          + " answers belong to a step (a ## heading)");
    }
    if (hint) {
      Matcher close = DETAILS_CLOSE.matcher(text);
      int innerEnd = text.length();
      while (close.find()) {
        innerEnd = close.start();
      }
      String body = text.substring(summary.end(), innerEnd).strip();
      if (lang == null) {
        step.hints.add(body);
      } else {
        step.translations.hints.computeIfAbsent(lang, l -> new ArrayList<>()).add(body);
      }
    } else {
      if (step.answerLine != 0) {
        throw error(i, "a second answer in this step (the first is at line " + step.answerLine
            + "): a step has one answer");
      }
      step.answerLine = i + 1;
      for (Fence f : fences) {
        if (f.info().equals("nslab")) {
          for (Entry e : entries(f)) {
            step.answer.add(e.command());
          }
        }
      }
    }
    prose.cut();
    return end + 1;
  }

  /**
   * Reads a {@code <div lang="xx">} block opening at line i: the lab's or a step's text in
   * language xx, whose first heading is its title there. It is the translation of part
   * {@code part} of the step (the prose after that many nslab blocks). Returns the line after
   * the block.
   */
  private int languageBlock(int i, String lang, Translations into, int part)
      throws LabSyntaxException {
    int depth = 0;
    List<String> inner = new ArrayList<>();
    for (int k = i; k < lines.size(); k++) {
      Fence fence = k == i ? null : fenceAt(k);
      if (fence != null) {
        if (fence.info().equals("nslab") || fence.info().equals("check")) {
          throw error(k, "a" + (fence.info().equals("check") ? " check" : "n nslab")
              + " block inside <div lang=\"" + lang + "\">: commands and checks are the same in"
              + " every language, so they go outside the language blocks, once");
        }
        inner.addAll(lines.subList(k, fence.close() + 1));
        k = fence.close();
        continue;
      }
      String line = lines.get(k);
      depth += count(DIV_OPEN, line) - count(DIV_CLOSE, line);
      if (depth <= 0) {
        String title = null;
        List<String> body = new ArrayList<>();
        for (String l : inner) {
          Matcher h = ANY_HEADING.matcher(l);
          if (title == null && body.stream().allMatch(String::isBlank) && h.matches()) {
            title = h.group(1);
            body.clear();
            continue;
          }
          body.add(l);
        }
        if (title != null) {
          into.titles.put(lang, title);
        }
        String text = String.join("\n", body).strip();
        if (!text.isEmpty()) {
          into.parts.computeIfAbsent(lang, l -> new java.util.TreeMap<>())
              .merge(part, text, (a, b) -> a + "\n\n" + b);
        }
        return k + 1;
      }
      if (k > i) {
        inner.add(line);
      }
    }
    throw error(i, "this <div lang=\"" + lang + "\"> block is never closed: no </div> after it");
  }

  private static int count(Pattern p, String line) {
    Matcher m = p.matcher(line);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The commands and expected lines of an nslab block. */
  private List<Entry> entries(Fence fence) throws LabSyntaxException {
    List<Entry> entries = new ArrayList<>();
    int commandLine = -1;
    String command = null;
    List<Expected> expected = new ArrayList<>();
    for (int k = fence.open() + 1; k < fence.close(); k++) {
      String line = lines.get(k);
      if (line.startsWith(">") && (line.length() == 1 || line.charAt(1) == ' ')) {
        if (command != null) {
          entries.add(entry(commandLine, command, expected));
        }
        command = line.substring(1).strip();
        if (command.isEmpty()) {
          throw error(k, "a > line with no command after it");
        }
        try {
          Words.split(command);
        } catch (IllegalArgumentException e) {
          throw error(k, e.getMessage());
        }
        commandLine = k + 1;
        expected = new ArrayList<>();
        continue;
      }
      if (command == null) {
        if (line.isBlank()) {
          continue;
        }
        throw error(k, "an nslab block starts with a '> COMMAND' line, and this line comes"
            + " before any: '" + line + "'");
      }
      Expected e = new Expected(k + 1, line);
      if (!e.ellipsis()) {
        try {
          LinePattern.parse(line);
        } catch (IllegalArgumentException bad) {
          throw error(k, bad.getMessage());
        }
      }
      expected.add(e);
    }
    if (command != null) {
      entries.add(entry(commandLine, command, expected));
    }
    return entries;
  }

  /**
   * Blank lines that end a command's output are there to space the Markdown out, not output
   * the command must print: a command that prints a blank line last is rare, a blank line
   * before the next "> " or the fence is common.
   */
  private static Entry entry(int line, String command, List<Expected> expected) {
    int n = expected.size();
    while (n > 0 && expected.get(n - 1).text().isBlank()) {
      n--;
    }
    return new Entry(line, command, expected.subList(0, n));
  }

  /** The lines of a check block, each "POINTS [not] CHECK | MESSAGE". */
  private List<Check> checks(Fence fence) throws LabSyntaxException {
    List<Check> checks = new ArrayList<>();
    for (int k = fence.open() + 1; k < fence.close(); k++) {
      String line = lines.get(k).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher translated = MESSAGE_LANG.matcher(line);
      if (translated.matches()) {
        if (checks.isEmpty()) {
          throw error(k, "a translated message before any check: '[" + translated.group(1)
              + "] TEXT' goes under the check whose message it translates");
        }
        Check last = checks.remove(checks.size() - 1);
        checks.add(last.withMessage(translated.group(1).toLowerCase(Locale.ROOT),
            translated.group(2).strip()));
        continue;
      }
      LabSyntaxException malformed =
          error(k, "a check is POINTS [not] CHECK | MESSAGE, got '" + line + "'");
      Matcher m = CHECK_POINTS.matcher(line);
      if (!m.matches() || m.group(2) == null) {
        throw malformed;
      }
      int points;
      try {
        points = Integer.parseInt(m.group(1));
      } catch (NumberFormatException e) {
        throw malformed;
      }
      String rest = m.group(2);
      int bar = unquotedBar(rest);
      String expression = (bar < 0 ? rest : rest.substring(0, bar)).strip();
      String message = bar < 0 ? "" : rest.substring(bar + 1).strip();
      boolean negated = false;
      if (expression.equals("not") || expression.startsWith("not ")
          || expression.startsWith("not\t")) {
        negated = true;
        expression = expression.substring(3).strip();
      }
      if (expression.isEmpty()) {
        throw malformed;
      }
      Probe probe;
      try {
        probe = Probe.parse(expression);
      } catch (IllegalArgumentException e) {
        throw error(k, e.getMessage());
      }
      checks.add(new Check(k + 1, points, negated, expression, probe, message, java.util.Map.of()));
    }
    return checks;
  }

  /**
   * Where the message starts: the first | outside quotes, so that a spawn check may hold a
   * quoted pipe ("spawn sh -c 'a | b' prints x") while the message may hold anything.
   */
  private static int unquotedBar(String s) {
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\\') {
        i++;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '|') {
        return i;
      }
    }
    return -1;
  }

  private static List<String> commaList(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      String t = item.strip().toLowerCase(Locale.ROOT);
      if (!t.isEmpty()) {
        items.add(t);
      }
    }
    return items;
  }

  /** A heading's text without an ATX closing sequence ("## Step 1 ##"). */
  private static String headingText(String text) {
    return text == null ? "" : text.replaceFirst("(^|[ \t]+)#+[ \t]*$", "").strip();
  }
}
