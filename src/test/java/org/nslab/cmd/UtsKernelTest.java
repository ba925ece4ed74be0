package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;

/** The UTS seeds' demonstration: a hostname set inside is not seen outside. */
@Tag("kernel")
class UtsKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  @Test
  void hostnameChangesInsideTheNewUtsNamespaceOnly() throws Exception {
    String outside = LabSession.outsideHostname();
    try (LabSession lab = new LabSession()) {
      String out = lab.ok("unshare uts");
      Matcher m = Pattern.compile("uts\\s+(\\d+) -> (\\d+)\\s+\\(new\\)").matcher(out);
      assertTrue(m.find(), out);
      assertNotEquals(m.group(1), m.group(2));
      assertTrue(lab.ok("hostname demo").startsWith("hostname " + outside + " -> demo"));
      assertEquals("demo\n", lab.ok("hostname"));
      assertEquals("demo\n", lab.ok("spawn hostname"));
      assertEquals(outside, LabSession.outsideHostname());
      assertTrue(lab.ok("ns self").contains("uts                " + m.group(2) + "  new"));
    }
    assertEquals(outside, LabSession.outsideHostname());
  }

  @Test
  void settingTheHostnameBeforeUnshareIsRefused() throws Exception {
    String outside = LabSession.outsideHostname();
    try (LabSession lab = new LabSession()) {
      LabSession.Result r = lab.run("hostname demo");
      assertEquals(1, r.status());
      assertTrue(r.err().contains("refusing to set the hostname"), r.err());
      assertTrue(r.err().contains("unshare uts"), r.err());
      assertEquals(outside + "\n", lab.ok("hostname"));
    }
    assertEquals(outside, LabSession.outsideHostname());
  }

  @Test
  void namesOver64BytesAreRejectedByLengthInBytes() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare uts");
      LabSession.Result r = lab.run("hostname " + "a".repeat(65));
      assertEquals(Interpreter.USAGE, r.status());
      assertTrue(r.err().contains("65 bytes") && r.err().contains("64"), r.err());
      // 22 three-byte characters: 22 characters, 66 bytes.
      assertTrue(lab.run("hostname " + "名".repeat(22)).err().contains("66 bytes"));
      lab.ok("hostname " + "a".repeat(64));
      assertEquals("a".repeat(64) + "\n", lab.ok("hostname"));
    }
  }
}
