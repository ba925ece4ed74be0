package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;
import org.nslab.TestRootfs;

/** The container path: a busybox root filesystem, pivot_root, /proc of a new PID namespace. */
@Tag("kernel")
class RootfsKernelTest {
  private static final Path ROOTFS = TestRootfs.PATH;

  @BeforeEach
  void root() throws Exception {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
    String unavailable = TestRootfs.unavailable();
    assumeTrue(unavailable == null, unavailable);
  }

  @Test
  void pivotRootIntoBusyboxWithItsOwnPid1() throws Exception {
    String hostMounts = Files.readString(Path.of("/proc/thread-self/mountinfo"));
    try (LabSession lab = new LabSession()) {
      assertTrue(lab.run("pivot_root " + ROOTFS).err().contains("refusing"));
      lab.ok("unshare mnt,uts,ipc,pid");
      lab.ok("hostname container");
      assertTrue(lab.ok("pivot_root " + ROOTFS).startsWith("pivot_root: " + ROOTFS + " is now /"));
      lab.ok("spawn --bg sleep 1000");
      String ps = lab.ok("spawn sh -c 'mount -t proc proc /proc && ps -o pid,args && hostname'");
      assertTrue(ps.matches("(?s).*\\n\\s*1 sleep 1000\\n.*"), ps);
      assertTrue(ps.endsWith("container\n"), ps);
      // Nothing of the host's filesystem is reachable: the old root was detached.
      assertFalse(lab.ok("spawn ls /etc").contains("os-release"), "the host's /etc is visible");
      assertTrue(lab.ok("spawn ls /bin/busybox").contains("busybox"));
      // ns self still answers: its fd was opened before the root moved.
      assertTrue(lab.ok("ns self").contains("uts                "));
      lab.ok("ns reset mnt");
      assertTrue(lab.ok("spawn ls /etc").contains("os-release"), "back on the host's root");
    }
    assertEquals(hostMounts, Files.readString(Path.of("/proc/thread-self/mountinfo")));
  }

  /**
   * pivot_root's commentary, shown: the old root is detached (no mount of it is left in the
   * namespace, and its directory is gone), and the /proc it mounts shows the lab task's PID
   * namespace until a child of the new one mounts its own.
   */
  @Test
  void pivotRootDetachesTheOldRootAndItsProcShowsTheLabTasksPidNamespace() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt,pid");
      String said = lab.ok("pivot_root " + ROOTFS);
      assertTrue(said.contains(" is now / for the lab task and its mount namespace; the old root"
          + " is detached"), said);
      assertTrue(said.endsWith("\nmounted proc on /proc: it shows the lab task's PID namespace;"
          + " mount it again from inside the new one: spawn sh -c 'mount -t proc proc /proc &&"
          + " exec sh'\n"), said);
      // PID 1 first: it keeps the new PID namespace alive for the children after it.
      String job = lab.ok("spawn --bg sleep 1000");
      String hostPid = job.replaceAll("(?s)^\\[1\\] (\\d+).*", "$1");
      String mounts = lab.ok("spawn cat /proc/self/mountinfo");
      assertFalse(mounts.contains(" /.oldroot"), mounts);
      // Only the new root and what nslab mounted in it: none of the host's mounts is left.
      for (org.nslab.ns.MountInfo m : org.nslab.ns.MountInfo.parse(mounts)) {
        assertTrue(m.target().equals("/") || m.target().startsWith("/dev/")
            || m.target().equals("/proc"), mounts);
      }
      assertFalse(lab.ok("spawn ls -a /").contains(".oldroot"));
      // This /proc numbers processes as the lab task's namespace does: the job by its host pid.
      assertEquals("sleep\n", lab.ok("spawn cat /proc/" + hostPid + "/comm"));
      assertEquals("sleep\n", lab.ok("spawn sh -c 'mount -t proc proc /proc && cat /proc/1/comm'"));
      lab.ok("kill -s KILL %1");
    }
  }

  @Test
  void runBuildsTheContainerStepByStepAndCleansUp() throws Exception {
    String outside = LabSession.outsideHostname();
    try (LabSession lab = new LabSession()) {
      String out = lab.ok("run --hostname box " + ROOTFS + " sh -c 'echo $$; hostname; ls /etc'");
      for (String step :
          new String[] {"+ cgroup create run1 --pids-max 64", "+ cgroup join run1",
            "+ unshare uts,mnt,ipc,pid,net,cgroup", "+ hostname box", "+ pivot_root ",
            "+ spawn sh -c 'mount -t proc proc /proc && exec \"$@\"' entry sh -c",
            "\n1\nbox\n", "+ ns reset", "+ cgroup delete run1"}) {
        assertTrue(out.contains(step), step + " missing in:\n" + out);
      }
      assertFalse(out.contains("os-release"), out);
      assertEquals(outside + "\n", lab.ok("hostname"));
      assertFalse(lab.ok("cgroup").contains("run1"));
      assertTrue(lab.run("run /nonexistent-rootfs").status() != 0);
      assertEquals(outside + "\n", lab.ok("hostname"), "a failed run is undone too");
    }
  }

  @Test
  void chrootMountsProcAndDevices() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt");
      assertTrue(lab.ok("rootfs " + ROOTFS).startsWith("chroot: "));
      assertEquals("ok\n", lab.ok("spawn sh -c 'echo ok > /dev/null && test -r /proc/self/stat && echo ok'"));
      assertTrue(lab.run("rootfs /nonexistent-dir").status() != 0);
    }
  }

  @Test
  void notARootFilesystemIsExplained() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt");
      assertTrue(lab.run("pivot_root /etc").err().contains("make one with scripts/mkrootfs"));
    }
  }
}
