package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Root;
import org.nslab.ns.MountInfo;
import org.nslab.ns.NsFile;
import org.nslab.sys.Spawner;
import org.nslab.sys.SyscallException;

/**
 * What nslab's commands say besides errno lessons, each said in the situation it is said in
 * and shown true by the kernel, in fresh namespaces (the host is untouched).
 */
@Tag("kernel")
class CommentaryKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  /** The top mount at {@code target} as a child of the lab task sees it. */
  private static MountInfo top(LabSession lab, String target) {
    MountInfo top = null;
    for (MountInfo m : MountInfo.parse(lab.ok("spawn cat /proc/self/mountinfo"))) {
      if (m.target().equals(target)) {
        top = m;
      }
    }
    assertTrue(top != null, "nothing mounted on " + target);
    return top;
  }

  /** Whether a mount on {@code target} shows in the mount namespace saved as {@code point}. */
  private static boolean seenFrom(LabSession lab, String point, Path target) {
    return lab.ok("spawn --ns " + point + " cat /proc/self/mountinfo")
        .contains(" " + target + " ");
  }

  /**
   * mount --make-*: the propagation it reports is what the kernel shows for the mount, and a
   * slave is one: mounts come in from its master and none go back. A mount with no peers
   * cannot become a slave: it stays private, and nslab says so.
   */
  @Test
  void mountMakeSaysThePropagationTheKernelShows(@TempDir Path tmpDir) throws Exception {
    Path tmp = tmpDir.toRealPath();
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt");
      lab.ok("mount -t tmpfs tmpfs " + tmp);
      lab.ok("spawn mkdir " + tmp.resolve("a") + " " + tmp.resolve("b") + " " + tmp.resolve("c"));
      assertEquals(tmp + ": propagation is now shared\n", lab.ok("mount --make-shared " + tmp));
      assertEquals("shared", top(lab, tmp.toString()).propagationName());
      lab.ok("ns save parent");
      lab.ok("unshare --propagation unchanged mnt");
      assertEquals(tmp + ": propagation is now slave\n", lab.ok("mount --make-slave " + tmp));
      assertEquals("slave", top(lab, tmp.toString()).propagationName());
      lab.ok("mount -t tmpfs tmpfs " + tmp.resolve("a"));
      assertFalse(seenFrom(lab, "parent", tmp.resolve("a")), "a slave's mount went back");
      lab.ok("ns save child");
      lab.ok("ns restore parent mnt");
      lab.ok("mount -t tmpfs tmpfs " + tmp.resolve("b"));
      assertTrue(seenFrom(lab, "child", tmp.resolve("b")), "the master's mount did not come in");
      lab.ok("ns restore child mnt");
      assertEquals(tmp + ": propagation is now private\n", lab.ok("mount --make-private " + tmp));
      assertEquals(tmp + ": propagation is now private: it had no peers, so no master to be a"
          + " slave of: the kernel left it private\n", lab.ok("mount --make-slave " + tmp));
      assertEquals("private", top(lab, tmp.toString()).propagationName());
      assertEquals(tmp + ": propagation is now shared (MS_REC: the mounts below it were changed"
          + " too)\n", lab.ok("mount --make-rshared " + tmp));
      assertEquals("shared", top(lab, tmp.resolve("a").toString()).propagationName());
      assertEquals(tmp + ": propagation is now unbindable\n",
          lab.ok("mount --make-unbindable " + tmp));
      assertEquals("unbindable", top(lab, tmp.toString()).propagationName());
    }
  }

  /**
   * unshare --propagation slave|shared mnt: what each note says of the mounts shared with the
   * parent namespace and of the others (here / is private in the parent, a tmpfs is shared).
   */
  @Test
  void unshareSlaveAndSharedDoWhatTheirNotesSay(@TempDir Path tmpDir) throws Exception {
    Path tmp = tmpDir.toRealPath();
    Path other = Files.createTempDirectory("nslab-commentary").toRealPath();
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt");
      lab.ok("mount -t tmpfs tmpfs " + tmp);
      lab.ok("mount --make-shared " + tmp);
      lab.ok("spawn mkdir " + tmp.resolve("a") + " " + tmp.resolve("b") + " " + tmp.resolve("c")
          + " " + tmp.resolve("d"));
      lab.ok("ns save parent");

      assertTrue(lab.ok("unshare --propagation slave mnt").contains("mnt: / is now recursively"
          + " slave: mounts shared with the parent namespace now receive its mounts and send"
          + " none back; the others stay private\n"));
      assertEquals("slave", top(lab, tmp.toString()).propagationName());
      assertEquals("private", top(lab, "/").propagationName());
      lab.ok("mount -t tmpfs tmpfs " + tmp.resolve("a"));
      assertFalse(seenFrom(lab, "parent", tmp.resolve("a")), "sent back");
      lab.ok("ns save slave");
      lab.ok("ns restore parent mnt");
      lab.ok("mount -t tmpfs tmpfs " + tmp.resolve("b"));
      assertTrue(seenFrom(lab, "slave", tmp.resolve("b")), "not received");

      assertTrue(lab.ok("unshare --propagation shared mnt").contains("mnt: / is now recursively"
          + " shared: mounts shared with the parent namespace still are, so mounts propagate"
          + " both ways there; the others are shared only within this namespace\n"));
      assertTrue(top(lab, "/").propagationName().startsWith("shared"));
      lab.ok("mount -t tmpfs tmpfs " + tmp.resolve("c"));
      assertTrue(seenFrom(lab, "parent", tmp.resolve("c")), "not propagated to the parent");
      lab.ok("ns save shared");
      lab.ok("ns restore parent mnt");
      lab.ok("mount -t tmpfs tmpfs " + tmp.resolve("d"));
      assertTrue(seenFrom(lab, "shared", tmp.resolve("d")), "not propagated from the parent");
      lab.ok("ns restore shared mnt");
      lab.ok("mount -t tmpfs tmpfs " + other);
      assertEquals("shared", top(lab, other.toString()).propagationName().split(",")[0]);
      assertFalse(seenFrom(lab, "parent", other), "a mount on / went to the parent");
    } finally {
      Files.delete(other);
    }
  }

  /**
   * spawn of a program that cannot be executed, as the first child after unshare pid: the
   * child was PID 1, and once it died the kernel starts no process in that namespace.
   */
  @Test
  void aFailedExecAsPid1LeavesADeadPidNamespace() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare pid");
      LabSession.Result r = lab.run("spawn /nonexistent-nslab-program");
      assertNotEquals(0, r.status());
      long ns = lab.session().task().namespace(NsFile.PID_FOR_CHILDREN).inode();
      assertTrue(r.err().contains("The child was PID 1 of pid namespace " + ns + " for a moment:"
          + " it died when exec failed, and the namespace with it. Run 'unshare pid' for a"
          + " fresh one."), r.err());
      // Past nslab's own refusal: the kernel's answer (alloc_pid: ENOMEM).
      SyscallException e = assertThrows(SyscallException.class, () -> lab.session().task().call(
          () -> Spawner.spawn(List.of("/bin/true"), lab.session().env(), Spawner.Stdio.CAPTURE)));
      assertEquals("ENOMEM", e.errnoName());
      lab.ok("unshare pid");
      assertEquals("1\n", lab.ok("spawn sh -c 'echo $$'"));
    }
  }

  /**
   * ns self marks pid_for_children and time_for_children that are not the shell's first ones
   * with "the next spawned child goes here", and the next child is there; ns reset leaves a
   * time namespace for children as it is (setns into a time namespace: EUSERS, see
   * LessonsKernelTest).
   */
  @Test
  void nsSelfSaysWhereTheNextChildGoesAndResetLeavesTime() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare time,pid");
      lab.ok("spawn --bg sleep 1000");
      long time = lab.session().task().namespace(NsFile.TIME_FOR_CHILDREN).inode();
      long pid = lab.session().task().namespace(NsFile.PID_FOR_CHILDREN).inode();
      String self = lab.ok("ns self");
      assertTrue(self.matches("(?s).*\\n  time_for_children  " + time + "  new \\(shell started in"
          + " \\d+\\): the next spawned child goes here\\n.*"), self);
      assertTrue(self.matches("(?s).*\\n  pid_for_children   " + pid + "  new \\(shell started in"
          + " \\d+\\): the next spawned child goes here\\n.*"), self);
      assertEquals("time:[" + time + "]\npid:[" + pid + "]\n",
          lab.ok("spawn readlink /proc/self/ns/time /proc/self/ns/pid"));
      lab.ok("kill -s KILL %1");
      assertTrue(lab.ok("ns reset").contains("time: stays: a JVM cannot setns into a time"
          + " namespace\n"));
      assertEquals(time, lab.session().task().namespace(NsFile.TIME_FOR_CHILDREN).inode());
      assertEquals(lab.session().origin().get(NsFile.PID_FOR_CHILDREN),
          lab.session().task().namespace(NsFile.PID_FOR_CHILDREN));
    }
  }

  /**
   * spawn --time: a time namespace for that child alone (the next plain child is not in it);
   * unshare time with offsets: one for every later child.
   */
  @Test
  void spawnTimeIsForOneChildAndUnshareTimeForEveryLaterOne() throws Exception {
    try (LabSession lab = new LabSession()) {
      String host = lab.ok("spawn readlink /proc/self/ns/time");
      LabSession.Result r = lab.run("spawn --time --boottime 86400 sh -c"
          + " 'readlink /proc/self/ns/time; cut -d. -f1 /proc/uptime'");
      assertEquals(0, r.status(), r.all());
      assertTrue(r.err().contains("time: a time namespace for this child alone: its first step,"
          + " util-linux unshare --time --fork, makes it, writes the offsets and starts the"
          + " program as its child, inside it (unshare time --boottime SECS makes one for every"
          + " later child)"), r.err());
      String[] child = r.out().strip().split("\n");
      assertNotEquals(host.strip(), child[child.length - 2]);
      assertTrue(Long.parseLong(child[child.length - 1]) >= 86400, r.out());
      assertEquals(host, lab.ok("spawn readlink /proc/self/ns/time"), "not for this child alone");
      assumeTrue(org.nslab.sys.LabTask.spawnsAfterUnshareTime(), "no child after unshare time");
      lab.ok("unshare time --boottime 86400");
      String first = lab.ok("spawn sh -c 'readlink /proc/self/ns/time; cut -d. -f1 /proc/uptime'");
      String second = lab.ok("spawn sh -c 'readlink /proc/self/ns/time; cut -d. -f1 /proc/uptime'");
      assertEquals(first.split("\n")[0], second.split("\n")[0]);
      assertNotEquals(host.strip(), first.split("\n")[0]);
      assertTrue(Long.parseLong(second.split("\n")[1]) >= 86400, second);
    }
  }

  /** cgroup join and leave: where they say children start is where the next child is. */
  @Test
  void cgroupJoinAndLeaveSayWhereChildrenStart() throws Exception {
    try (LabSession lab = new LabSession()) {
      assumeTrue(lab.ok("cgroup").contains("pids"), "no pids controller available");
      lab.ok("cgroup create said");
      assertEquals("children spawned from now on start in cgroup said\n",
          lab.ok("cgroup join said"));
      String joined = lab.ok("spawn cat /proc/self/cgroup");
      assertTrue(joined.matches("(?s).*/nslab-\\d+-said\\n.*"), joined);
      assertEquals("children spawned from now on start in nslab's own cgroup\n",
          lab.ok("cgroup leave"));
      // nslab's own: the JVM's (after cgroup create, its leaf), thread by thread on cgroup v1.
      String own = lab.session().task().call(
          () -> Files.readString(Path.of("/proc/thread-self/cgroup")));
      assertEquals(own, lab.ok("spawn cat /proc/self/cgroup"));
      lab.ok("cgroup delete said");
    }
  }

  /** ip link set DEV netns POINT: the device arrives down and without its addresses. */
  @Test
  void aMovedDeviceArrivesDownWithoutAddresses() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare net");
      lab.ok("ns save a");
      lab.ok("unshare net");
      lab.ok("ip link add v0 type veth peer name v1");
      lab.ok("ip link set v1 up");
      lab.ok("ip addr add 10.200.1.1/24 dev v1");
      String before = lab.ok("ip addr show v1");
      assertTrue(before.matches("(?s)[^\\n]*[<,]UP[,>].*") && before.contains("10.200.1.1"), before);
      assertTrue(lab.ok("ip link set v1 netns a").endsWith(
          "\n  it arrives down and without addresses: configure it there with ip -n a\n"));
      String there = lab.ok("ip -n a addr show v1");
      assertFalse(there.matches("(?s)[^\\n]*[<,]UP[,>].*"), there);
      assertTrue(there.contains("state DOWN"), there);
      assertFalse(there.contains("10.200.1.1"), there);
    }
  }
}
