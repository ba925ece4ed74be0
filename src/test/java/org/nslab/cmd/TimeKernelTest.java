package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsSnapshot;
import org.nslab.ns.TimeClock;
import org.nslab.ns.TimeOffsets;
import org.nslab.sys.LabTask;
import org.nslab.sys.Libc;
import org.nslab.sys.SyscallException;
import org.nslab.sys.Syscalls;

/**
 * unshare time --boottime/--monotonic: offsets for the lab task's children, set in-process
 * through the lab task's own /proc/TID/timens_offsets, and the kernel's rules around them.
 */
@Tag("kernel")
class TimeKernelTest {
  @BeforeEach
  void rootAndAKernelThatSpawnsAfterUnshareTime() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
    assumeTrue(LabTask.spawnsAfterUnshareTime(), "this kernel (" + System.getProperty(
        "os.version") + ") starts no child after unshare time (Linux 6.1 refuses: EINVAL)");
  }

  private static double[] uptime(String text) {
    String[] f = text.strip().split("\\s+");
    return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])};
  }

  private static double[] hostUptime() throws Exception {
    return uptime(Files.readString(Path.of("/proc/uptime")));
  }

  /** timens_offsets with its columns' padding squeezed: "monotonic 3600 0\nboottime ...". */
  private static String squeezed(String offsets) {
    return offsets.replaceAll("[ \\t]+", " ");
  }

  @Test
  void unshareTimeBoottimeThenSpawnShowsTheDaysOffset() throws Exception {
    try (LabSession lab = new LabSession()) {
      NsSnapshot before = lab.session().task().namespaces();
      String out = lab.ok("unshare time --boottime 864000");
      assertTrue(out.contains("to /proc/" + lab.session().task().tid() + "/timens_offsets"), out);
      assertTrue(out.contains("offsets monotonic 0 s, boottime 864000 s"), out);
      double[] outside = hostUptime();
      double[] inside = uptime(lab.ok("spawn cat /proc/uptime"));
      assertTrue(inside[0] >= 864000, "uptime " + inside[0]);
      assertTrue(inside[0] - outside[0] > 864000 - 1 && inside[0] - outside[0] < 864000 + 60,
          inside[0] + " inside, " + outside[0] + " outside");
      // The lab task itself never moves: only where its children go.
      NsSnapshot after = lab.session().task().namespaces();
      assertEquals(before.get(NsFile.TIME), after.get(NsFile.TIME));
      assertNotEquals(before.get(NsFile.TIME_FOR_CHILDREN), after.get(NsFile.TIME_FOR_CHILDREN));
      assertTrue(hostUptime()[0] < inside[0] - 864000 + 60, "the host's uptime is as it was");
    }
  }

  @Test
  void onlyProcTidReachesTheLabTasksChildren() throws Exception {
    try (LabSession lab = new LabSession()) {
      LabTask task = lab.session().task();
      Path leader = Path.of("/proc/" + task.pid() + "/timens_offsets");
      String first = Files.readString(leader);
      lab.ok("unshare time --boottime 5");
      // The kernel lists timens_offsets among a process's files, not a thread's.
      assertFalse(Files.exists(
          Path.of("/proc/" + task.pid() + "/task/" + task.tid() + "/timens_offsets")));
      // /proc/TID is the lab task: its children's namespace. /proc/PID is the JVM's first
      // thread, whose children still go where the shell started, a namespace with processes
      // in it, so the kernel keeps its offsets.
      assertTrue(squeezed(Files.readString(Path.of("/proc/" + task.tid() + "/timens_offsets")))
          .contains("boottime 5 0"));
      assertEquals(first, Files.readString(leader));
      SyscallException e = assertThrows(SyscallException.class, () -> task.call(() -> {
        Syscalls.writeProcFile(leader.toString(), "boottime 5 0\n");
        return null;
      }));
      assertEquals("EACCES", e.errnoName());
      assertEquals(first, Files.readString(leader));
    }
  }

  @Test
  void bothOffsetsGoInAndTheKernelAppliesAWriteWholeOrNotAtAll() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare time --monotonic 3600 --boottime 864000");
      assertEquals("monotonic 3600 0\nboottime 864000 0\n",
          squeezed(lab.ok("spawn cat /proc/self/timens_offsets")));
      // Why one write: the kernel checks every line of a write before it applies any. A good
      // monotonic line beside a boottime line it refuses leaves both as they were.
      lab.ok("unshare time");
      LabTask task = lab.session().task();
      SyscallException e = assertThrows(SyscallException.class, () -> task.call(() -> {
        task.writeTimeOffsets(TimeOffsets.parse("7", "-9000000000"));
        return null;
      }));
      assertEquals("ERANGE", e.errnoName());
      assertTrue(e.getMessage().contains("write(/proc/" + task.tid() + "/timens_offsets,"
          + " \"monotonic 7 0\\nboottime -9000000000 0\\n\"): ERANGE"), e.getMessage());
      assertTrue(e.getMessage().contains("KTIME_SEC_MAX / 2"), e.getMessage());
      assertEquals("monotonic 3600 0\nboottime 864000 0\n",
          squeezed(lab.ok("spawn cat /proc/self/timens_offsets")));
    }
  }

  @Test
  void aRefusedValueChangesNoNamespace() throws Exception {
    try (LabSession lab = new LabSession()) {
      NsSnapshot before = lab.session().task().namespaces();
      long boot = (long) hostUptime()[0];
      String[] refused = {
        "unshare uts,time --boottime -" + (boot + 100),
        "unshare time --monotonic " + TimeOffsets.CLOCK_SEC_MAX,
        "unshare uts,time --boottime 99999999999",
        "unshare time --boottime x",
        "unshare uts --boottime 5",
      };
      for (String line : refused) {
        LabSession.Result r = lab.run(line);
        assertNotEquals(0, r.status(), line);
        assertTrue(r.err().startsWith("unshare: "), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals(before, lab.session().task().namespaces(), line);
      }
      LabSession.Result r = lab.run(refused[0]);
      assertEquals(1, r.status());
      assertTrue(r.err().contains("would take it below 0: the kernel would make the namespace,"
          + " then refuse the offsets (ERANGE). Nothing was changed."), r.err());
      assertEquals(Interpreter.USAGE, lab.run(refused[3]).status());
    }
  }

  @Test
  void theCheckAgreesWithTheKernelOnEitherSideOfZero() throws Exception {
    try (LabSession lab = new LabSession()) {
      LabTask task = lab.session().task();
      long host = task.hostClockSeconds().get(TimeClock.BOOTTIME);
      // Two seconds' room either way: the clock runs on between the reading and the write.
      TimeOffsets fine = TimeOffsets.parse(null, String.valueOf(-(host - 2)));
      TimeOffsets past = TimeOffsets.parse(null, String.valueOf(-(host + 2)));
      assertEquals(null, fine.outOfRange(task.hostClockSeconds()));
      assertTrue(past.outOfRange(task.hostClockSeconds()).contains("below 0"));
      lab.ok("unshare time");
      SyscallException e = assertThrows(SyscallException.class, () -> task.call(() -> {
        task.writeTimeOffsets(past);
        return null;
      }));
      assertEquals("ERANGE", e.errnoName());
      task.call(() -> {
        task.writeTimeOffsets(fine);
        return null;
      });
      double inside = uptime(lab.ok("spawn cat /proc/uptime"))[0];
      assertTrue(inside >= 0 && inside < 60, "uptime " + inside);
    }
  }

  @Test
  void offsetsAreFrozenOnceAChildEnteredAndAFreshUnshareSetsThemAgain() throws Exception {
    try (LabSession lab = new LabSession()) {
      LabTask task = lab.session().task();
      lab.ok("unshare time");
      // Before any child: the kernel still takes them, even after a plain unshare time.
      task.call(() -> {
        task.writeTimeOffsets(TimeOffsets.parse(null, "100"));
        return null;
      });
      lab.ok("spawn true");
      SyscallException e = assertThrows(SyscallException.class, () -> task.call(() -> {
        task.writeTimeOffsets(TimeOffsets.parse(null, "200"));
        return null;
      }));
      assertEquals("EACCES", e.errnoName());
      assertTrue(e.getMessage().contains("frozen once a process has entered it"), e.getMessage());
      // A process inside meets the same rule for its own namespace.
      LabSession.Result child =
          lab.run("spawn sh -c 'echo boottime 1 0 | tee /proc/self/timens_offsets'");
      assertEquals(1, child.status(), child.all());
      assertTrue(child.all().contains("Permission denied"), child.all());
      assertTrue(squeezed(lab.ok("spawn cat /proc/self/timens_offsets"))
          .contains("boottime 100 0"));
      // unshare time --boottime makes a fresh namespace, which takes offsets again.
      lab.ok("unshare time --boottime 300");
      assertTrue(squeezed(lab.ok("spawn cat /proc/self/timens_offsets"))
          .contains("boottime 300 0"));
    }
  }

  @Test
  void aNewTimeNamespaceStartsWithTheOffsetsOfTheOneChildrenWentToBefore() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare time --boottime 864000 --monotonic 60");
      lab.ok("spawn true");
      String out = lab.ok("unshare time");
      assertTrue(out.contains("offsets monotonic 60 s, boottime 864000 s, copied"), out);
      assertEquals("monotonic 60 0\nboottime 864000 0\n",
          squeezed(lab.ok("spawn cat /proc/self/timens_offsets")));
      // A clock left out keeps what was copied for it; spawn --time works alike.
      lab.ok("unshare time --boottime 5");
      assertEquals("monotonic 60 0\nboottime 5 0\n",
          squeezed(lab.ok("spawn cat /proc/self/timens_offsets")));
      assertTrue(squeezed(lab.ok("spawn --time --monotonic 7 cat /proc/self/timens_offsets"))
          .endsWith("monotonic 7 0\nboottime 5 0\n"));
    }
  }

  @Test
  void worksAfterUmountProcInAFreshMountNamespace() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt");
      lab.ok("umount /proc");
      assertNotEquals(0, lab.run("spawn cat /proc/uptime").status(), "no /proc any more");
      String out = lab.ok("unshare time --boottime 864000");
      assertTrue(out.contains("offsets monotonic 0 s, boottime 864000 s"), out);
      lab.ok("mount -t proc proc /proc");
      double[] outside = hostUptime();
      double inside = uptime(lab.ok("spawn cat /proc/uptime"))[0];
      assertTrue(inside - outside[0] > 864000 - 1 && inside - outside[0] < 864000 + 60,
          inside + " inside, " + outside[0] + " outside");
    }
  }

  @Test
  void withoutCapSysTimeNothingChangesAndTheKernelSaysEperm() throws Exception {
    try (LabSession lab = new LabSession()) {
      LabTask task = lab.session().task();
      task.call(() -> {
        dropCapSysTimeFromThisThread();
        return null;
      });
      NsSnapshot before = task.namespaces();
      LabSession.Result r = lab.run("unshare time --boottime 100");
      assertEquals(1, r.status(), r.all());
      assertTrue(r.err().contains("need CAP_SYS_TIME"), r.err());
      assertTrue(r.err().contains("Nothing was changed."), r.err());
      assertEquals(before, task.namespaces());
      // What the check spares the student: the kernel makes the namespace, then says EPERM.
      lab.ok("unshare time");
      SyscallException e = assertThrows(SyscallException.class, () -> task.call(() -> {
        task.writeTimeOffsets(TimeOffsets.parse(null, "100"));
        return null;
      }));
      assertEquals("EPERM", e.errnoName());
      assertTrue(e.getMessage().contains("need CAP_SYS_TIME in the user namespace that owns"),
          e.getMessage());
    }
  }

  /** capset(2) acts on the calling thread only: here, the lab task's own effective set. */
  static void dropCapSysTimeFromThisThread() {
    Libc libc = LibraryLoader.create(Libc.class).load("c");
    jnr.ffi.Runtime rt = jnr.ffi.Runtime.getRuntime(libc);
    Pointer header = Memory.allocateDirect(rt, 8);
    Pointer data = Memory.allocateDirect(rt, 24);
    header.putInt(0, 0x20080522); // _LINUX_CAPABILITY_VERSION_3
    header.putInt(4, 0);
    assertEquals(0, libc.capget(header, data));
    data.putInt(0, data.getInt(0) & ~(1 << 25)); // effective, low word: CAP_SYS_TIME is 25
    assertEquals(0, libc.capset(header, data));
  }

  @Test
  void theWallClockAndTheIdleTimeHaveNoOffset() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare time --boottime 864000 --monotonic 864000");
      long wall = Long.parseLong(lab.ok("spawn date +%s").strip());
      assertTrue(Math.abs(wall - System.currentTimeMillis() / 1000) < 5, wall + " inside");
      double[] outside = hostUptime();
      double[] inside = uptime(lab.ok("spawn cat /proc/uptime"));
      // The idle time (the second number) is summed over CPUs: it grows by at most one second
      // a CPU a second, far from the offset.
      assertTrue(Math.abs(inside[1] - outside[1]) < 1000, inside[1] + " inside, " + outside[1]);
      long days = (long) (outside[0] + 864000) / 86400;
      String up = lab.ok("spawn uptime");
      assertTrue(up.contains("up " + days + " days") || up.contains("up " + (days + 1) + " days"),
          up);
    }
  }

  @Test
  void clockReadsThroughTheVdsoCarryTheOffset() throws Exception {
    String perl = "perl -MTime::HiRes=clock_gettime,CLOCK_MONOTONIC"
        + " -e 'printf \"%d\\n\", clock_gettime(CLOCK_MONOTONIC)'";
    try (LabSession lab = new LabSession()) {
      LabSession.Result probe = lab.run("spawn " + perl);
      assumeTrue(probe.status() == 0, "needs perl with Time::HiRes: " + probe.all());
      assumeTrue(lab.run("spawn strace -V").status() == 0, "needs strace");
      lab.ok("unshare time --monotonic 864000");
      long outside = System.nanoTime() / 1_000_000_000L; // CLOCK_MONOTONIC, in the host's
      // strace shows every clock_gettime that is a system call: none, so the vDSO answered.
      LabSession.Result r =
          lab.run("spawn strace -qq -e trace=clock_gettime,clock_gettime64 " + perl);
      assertEquals(0, r.status(), r.all());
      assertTrue(!r.all().contains("clock_gettime("), r.all());
      long inside = Long.parseLong(r.out().strip());
      assertTrue(inside - outside >= 864000 - 1 && inside - outside < 864000 + 60,
          inside + " inside, " + outside + " outside");
    }
  }

  @Test
  void aChildJoinsATimeNamespaceTheLabTaskCannot() throws Exception {
    try (LabSession lab = new LabSession()) {
      Matcher m = Pattern.compile("^\\[1\\] (\\d+)").matcher(
          lab.ok("spawn --bg --time --boottime 864000 sleep 60"));
      assertTrue(m.find());
      String ns = "/proc/" + m.group(1) + "/ns/time_for_children";
      // The job's first step, util-linux unshare --fork, makes its namespace and forks sleep
      // into it after spawn has returned: wait until it is there.
      Path host = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/time"));
      for (int i = 0; i < 500 && Files.readSymbolicLink(Path.of(ns)).equals(host); i++) {
        Thread.sleep(10);
      }
      assertNotEquals(host, Files.readSymbolicLink(Path.of(ns)));
      // As the setns EUSERS lesson says: nsenter --time in a spawn.
      double[] outside = hostUptime();
      double inside = uptime(lab.ok("spawn nsenter --time=" + ns + " cat /proc/uptime"))[0];
      assertTrue(inside - outside[0] > 864000 - 1 && inside - outside[0] < 864000 + 60,
          inside + " inside, " + outside[0] + " outside");
      LabSession.Result r = lab.run("nsenter -t " + m.group(1) + " time");
      assertEquals(1, r.status());
      assertTrue(r.err().contains("EUSERS"), r.err());
      assertTrue(r.err().contains("nsenter --time=FILE in a spawn"), r.err());
      lab.ok("kill -s KILL %1");
    }
  }

  @Test
  void spawnTimeChecksOffsetsAsUnshareDoesBeforeStartingAnything() throws Exception {
    try (LabSession lab = new LabSession()) {
      long boot = (long) hostUptime()[0];
      LabSession.Result r = lab.run("spawn --time --boottime -" + (boot + 100) + " true");
      assertEquals(1, r.status(), r.all());
      assertTrue(r.err().contains("would take it below 0: util-linux unshare would make the"
          + " namespace, then fail to write the offsets (ERANGE). Nothing was started."), r.err());
      assertEquals(Interpreter.USAGE, lab.run("spawn --time --monotonic 1.5 true").status());
      assertTrue(lab.ok("spawn --time --boottime 864000 true").isEmpty());
    }
  }
}
