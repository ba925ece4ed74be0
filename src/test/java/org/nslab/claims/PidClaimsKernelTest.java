package org.nslab.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;

/** What labs/pid.md says besides nslab's output, shown by the kernel. */
@Tag("kernel")
class PidClaimsKernelTest {
  /** Waits until the shell condition COND holds (Claims.run bounds the whole script). */
  private static String until(String cond) {
    return " until " + cond + "; do sleep 0.05; done;";
  }

  /**
   * Ends the PID namespace that util-linux unshare --kill-child (PID $1) made: KILL to unshare
   * (which blocks TERM while it waits), whose death KILLs its child, that namespace's PID 1.
   */
  private static final String END = " end() { kill -KILL $1; wait $1; return 0; };";

  @BeforeEach
  void root() {
    Root.assume("to create PID namespaces (CAP_SYS_ADMIN)");
  }

  /**
   * Intro: "every process has a PID in its own namespace and in each namespace above it";
   * step 3: "The NSpid line ... lists them all, from the outermost namespace in".
   */
  @Test
  void aProcessHasAPidInItsOwnNamespaceAndEachAbove() throws Exception {
    String out = Claims.unshare("-p -f",
        "unshare -p -f sh -c 'exec grep NSpid /proc/self/status'").ok();
    String[] pids = out.strip().split("\\s+");
    assertEquals(4, pids.length, out);
    assertEquals("1", pids[3], "PID 1 of the innermost namespace");
    assertTrue(Integer.parseInt(pids[1]) > 1, "the host's number first: " + out);
  }

  /** Step 2: "Orphaned processes are handed to it" (PID 1). */
  @Test
  void orphansAreHandedToPid1() throws Exception {
    String out = Claims.unshare("-p -f --mount-proc", "c=$(sh -c 'sleep 1000 >/dev/null 2>&1 &"
        + " echo $!'); awk '/^PPid/ {print $2}' /proc/$c/status; kill $c").ok();
    assertEquals("1\n", out);
  }

  /**
   * Step 2: "when it exits the kernel kills every other process in the namespace": once PID 1
   * has been waited for, no process of its namespace is left (PID 1's exit waits for them).
   */
  @Test
  void whenPid1ExitsEveryOtherProcessInTheNamespaceIsKilled() throws Exception {
    String out = Claims.unshare("-p -f",
        "readlink /proc/self/ns/pid; sleep 1000 >/dev/null 2>&1 & sleep 1000 >/dev/null 2>&1 &"
        + " echo started").ok();
    String ns = out.split("\n")[0];
    assertTrue(out.endsWith("started\n"), out);
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      List<String> left = procs.filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> {
            try {
              return Files.readSymbolicLink(p.resolve("ns/pid")).toString().equals(ns);
            } catch (Exception e) {
              return false; // gone meanwhile, or not ours to read: not in that namespace
            }
          })
          .map(Path::toString).toList();
      assertEquals(List.of(), left);
    }
  }

  /**
   * Step 4: "A proc filesystem shows the PID namespace of the process that mounted it, from
   * then on, whoever reads it. So the host's /proc shows the host's processes, even to a
   * process inside"; "Whatever PID namespace a child is in, /proc/1 is the mounter's PID 1."
   */
  @Test
  void aProcFilesystemShowsTheMountersPidNamespaceToEveryReader() throws Exception {
    String hostInit = Files.readString(Path.of("/proc/1/comm"));
    String inside = Claims.unshare("-p -f -m",
        "cat /proc/1/comm; mount -t proc proc /proc; cat /proc/1/comm").ok();
    assertEquals(hostInit + "sh\n", inside);
    // The reader outside (this shell, in the host's PID namespace) sees the inner proc's PID 1.
    String outside = Claims.unshare("-m", END + " unshare -p -f --kill-child --mount-proc sleep 1000 >/dev/null 2>&1 & u=$!;"
        + until("[ \"$(cat /proc/$u/root/proc/1/comm 2>/dev/null)\" = sleep ]")
        + " echo read-from-outside: $(cat /proc/$u/root/proc/1/comm); end $u").ok();
    assertEquals("read-from-outside: sleep\n", outside);
  }

  /**
   * Step 4: "nslab cannot do it for you: the lab task itself is still in the host's PID
   * namespace. A child can"; "The new /proc covers the old one in the lab task's mount
   * namespace, which every later child shares"; step 3: "The [1] NNNN nslab printed for the
   * job is the host's PID of the process that is PID 1 inside".
   */
  @Test
  void onlyAChildInsideCanMountTheNamespacesProc() throws Exception {
    String hostInit = Files.readString(Path.of("/proc/1/comm"));
    try (Claims.Nslab lab = new Claims.Nslab()) {
      lab.ok("unshare pid,mnt");
      Matcher job = Pattern.compile("\\[1\\] (\\d+)").matcher(lab.ok("spawn --bg sleep 1000"));
      assertTrue(job.find());
      String nspid = Files.readAllLines(Path.of("/proc/" + job.group(1) + "/status")).stream()
          .filter(l -> l.startsWith("NSpid:")).findFirst().orElseThrow();
      assertTrue(nspid.matches("NSpid:\\s+" + job.group(1) + "\\s+1"), nspid);
      lab.ok("mount -t proc proc /proc");
      assertEquals(hostInit, lab.ok("spawn cat /proc/1/comm"), "the lab task's mount");
      assertEquals("sleep\n", lab.ok("spawn sh -c 'mount -t proc proc /proc && cat /proc/1/comm'"));
      assertEquals("sleep\n", lab.ok("spawn cat /proc/1/comm"), "a later child");
      lab.ok("kill -s KILL %1");
    }
  }

  /**
   * Step 4: "Without its own mount namespace, the container's /proc would have replaced the
   * host's for everyone": a child in a new PID namespace only, mounting proc on /proc, changes
   * what every process of its mount namespace reads there (a mount namespace of the test's
   * own stands for the host's).
   */
  @Test
  void withoutItsOwnMountNamespaceAChildsProcIsEveryones() throws Exception {
    String hostInit = Files.readString(Path.of("/proc/1/comm"));
    String out = Claims.unshare("-m", END + " cat /proc/1/comm;"
        + " unshare -p -f --kill-child sh -c 'mount -t proc proc /proc && exec sleep 1000' >/dev/null 2>&1 &"
        + " u=$!;"
        + until("[ \"$(cat /proc/1/comm 2>/dev/null)\" = sleep ]")
        + " echo now: $(cat /proc/1/comm); end $u").ok();
    assertEquals(hostInit + "now: sleep\n", out);
  }

  /**
   * Step 5: "a signal whose action is the default ... is simply dropped, unless PID 1
   * installed a handler for it. Inside the namespace that holds even for KILL".
   */
  @Test
  void insideTheNamespaceEvenKillIsDroppedUnlessPid1HandlesTheSignal() throws Exception {
    assertEquals("survived\n", Claims.unshare("-p -f",
        "kill -KILL 1; kill -TERM 1; echo survived").ok());
    Claims.Ran handled = Claims.unshare("-p -f",
        "trap 'echo caught; exit 3' TERM; kill -TERM 1; echo after");
    assertEquals(3, handled.status(), handled.all());
    assertEquals("caught\n", handled.out());
  }

  /**
   * Step 5: "From the parent namespace, KILL and STOP are forced through", while TERM is
   * dropped there too: the lab task (outside) sends TERM, then STOP (PID 1 stops), then KILL,
   * and PID 1 ended by KILL, not by the TERM sent first.
   */
  @Test
  void fromTheParentNamespaceKillAndStopAreForcedAndTermIsDropped() throws Exception {
    try (Claims.Nslab lab = new Claims.Nslab()) {
      lab.ok("unshare pid");
      Matcher job = Pattern.compile("\\[1\\] (\\d+)").matcher(lab.ok("spawn --bg sleep 1000"));
      assertTrue(job.find());
      Path stat = Path.of("/proc/" + job.group(1) + "/stat");
      lab.line("kill %1");
      lab.ok("kill -s STOP %1");
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (!Files.readString(stat).split(" ")[2].equals("T") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals("T", Files.readString(stat).split(" ")[2], "stopped by STOP from outside");
      lab.ok("kill -s KILL %1");
      String jobs = lab.ok("jobs");
      for (int i = 0; i < 100 && !jobs.contains("Done"); i++) {
        Thread.sleep(50); // bounded: the lab task reaps the child as it ends
        jobs = lab.ok("jobs");
      }
      assertTrue(jobs.contains("Done (killed by SIGKILL)"), jobs);
    }
  }

  /** Intro: "the first child becomes PID 1". */
  @Test
  void theFirstChildIsPid1() throws Exception {
    assertEquals("1\n", Claims.unshare("-p -f", "echo $$").ok());
    assertNotEquals("1\n", Claims.unshare("-p", "echo $$").ok(), "unshare without fork: not moved");
  }
}
