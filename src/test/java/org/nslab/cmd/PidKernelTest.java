package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;
import org.nslab.sys.Syscalls;

/** PID namespaces: the first child is PID 1, and the namespace dies with it. */
@Tag("kernel")
class PidKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  @Test
  void firstChildIsPid1AndTheNamespaceDiesWithIt() throws Exception {
    try (LabSession lab = new LabSession()) {
      String out = lab.ok("unshare pid");
      assertTrue(out.contains("pid_for_children"), out);
      assertTrue(lab.ok("ns self").contains("no PID 1 yet"));
      assertEquals("1\n", lab.ok("spawn sh -c 'echo $$'"));
      assertTrue(lab.ok("ns self").matches("(?s).*pid_for_children\\s+\\d+\\s+new.*"));
      LabSession.Result dead = lab.run("spawn sh -c 'echo $$'");
      assertEquals(1, dead.status());
      assertTrue(dead.err().contains("is dead: its PID 1"), dead.err());
      assertTrue(dead.err().contains("unshare pid"), dead.err());
      lab.ok("unshare pid");
      assertEquals("1\n", lab.ok("spawn sh -c 'echo $$'"));
      // The lab task itself never moved: its own pid namespace is the one it started in.
      assertTrue(lab.ok("ns self").matches("(?s).*\\n  pid\\s+\\d+\\n.*"));
    }
    assertEquals(List.of(), zombieChildren());
  }

  @Test
  void pid1ReapsItsChildrenAndNothingIsLeftBehind() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare pid");
      String out = lab.ok("spawn sh -c 'sleep 0.1 & sleep 0.2 & wait; echo $$ done'");
      assertEquals("1 done\n", out);
    }
    assertEquals(List.of(), zombieChildren());
  }

  @Test
  void childExitStatusIsTheCommandsStatus() throws Exception {
    try (LabSession lab = new LabSession()) {
      LabSession.Result r = lab.run("spawn sh -c 'echo out; echo err >&2; exit 3'");
      assertEquals(3, r.status());
      assertEquals("out\n", r.out());
      assertTrue(r.err().contains("err\n") && r.err().contains("spawn: sh: exit status 3"), r.err());
      LabSession.Result missing = lab.run("spawn no-such-program-xyz");
      assertEquals(1, missing.status());
      assertTrue(missing.err().contains("posix_spawn(\"no-such-program-xyz\"): ENOENT"), missing.err());
      assertTrue(lab.run("spawn sh -c 'kill -TERM $$'").err().contains("killed by SIGTERM"));
    }
  }

  /** Children of this JVM that exited and were never reaped. */
  static List<Integer> zombieChildren() throws Exception {
    String self = Integer.toString(Syscalls.getpid());
    List<Integer> zombies = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        if (!p.getFileName().toString().matches("\\d+")) {
          continue;
        }
        try {
          String stat = Files.readString(p.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          if (f[0].equals("Z") && f[1].equals(self)) {
            zombies.add(Integer.parseInt(p.getFileName().toString()));
          }
        } catch (java.io.IOException e) {
          // gone while we looked
        }
      }
    }
    return zombies;
  }
}
