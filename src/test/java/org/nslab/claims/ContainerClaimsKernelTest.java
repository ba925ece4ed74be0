package org.nslab.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;
import org.nslab.TestRootfs;
import org.nslab.cmd.LabSession;

/**
 * What labs/container.md says in its prose that neither its replay nor RootfsKernelTest shows:
 * each test is one sentence of the lab, shown on a busybox root filesystem of the test's own,
 * in namespaces made for the test.
 */
@Tag("kernel")
class ContainerClaimsKernelTest {
  private static final Path ROOTFS = TestRootfs.PATH;

  @BeforeEach
  void root() throws Exception {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
    String unavailable = TestRootfs.unavailable();
    assumeTrue(unavailable == null, unavailable);
  }

  /** Introduction: "scripts/mkrootfs makes one ... (busybox, about 2 MB, ...)". */
  @Test
  void theRootFilesystemIsBusyboxOfAbout2Mb() throws Exception {
    long bytes;
    try (Stream<Path> all = Files.walk(ROOTFS)) {
      bytes = all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .mapToLong(p -> p.toFile().length()).sum();
    }
    assertTrue(bytes > 1_000_000 && bytes < 3_000_000, bytes + " bytes");
    assertTrue(Files.isSymbolicLink(ROOTFS.resolve("bin/sh")));
    assertTrue(Files.readSymbolicLink(ROOTFS.resolve("bin/sh")).toString().endsWith("busybox"));
  }

  /**
   * Step 1: "nothing it starts while setting up, and nothing the container does later, can
   * escape the limit": a process that leaves its parent and its session stays in the group.
   */
  @Test
  void aProcessThatLeavesItsParentAndSessionStaysInTheGroup() throws Exception {
    try (LabSession lab = new LabSession()) {
      assumeTrue(lab.ok("cgroup").contains("pids"), "no pids controller available");
      lab.ok("cgroup create box --pids-max 64");
      lab.ok("cgroup join box");
      long pid = Long.parseLong(lab.ok("spawn sh -c 'setsid sleep 60 </dev/null >/dev/null"
          + " 2>&1 & echo $!'").strip());
      try {
        Programs.await("the detached sleep", () -> Programs.proc(pid, "comm").equals("sleep\n"));
        assertNotEquals(Programs.proc(ProcessHandle.current().pid(), "sessionid"), "");
        assertTrue(Programs.proc(pid, "cgroup").contains("-box\n"), Programs.proc(pid, "cgroup"));
      } finally {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  /**
   * Step 2: "the first child you start becomes PID 1 of the new PID namespace ... ns self,
   * hostname and mount are nslab's own commands and start no process": after them, the first
   * child is still PID 1.
   */
  @Test
  void nsSelfHostnameAndMountStartNoProcess() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare uts,mnt,ipc,pid,net,cgroup");
      lab.ok("ns self");
      lab.ok("hostname container");
      lab.ok("hostname");
      lab.ok("mount");
      assertEquals("1\n", lab.ok("spawn sh -c 'echo $$'"));
    }
  }

  /**
   * Step 4: "chroot(2) only changes where one process resolves /; the host's whole filesystem
   * stays mounted, and a root process can climb back out of a chroot": the classic way, a
   * second chroot below the first while the working directory stays above it.
   */
  @Test
  void aRootProcessClimbsBackOutOfAChroot() throws Exception {
    String perl = "chdir($ARGV[0]) or die; chroot('bin') or die;"
        + " print -e '/busybox' ? \"inside\\n\" : \"lost\\n\";"
        + " chdir('..') for 1..64; chroot('.') or die;"
        + " print -e '/etc/os-release' ? \"out\\n\" : \"still in\\n\";";
    Claims.Ran r = Programs.run("unshare", "--mount", "perl", "-e", perl, ROOTFS.toString());
    assertEquals(0, r.status(), r.all());
    assertEquals("inside\nout\n", r.out());
  }

  /**
   * Step 4 (as rewritten): "After that, the only things of the host's still mounted in this
   * namespace are the directory that became / and the device files nslab binds onto /dev":
   * the lab task's mount table, whole.
   */
  @Test
  void afterPivotRootOnlyTheNewRootAndFiveDeviceFilesAreMounted() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt,uts,ipc,pid");
      lab.ok("pivot_root --no-proc " + ROOTFS);
      List<String> mounts = Files.readAllLines(
          Path.of("/proc/" + lab.session().task().tid() + "/mountinfo"));
      List<String> points = new ArrayList<>();
      for (String m : mounts) {
        String[] f = m.split(" ");
        points.add(f[4]);
        if (f[4].equals("/")) {
          assertTrue(f[3].endsWith(ROOTFS.getFileName().toString()), m);
        } else {
          assertEquals(f[4].substring("/dev".length()), f[3], "one device file: " + m);
        }
      }
      assertEquals(List.of("/", "/dev/null", "/dev/zero", "/dev/random", "/dev/urandom",
          "/dev/tty"), points, String.join("\n", mounts));
    }
  }

  /**
   * Step 4: "The kernel asks for two things ...: the new root must be a mount point ..., and
   * the mount namespace must not share mounts with the host": util-linux pivot_root(8), in a
   * new mount namespace, refused (EINVAL) without either, done with both.
   */
  @Test
  void pivotRootNeedsAMountPointAndNoSharedPropagation() throws Exception {
    String r = ROOTFS.toString();
    // A directory that is no mount point, on a tmpfs mounted over the rootfs in this namespace
    // (a directory on the root's own mount would be refused for that first: EBUSY).
    Claims.Ran plain = Programs.run("unshare", "--mount", "sh", "-c", "mount -t tmpfs t " + r
        + " && mkdir " + r + "/sub && cd " + r + "/sub && pivot_root . .");
    assertNotEquals(0, plain.status(), plain.all());
    assertTrue(plain.err().contains("Invalid argument"), plain.err());
    Claims.Ran shared = Programs.run("unshare", "--mount", "sh", "-c", "mount --bind " + r
        + " " + r + " && mount --make-rshared / && cd " + r + " && pivot_root . .");
    assertNotEquals(0, shared.status(), shared.all());
    assertTrue(shared.err().contains("Invalid argument"), shared.err());
    Claims.Ran both = Programs.run("unshare", "--mount", "sh", "-c", "mount --bind " + r
        + " " + r + " && cd " + r + " && pivot_root . . && echo pivoted");
    assertEquals(0, both.status(), both.all());
    assertEquals("pivoted\n", both.out());
  }

  /**
   * Step 4: "the lab task is still in the host's PID namespace, so that /proc would show the
   * host's processes": a proc the lab task mounts after unshare pid lists this JVM and the
   * host's PID 1.
   */
  @Test
  void aProcMountedByTheLabTaskAfterUnsharePidShowsTheHostsProcesses() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt,pid");
      lab.ok("mount -t proc proc /proc");
      Path proc = Path.of("/proc/" + lab.session().task().tid() + "/root/proc");
      assertTrue(Files.isDirectory(proc.resolve(Long.toString(ProcessHandle.current().pid()))));
      assertEquals(Files.readString(Path.of("/proc/1/comm")),
          Files.readString(proc.resolve("1/comm")));
    }
  }

  /**
   * Step 6: "back to the host's namespaces (the container's, with nothing left in them, are
   * freed)": once run is over, no process, thread or descriptor holds the container's UTS
   * namespace.
   */
  @Test
  void runLeavesNothingHoldingTheContainersNamespaces() throws Exception {
    try (LabSession lab = new LabSession()) {
      String out = lab.ok("run --hostname c1 " + ROOTFS + " readlink /proc/self/ns/uts");
      String uts = out.lines().filter(l -> l.startsWith("uts:[")).findFirst().orElseThrow();
      Programs.await("nothing to hold " + uts, () -> holders(uts).isEmpty());
    }
  }

  /** Every /proc/PID/task/TID/ns/uts and /proc/PID/fd/N that is LINK. */
  private static List<String> holders(String link) {
    List<String> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        found.addAll(matching(p.resolve("task"), "ns/uts", link));
        found.addAll(matching(p, "fd", link));
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return found;
  }

  /** The links below DIR (each of its entries' SUB, or SUB's entries) that read LINK. */
  private static List<String> matching(Path dir, String sub, String link) {
    List<String> found = new ArrayList<>();
    List<Path> candidates = new ArrayList<>();
    try (Stream<Path> s = Files.list(sub.equals("fd") ? dir.resolve("fd") : dir)) {
      s.forEach(e -> candidates.add(sub.equals("fd") ? e : e.resolve(sub)));
    } catch (IOException e) {
      return found; // the process or thread ended while we looked: tolerated, it holds nothing
    }
    for (Path c : candidates) {
      try {
        if (Files.readSymbolicLink(c).toString().equals(link)) {
          found.add(c.toString());
        }
      } catch (IOException e) {
        // ended while we looked, or a descriptor that is no link: holds nothing
      }
    }
    return found;
  }
}
