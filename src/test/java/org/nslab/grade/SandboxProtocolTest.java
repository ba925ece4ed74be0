package org.nslab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grader and its sandboxes: the request and every reply, written then read back. */
class SandboxProtocolTest {
  private static final String NONCE = SandboxProtocol.nonce(new SecureRandom());

  @Test
  void aRequestReadsBackAsWrittenWhateverTheSubmissionIsCalled() {
    for (String name : List.of("alice.txt", "--lang", "-", "", " two words ", "a\nb\tc\u001b[2J",
        "--timeout 1", "名前 😀.txt", HostileReportTest.NASTY.replaceAll("[\\ud800-\\udfff]", ""))) {
      SandboxProtocol.Request r = new SandboxProtocol.Request(10_000, 120_000,
          Path.of("/run/nslab/stage/lab.md"), Path.of("/run/nslab/stage/submission.txt"), name,
          "ja");
      assertEquals(r, SandboxProtocol.Request.parse(r.words()), name);
    }
  }

  @Test
  void aRequestOfAnotherShapeIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> SandboxProtocol.Request.parse(List.of("10", "20", "lab.md")));
  }

  @Test
  void everyReplyReadsBackAsWrittenThroughTheSandboxsOutput() throws IOException {
    List<SandboxProtocol.Reply> sent = List.of(
        new SandboxProtocol.Reply.Full("/tmp 64M"),
        new SandboxProtocol.Reply.Line(1),
        new SandboxProtocol.Reply.Passed(0),
        new SandboxProtocol.Reply.Line(10_000),
        new SandboxProtocol.Reply.Done(HostileReportTest.hostile("bob\n\"]]><!--\u0000\u001b"
            + "\ufffe\ud800.txt", HostileReportTest.NASTY)),
        new SandboxProtocol.Reply.Done(ReportFormatTest.alice()));
    // As the sandbox writes them (its standard output is UTF-8 there) and the grader reads them.
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(wire, true, StandardCharsets.UTF_8);
    out.println("a submission cannot print a reply: it has no nonce");
    out.println("0123 line 5");
    for (SandboxProtocol.Reply r : sent) {
      out.println(r.write(NONCE));
    }
    List<SandboxProtocol.Reply> read = new ArrayList<>();
    BufferedReader in = new BufferedReader(new InputStreamReader(
        new ByteArrayInputStream(wire.toByteArray()), StandardCharsets.UTF_8));
    for (String l; (l = in.readLine()) != null; ) {
      SandboxProtocol.Reply r = SandboxProtocol.Reply.read(NONCE, l);
      if (r != null) {
        read.add(r);
      }
    }
    assertEquals(sent, read);
    assertEquals(HostileReportTest.hostile("bob\n\"]]><!--\u0000\u001b\ufffe\ud800.txt",
        HostileReportTest.NASTY), ((SandboxProtocol.Reply.Done) read.get(4)).report());
    assertEquals(ReportFormatTest.alice(), ((SandboxProtocol.Reply.Done) read.get(5)).report());
  }

  @Test
  void aLineThatIsNotAReplyIsNone() {
    assertNull(SandboxProtocol.Reply.read(NONCE, NONCE + " line many"));
    assertNull(SandboxProtocol.Reply.read(NONCE, NONCE + " shout hello"));
    assertNull(SandboxProtocol.Reply.read(NONCE, NONCE + "line 1"));
    assertThrows(IllegalArgumentException.class,
        () -> new SandboxProtocol.Reply.Full("/tmp\n64M").write(NONCE));
  }

  @Test
  void theNonceComesOnTheSecondLineTheGraderWrites() throws IOException {
    String stdin = SandboxProtocol.mounted(NONCE);
    // sandbox.sh has read "go" and "mounted"; the JVM reads what is left.
    String left = stdin.substring(stdin.indexOf('\n') + 1);
    assertEquals(NONCE, SandboxProtocol.readNonce(
        new ByteArrayInputStream(left.getBytes(StandardCharsets.US_ASCII))));
    assertThrows(IOException.class,
        () -> SandboxProtocol.readNonce(new ByteArrayInputStream(new byte[0])));
  }
}
