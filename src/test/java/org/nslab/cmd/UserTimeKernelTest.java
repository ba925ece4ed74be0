package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;

/** spawn --user and --time: namespaces made by the child's first step, util-linux unshare(1). */
@Tag("kernel")
class UserTimeKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  /** The command's output without nslab's explanation lines. */
  private static String childOutput(String out) {
    return out.replaceAll("(?m)^(user|outside|time): .*\n", "");
  }

  @Test
  void mapRootMakesTheChildRootInsideWithSetgroupsDenied() throws Exception {
    String outsideUserNs = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/user")).toString();
    try (LabSession lab = new LabSession()) {
      LabSession.Result r = lab.run("spawn --user --map-root sh -c 'id -u; id -g;"
          + " cat /proc/self/setgroups; readlink /proc/self/ns/user'");
      assertEquals(0, r.status(), r.all());
      assertTrue(r.err().contains("a JVM cannot unshare a user namespace"), r.err());
      assertTrue(r.err().contains("outside: uid=0 gid=0"), r.err());
      String out = r.out();
      String[] lines = childOutput(out).split("\n");
      assertEquals("0", lines[0]);
      assertEquals("0", lines[1]);
      assertEquals("deny", lines[2]);
      assertTrue(!lines[3].equals(outsideUserNs), "the child got a new user namespace");
      String map = childOutput(lab.ok("spawn --user --map-root cat /proc/self/uid_map"));
      assertEquals("0 0 1", map.trim().replaceAll("\\s+", " "));
    }
    assertEquals(outsideUserNs, Files.readSymbolicLink(Path.of("/proc/thread-self/ns/user")).toString());
  }

  @Test
  void mapRangesAndUnmappedIds() throws Exception {
    try (LabSession lab = new LabSession()) {
      String map = childOutput(lab.ok("spawn --user --map 0:100000:65536 cat /proc/self/uid_map"));
      assertEquals("0 100000 65536", map.trim().replaceAll("\\s+", " "));
      // Root outside (uid 0) is not in 100000..165535: inside it is the overflow id.
      assertEquals("65534\n", childOutput(lab.ok("spawn --user --map 0:100000:65536 id -u")));
      assertEquals("65534\n", childOutput(lab.ok("spawn --user id -u")));
    }
  }

  @Test
  void theUserChildKeepsTheLabTasksOtherNamespaces() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare uts");
      lab.ok("hostname demo");
      assertEquals("demo\n", childOutput(lab.ok("spawn --user --map-root hostname")));
    }
  }

  @Test
  void boottimeOffsetShiftsUptimeInTheChild() throws Exception {
    double outside = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
    try (LabSession lab = new LabSession()) {
      String out = childOutput(lab.ok("spawn --time --boottime 86400 cat /proc/uptime"));
      double inside = Double.parseDouble(out.split(" ")[0]);
      assertTrue(inside - outside > 86000 && inside - outside < 86800, out);
    }
  }

  @Test
  void theProgramItselfIsInsideTheTimeNamespaceWithOrWithoutAUserNamespace() throws Exception {
    try (LabSession lab = new LabSession()) {
      String host = lab.ok("spawn readlink /proc/self/ns/time").strip();
      // util-linux unshare --fork: the program is a child, so inside on every kernel (on
      // Debian 12's 6.1 a process that unshared stays outside even after exec).
      String[] ns = childOutput(lab.ok("spawn --time readlink /proc/self/ns/time"
          + " /proc/self/ns/time_for_children")).split("\n");
      assertEquals(ns[0], ns[1]);
      assertNotEquals(host, ns[0]);
      String both = childOutput(lab.ok("spawn --user --map-root --time --boottime 86400"
          + " sh -c 'id -u; cut -d. -f1 /proc/uptime'"));
      String[] lines = both.split("\n");
      assertEquals("0", lines[0], both);
      assertTrue(Long.parseLong(lines[1]) >= 86400, both);
    }
  }

  @Test
  void badOptionsAreUsageErrors() throws Exception {
    try (LabSession lab = new LabSession()) {
      assertEquals(Interpreter.USAGE, lab.run("spawn --map 1:2 id").status());
      assertEquals(Interpreter.USAGE, lab.run("spawn --boottime x true").status());
      assertEquals(Interpreter.USAGE, lab.run("spawn --map-root --map 0:0:1 id").status());
      assertEquals(Interpreter.USAGE, lab.run("spawn --ns x --user id").status());
    }
  }
}
