package org.nslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.ns.NsKind;

class LabParserTest {
  private static Lab parse(String text) throws LabSyntaxException {
    return LabParser.parse("labs/t.md", text);
  }

  /** The message a malformed lab is rejected with. */
  private static String error(String text) {
    return assertThrows(LabSyntaxException.class, () -> parse(text)).getMessage();
  }

  @Test
  void parsesTheReadmeExample() throws Exception {
    Path file = Path.of("src/test/resources/labs/example.md");
    Lab lab = LabParser.parse(file);
    assertEquals(file.toString(), lab.file());
    assertEquals("uts", lab.id());
    assertEquals("Your own hostname", lab.title());
    assertEquals(List.of("root"), lab.requires());
    assertEquals(
        "# Your own hostname\n\nProse for the whole lab: what the student will learn.",
        lab.intro());
    assertEquals(2, lab.steps().size());

    Step one = lab.steps().get(0);
    assertEquals(11, one.line());
    assertEquals("Step 1: where you start", one.title());
    assertEquals("Prose for this step.", one.prose());
    assertEquals(List.of(), one.requires());
    assertEquals(
        List.of(
            new Entry(16, "hostname", List.of(new Expected(17, "{host}"))),
            new Entry(18, "ns self", List.of(
                new Expected(19, "lab task (pid {*}, thread {*})"),
                new Expected(20, "..."),
                new Expected(21, "  uts                {uts0}"),
                new Expected(22, "...")))),
        one.entries());
    assertEquals(List.of(), one.hints());
    assertEquals(List.of(), one.answer());
    assertEquals(List.of(), one.checks());

    Step two = lab.steps().get(1);
    assertEquals(25, two.line());
    assertEquals("Step 2: a UTS namespace of your own", two.title());
    assertEquals("", two.prose());
    assertEquals(List.of("unshare uts", "hostname demo"),
        two.entries().stream().map(Entry::command).toList());
    assertEquals(new Expected(29, "uts               {uts0} -> {!uts0}  (new)"),
        two.entries().get(0).expected().get(0));
    assertEquals(List.of("`unshare` takes the kind of namespace to make."), two.hints());
    assertEquals(List.of("unshare uts", "hostname demo"), two.answer());
    assertEquals(
        List.of(
            new Check(50, 2, false, "ns uts changed",
                "your UTS namespace is still the one the shell started in: run unshare uts"
                    + " first"),
            new Check(51, 1, false, "hostname is demo", "the hostname inside is not demo yet"),
            new Check(52, 1, false, "outside hostname is not demo",
                "the machine itself is called demo now: you renamed the host")),
        two.checks());
  }

  @Test
  void withoutFrontMatterTheIdIsTheFileNameAndTheTitleTheFirstHeading() throws Exception {
    Lab lab = LabParser.parse("some/dir/mount-basics.md",
        "Intro line.\n\n# Mounts, privately\n\n## Step\n\n# Not the title\n");
    assertEquals("mount-basics", lab.id());
    assertEquals("Mounts, privately", lab.title());
    assertEquals(List.of(), lab.requires());
    assertEquals("Intro line.\n\n# Mounts, privately", lab.intro());
    assertEquals("# Not the title", lab.steps().get(0).prose());
  }

  @Test
  void withoutAnyHeadingTheTitleIsTheId() throws Exception {
    Lab lab = LabParser.parse("ipc.md", "---\nrequires: Root , ROOTFS,\n---\n## Step\n");
    assertEquals("ipc", lab.id());
    assertEquals("ipc", lab.title());
    assertEquals(List.of("root", "rootfs"), lab.requires());
    assertEquals("", lab.intro());
  }

  @Test
  void frontMatterIgnoresUnknownKeysAndCommentsAndUnquotesValues() throws Exception {
    Lab lab = parse("---\n# for the site\nid: pid\nauthor: someone\ntitle: \"PID 1: init\"\n"
        + "\n---\n# Heading\n");
    assertEquals("pid", lab.id());
    assertEquals("PID 1: init", lab.title());
    assertEquals(List.of(), lab.steps());
  }

  @Test
  void hintsAreTrimmedMarkdownInOrderAndOtherDetailsStayProse() throws Exception {
    Lab lab = parse("""
        ## Step
        Before.

        <details>
        <summary>Hint 1: where to look</summary>

        Look at `ns self`.

        ```sh
        </details> inside code is code
        ```
        </details>

        <details><summary>hint two</summary>Just one line.</details>

        <details><summary>Output, for the curious</summary>

        ```nslab
        > not an entry
        ```

        </details>

        After.
        """);
    Step s = lab.steps().get(0);
    assertEquals(
        List.of("Look at `ns self`.\n\n```sh\n</details> inside code is code\n```",
            "Just one line."),
        s.hints());
    assertEquals(List.of(), s.entries());
    assertEquals("""
        Before.

        <details><summary>Output, for the curious</summary>

        ```nslab
        > not an entry
        ```

        </details>

        After.""", s.prose());
  }

  @Test
  void foldsForThePageViewAreReadAsIfTheyWereNotThere() throws Exception {
    Lab lab = parse("""
        ## Step
        **Task:** do it.

        <details data-nslab="translations"><summary>日本語</summary>

        <div lang="ja">

        ### ステップ

        **課題：** やる。

        </div>

        </details>

        <details data-nslab="output"><summary>What nslab prints</summary>

        ```nslab
        > hostname
        {host}
        ```

        After the output.

        <details data-nslab="translations"><summary>日本語</summary>

        <div lang="ja">

        出力のあと。

        </div>

        </details>

        </details>

        <details><summary>Hint</summary>

        Look.

        </details>
        """);
    Step s = lab.steps().get(0);
    assertEquals(1, s.entries().size());
    assertEquals("**Task:** do it.\n\nAfter the output.", s.prose());
    assertEquals("ステップ", s.title("ja"));
    assertEquals("出力のあと。", s.parts("ja").get(1).prose());
    assertEquals(List.of("Look."), s.hints());
    assertEquals("labs/t.md:3: a step heading inside a <details data-nslab> fold: close the fold"
        + " (the </details> after it) before the next step",
        error("## S\n<details data-nslab=\"output\"><summary>x</summary>\n## T\n</details>\n"));
  }

  @Test
  void answerCommandsAreNotEntriesAndItsOutputLinesAreIgnored() throws Exception {
    Lab lab = parse("""
        ## Step
        ```nslab
        > hostname a
        ```
        <details><summary>Answer</summary>

        ```nslab
        > unshare uts
        uts {*} -> {*}  (new)
        > hostname a
        ```

        </details>
        """);
    Step s = lab.steps().get(0);
    assertEquals(List.of("hostname a"), s.entries().stream().map(Entry::command).toList());
    assertFalse(s.entries().get(0).checked());
    assertEquals(List.of("unshare uts", "hostname a"), s.answer());
  }

  @Test
  void requiresCommentsGoToTheStepAndOutOfTheProse() throws Exception {
    Lab lab = parse("""
        ## Step 1
        <!-- requires: rootfs -->
        Needs a root filesystem.
        <!--requires: Root, net-->
        ## Step 2
        Needs nothing.
        """);
    assertEquals(List.of("rootfs", "root", "net"), lab.steps().get(0).requires());
    assertEquals("Needs a root filesystem.", lab.steps().get(0).prose());
    assertEquals(List.of(), lab.steps().get(1).requires());
  }

  @Test
  void otherFencesAreProseAndHideHeadingsAndBlocks() throws Exception {
    Lab lab = parse("""
        ## Step
        ~~~~markdown
        ## not a step
        ```nslab
        > not an entry
        ```
        ~~~~
        """);
    assertEquals(1, lab.steps().size());
    assertEquals(List.of(), lab.steps().get(0).entries());
    assertTrue(lab.steps().get(0).prose().contains("## not a step"));
  }

  @Test
  void blankLinesEndingACommandsOutputAreSpacingNotOutput() throws Exception {
    Lab lab = parse("## S\n```nslab\n\n> a\none\n\ntwo\n\n> b\n\n```\n");
    List<Entry> entries = lab.steps().get(0).entries();
    assertEquals(List.of(new Expected(5, "one"), new Expected(6, ""), new Expected(7, "two")),
        entries.get(0).expected());
    assertFalse(entries.get(1).checked());
  }

  @Test
  void stderrAndStatusLinesAreExpectedLinesAsWritten() throws Exception {
    Lab lab = parse("## S\n```nslab\n> mount x\n! mount: no such thing\n[1]\n```\n");
    assertEquals(List.of("! mount: no such thing", "[1]"),
        lab.steps().get(0).entries().get(0).expected().stream().map(Expected::text).toList());
  }

  @Test
  void checksParseNotMessagesCommentsAndQuotedPipes() throws Exception {
    Lab lab = parse("""
        ## S
        ```check
        # a comment, then a blank line

        3 not mounted /mnt|nothing should be on /mnt
        0 queues 2
        1 spawn sh -c 'echo a | tr a b' prints b | the pipe is the spawn's own
        ```
        """);
    assertEquals(
        List.of(
            new Check(5, 3, true, "mounted /mnt", "nothing should be on /mnt"),
            new Check(6, 0, false, "queues 2", ""),
            new Check(7, 1, false, "spawn sh -c 'echo a | tr a b' prints b",
                "the pipe is the spawn's own")),
        lab.steps().get(0).checks());
  }

  @Test
  void malformedChecksAreRejectedWithTheirLine() {
    String start = "## S\n```check\n";
    assertEquals("labs/t.md:3: a check is POINTS [not] CHECK | MESSAGE, got 'ns uts changed'",
        error(start + "ns uts changed\n```\n"));
    assertEquals("labs/t.md:3: a check is POINTS [not] CHECK | MESSAGE, got '-1 queues 0'",
        error(start + "-1 queues 0\n```\n"));
    assertEquals("labs/t.md:3: a check is POINTS [not] CHECK | MESSAGE, got '2 | why'",
        error(start + "2 | why\n```\n"));
    assertEquals("labs/t.md:3: a check is POINTS [not] CHECK | MESSAGE, got '2 not'",
        error(start + "2 not\n```\n"));
    assertEquals("labs/t.md:4: unknown check 'hostnme' (valid: ns, outside, hostname, mounted,"
        + " file, queues, cgroup, spawn)", error(start + "1 hostname is a\n1 hostnme is a\n```\n"));
  }

  @Test
  void aCheckIsParsedWholeWhenTheLabIsRead() {
    String start = "## S\n```check\n";
    // A misspelt word after the first no longer means something else.
    assertEquals("labs/t.md:3: malformed check 'hostname was demo': the form is [outside]"
        + " hostname is [not] NAME", error(start + "1 hostname was demo | m\n```\n"));
    assertEquals("labs/t.md:3: malformed check 'spawn hostname': the form is spawn ARGS..."
        + " prints TEXT", error(start + "1 spawn hostname | m\n```\n"));
    assertEquals("labs/t.md:3: malformed check 'spawn prints x': the form is spawn ARGS..."
        + " prints TEXT", error(start + "1 spawn prints x\n```\n"));
    assertEquals("labs/t.md:3: malformed check 'queues two': the form is [outside] queues N",
        error(start + "1 queues two\n```\n"));
    assertEquals("labs/t.md:3: malformed check 'mounted /a /b': the form is [outside] mounted"
        + " PATH", error(start + "1 mounted /a /b\n```\n"));
    assertEquals("labs/t.md:3: malformed check 'file /a': the form is [outside] file PATH"
        + " exists", error(start + "1 file /a\n```\n"));
    assertEquals("labs/t.md:3: unknown namespace kind 'utz' (valid: " + NsKind.validList()
        + ")", error(start + "1 ns utz changed\n```\n"));
    assertEquals("labs/t.md:3: malformed check 'ns uts changed now': the form is ns KIND"
        + " changed, ns only KIND[,KIND...] changed, ns KIND is point NAME, ns KIND differs"
        + " from point NAME, or ns pid dead", error(start + "1 ns uts changed now\n```\n"));
    assertEquals("labs/t.md:3: 'outside' goes only before hostname, mounted, file or queues,"
        + " got 'outside ns uts changed'", error(start + "1 outside ns uts changed\n```\n"));
    assertEquals("labs/t.md:3: malformed check 'cgroup demo made': the form is cgroup NAME"
        + " exists, cgroup NAME joined or cgroup NAME limited",
        error(start + "1 cgroup demo made\n```\n"));
  }

  @Test
  void everyCheckFormParsesToItsRecord() {
    assertEquals(new Probe.NsOnly(java.util.EnumSet.of(NsKind.UTS, NsKind.NET)),
        Probe.parse("ns only uts,net changed"));
    assertEquals(new Probe.NsPoint(NsKind.IPC, "q", true), Probe.parse("ns ipc is point q"));
    assertEquals(new Probe.NsPoint(NsKind.IPC, "q", false),
        Probe.parse("ns ipc differs from point q"));
    assertEquals(new Probe.PidDead(), Probe.parse("ns pid dead"));
    assertEquals(new Probe.Hostname(true, "demo", true),
        Probe.parse("outside hostname is not demo"));
    assertEquals(new Probe.CgroupExists("demo"), Probe.parse("cgroup demo exists"));
    assertEquals(new Probe.CgroupJoined("demo"), Probe.parse("cgroup demo joined"));
    assertEquals(new Probe.CgroupLimited("demo"), Probe.parse("cgroup demo limited"));
    assertEquals(new Probe.Spawn("spawn sh -c 'echo a prints b'", "b"),
        Probe.parse("spawn sh -c 'echo a prints b' prints b"));
  }

  @Test
  void unterminatedFenceIsReportedWhereItOpens() {
    assertEquals("labs/t.md:3: this ```nslab block is never closed: no ``` line after it",
        error("## S\n\n```nslab\n> hostname\n"));
    assertEquals("labs/t.md:2: this ~~~~ block is never closed: no ~~~~ line after it",
        error("intro\n~~~~\ncode\n~~~\n"));
  }

  @Test
  void unterminatedDetailsIsReportedWhereItOpens() {
    assertEquals("labs/t.md:2: this <details> block is never closed: no </details> after it",
        error("## S\n<details><summary>Hint</summary>\n\ntext\n```\n</details>\n```\n"));
  }

  @Test
  void anNslabLineBeforeAnyCommandIsAnError() {
    assertEquals("labs/t.md:4: an nslab block starts with a '> COMMAND' line, and this line"
        + " comes before any: 'output'", error("## S\n```nslab\n\noutput\n> hostname\n```\n"));
  }

  @Test
  void blocksHintsAndRequiresBeforeTheFirstStepAreErrors() {
    assertEquals("labs/t.md:2: an nslab block before the first step: blocks belong to a step"
        + " (a ## heading)", error("# T\n```nslab\n> hostname\n```\n## S\n"));
    assertEquals("labs/t.md:5: a check block before the first step: blocks belong to a step"
        + " (a ## heading)", error("---\nid: x\n---\n\n```check\n1 queues 0\n```\n"));
    assertEquals("labs/t.md:1: a hint before the first step: hints and answers belong to a"
        + " step (a ## heading)", error("<details><summary>Hint</summary>x</details>\n"));
    assertEquals("labs/t.md:1: a requires comment before the first step: the whole lab's"
        + " requirements go in the front matter (requires: ...)",
        error("<!-- requires: root -->\n## S\n"));
  }

  @Test
  void badPatternsAreErrorsButOtherBracesAreText() throws Exception {
    String start = "## S\n```nslab\n> ns self\n";
    assertEquals("labs/t.md:4: {} has an empty NAME: a pattern is {*}, {NAME} or {!NAME}, and"
        + " a NAME is letters, digits and _", error(start + "uts {}\n```\n"));
    assertEquals("labs/t.md:5: {!} has an empty NAME: a pattern is {*}, {NAME} or {!NAME}, and"
        + " a NAME is letters, digits and _", error(start + "ok\nuts {!}\n```\n"));
    assertEquals("labs/t.md:4: {uts-0} is not a pattern: a NAME is letters, digits and _ (use"
        + " {*} for any text)", error(start + "uts {uts-0}\n```\n"));
    Lab lab = parse(start + "{\"uts\": 1} {a,b} ${x y} {\n```\n");
    assertEquals(1, lab.steps().get(0).entries().get(0).expected().size());
  }

  @Test
  void frontMatterValuesAreYamlScalars() throws Exception {
    Lab lab = parse("---\nid: 'it''s'  # a comment\ntitle: \"Tab\\there: \\\"quoted\\\"\"\n"
        + "requires: root, rootfs # both\n---\n");
    assertEquals("it's", lab.id());
    assertEquals("Tab\there: \"quoted\"", lab.title());
    assertEquals(List.of("root", "rootfs"), lab.requires());
    assertEquals("labs/t.md:3: title: 'PID 1: init' has a colon that YAML reads as the start of"
        + " another KEY: VALUE: put the value in double quotes (\"PID 1: init\")",
        error("---\nid: pid\ntitle: PID 1: init\n---\n"));
    assertEquals("labs/t.md:2: id: YAML needs a space after the colon ('KEY: VALUE')",
        error("---\nid:pid\n---\n"));
    // Keys nslab does not read are other tools' business, whatever YAML they hold.
    assertEquals("x", parse("---\nid: x\ntags: [a, b]\n---\n").id());
  }

  @Test
  void frontMatterWithoutItsClosingLineIsAnError() {
    assertEquals("labs/t.md:1: the front matter that starts here has no closing --- line",
        error("---\nid: x\n## S\n"));
    assertEquals("labs/t.md:2: front matter lines are KEY: VALUE, got 'just words'",
        error("---\njust words\n---\n"));
  }

  @Test
  void commandsMustBeThereAndQuotedProperly() {
    assertEquals("labs/t.md:3: a > line with no command after it",
        error("## S\n```nslab\n>\n```\n"));
    assertEquals("labs/t.md:3: unterminated quote: ' opened at column 7",
        error("## S\n```nslab\n> spawn 'echo\n```\n"));
  }

  @Test
  void aSecondAnswerInAStepIsAnError() {
    String answer = "<details><summary>Answer</summary>\n```nslab\n> hostname\n```\n</details>\n";
    assertEquals("labs/t.md:7: a second answer in this step (the first is at line 2): a step"
        + " has one answer", error("## S\n" + answer + answer));
  }

  @Test
  void crlfLineEndingsAndAByteOrderMarkAreRead() throws Exception {
    Lab lab = parse(
        "\uFEFF---\r\nid: win\r\n---\r\n## S\r\n```nslab\r\n> hostname\r\nvm\r\n```\r\n");
    assertEquals("win", lab.id());
    assertEquals(List.of(new Expected(7, "vm")), lab.steps().get(0).entries().get(0).expected());
  }
}
