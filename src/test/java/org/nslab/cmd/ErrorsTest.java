package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad input gets a clear message, a status, and never a stack trace. */
class ErrorsTest {
  @Test
  void unknownCommandsSuggestTheNearestOne() throws Exception {
    try (LabSession lab = new LabSession()) {
      LabSession.Result r = lab.run("hostnmae demo");
      assertEquals(127, r.status());
      assertTrue(r.err().contains("unknown command 'hostnmae' (did you mean 'hostname'?)"), r.err());
      assertFalse(lab.run("frobnicate").err().contains("did you mean"));
    }
  }

  @Test
  void usageErrorsShowTheUsage() throws Exception {
    try (LabSession lab = new LabSession()) {
      LabSession.Result r = lab.run("unshare utz");
      assertEquals(Interpreter.USAGE, r.status());
      assertTrue(r.err().contains("unshare: unknown namespace kind 'utz' (valid: "), r.err());
      assertTrue(r.err().contains("Usage: unshare"), r.err());
      assertTrue(lab.run("unshare").err().contains("missing argument"));
      assertTrue(lab.run("unshare --propagation=weird mnt").err().contains("unsupported propagation"));
      assertTrue(lab.run("lsns --jsno").err().contains("did you mean --json?"));
      assertTrue(lab.run("spawn sh -c 'echo").err().contains("unterminated quote"));
      assertTrue(lab.run("exit abc").err().contains("not a number"));
    }
  }

  @Test
  void helpIsEverywhere() throws Exception {
    try (LabSession lab = new LabSession()) {
      String all = lab.ok("help");
      for (String c : new String[] {"ns", "unshare", "hostname", "lsns", "mount", "umount", "spawn", "exit"}) {
        assertTrue(all.contains("\n  " + c + " "), c);
      }
      assertEquals(lab.ok("help unshare"), lab.ok("unshare --help"));
      assertTrue(lab.ok("umount --help").contains("-l, --lazy"));
      assertTrue(lab.run("help nope").err().contains("no command 'nope'"));
    }
  }

  @Test
  void nothingPrintsAStackTrace() throws Exception {
    try (LabSession lab = new LabSession()) {
      for (String line :
          new String[] {"unshare utz", "ns -1", "mount -t", "umount", "spawn", "lsns -p x",
            "hostname ''", "'", "time -n 0 ns", "time nope", "mount --bind a"}) {
        LabSession.Result r = lab.run(line);
        assertTrue(r.status() != 0, line);
        assertFalse(r.all().contains("\tat "), line + ":\n" + r.all());
        assertFalse(r.all().contains("Exception"), line + ":\n" + r.all());
      }
    }
  }

  @Test
  void exitSetsTheStatus() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("exit 0");
      assertEquals(0, lab.session().exitRequest());
      assertEquals(3, lab.run("exit 3").status());
    }
  }
}
