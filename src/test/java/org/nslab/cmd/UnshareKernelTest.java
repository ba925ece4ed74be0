package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nslab.Root;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsKind;
import org.nslab.ns.NsSnapshot;

/** unshare of every kind a JVM may unshare changes exactly the file it should. */
@Tag("kernel")
class UnshareKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"uts", "ipc", "mnt", "net", "cgroup", "time", "pid"})
  void eachKindChangesItsOwnFileOnly(String word) throws Exception {
    NsKind kind = NsKind.parse(word);
    NsFile changed = NsFile.changedBy(kind);
    try (LabSession lab = new LabSession()) {
      NsSnapshot before = lab.session().task().namespaces();
      String out = lab.ok("unshare " + word);
      assertTrue(out.startsWith(changed.fileName() + " "), out);
      NsSnapshot after = lab.session().task().namespaces();
      Set<NsFile> expected = EnumSet.of(changed);
      if (kind == NsKind.PID) {
        // No PID 1 yet: the kernel shows no pid_for_children link at all, and that missing
        // link differs from the one the shell started with.
        assertEquals(null, after.get(NsFile.PID_FOR_CHILDREN));
      } else {
        assertNotEquals(before.get(changed), after.get(changed));
      }
      assertEquals(expected, after.differences(before), out);
      assertTrue(lab.ok("ns self").contains("new"));
    }
  }

  @Test
  void networkNamespaceHasOnlyLoopbackDown() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare net");
      String links = lab.ok("spawn cat /proc/net/dev");
      assertTrue(links.contains("lo:"), links);
      assertEquals(3, links.strip().split("\n").length, links); // two headers and lo
    }
  }

  @Test
  void afterUnshareTimeTheNextChildIsInTheNewTimeNamespace() throws Exception {
    // Kernels before vfork was allowed across time namespaces refused this (EINVAL); this
    // test shows which kind of kernel CI runs on.
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare time");
      long fresh = lab.session().task().namespace(NsFile.TIME_FOR_CHILDREN).inode();
      assertNotEquals(fresh, lab.session().task().namespace(NsFile.TIME).inode());
      assertEquals("time:[" + fresh + "]\n", lab.ok("spawn readlink /proc/self/ns/time"));
    }
  }

  @Test
  void ipcQueueMadeInsideIsInvisibleOutside() throws Exception {
    // Seed 003: ipcmk -Q inside a new IPC namespace; ipcs -q outside does not list it.
    String outside = Files.readString(Path.of("/proc/sysvipc/msg"));
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare ipc");
      assertTrue(lab.ok("spawn ipcmk -Q").startsWith("Message queue id: "));
      String inside = lab.ok("spawn cat /proc/sysvipc/msg");
      assertEquals(2, inside.strip().split("\n").length, inside); // header and our queue
      assertEquals(outside, Files.readString(Path.of("/proc/sysvipc/msg")));
    }
    assertEquals(outside, Files.readString(Path.of("/proc/sysvipc/msg")));
  }

  @Test
  void umountOfABusyMountTeachesLazyUmount(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt");
      lab.ok("mount -t tmpfs tmpfs " + tmp);
      lab.ok("spawn mkdir " + tmp.resolve("sub"));
      lab.ok("mount -t tmpfs tmpfs " + tmp.resolve("sub"));
      LabSession.Result r = lab.run("umount " + tmp);
      assertEquals(1, r.status());
      assertTrue(r.err().contains("umount2(\"" + tmp + "\", 0): EBUSY (Device or resource busy)"), r.err());
      assertTrue(r.err().contains("umount -l"), r.err());
      lab.ok("umount -l " + tmp);
      assertFalse(lab.ok("mount").contains(" on " + tmp + " "));
    }
  }

  @Test
  void timeBuiltinRunsACommandAndReportsIt() throws Exception {
    try (LabSession lab = new LabSession()) {
      String out = lab.ok("time -n 3 -q ns self");
      assertTrue(out.matches("time: ns: 3 runs, median [0-9.]+ ms, min [0-9.]+ ms, max [0-9.]+ ms\n"), out);
      assertTrue(lab.ok("time hostname").contains("time: hostname: "));
    }
  }

  /**
   * What unshare mnt says it did, shown by the kernel: with / recursively private a mount made
   * inside stays inside; with --propagation unchanged, a shared mount's copy is its peer, so
   * mounts propagate between the two namespaces (both inside the lab: the host is untouched).
   */
  @Test
  void propagationUnchangedLetsMountsPropagateAndPrivateDoesNot(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt");
      lab.ok("mount -t tmpfs tmpfs " + tmp);
      lab.ok("mount --make-shared " + tmp);
      lab.ok("spawn mkdir " + tmp.resolve("a") + " " + tmp.resolve("b"));
      lab.ok("ns save parent");
      assertTrue(lab.ok("unshare --propagation unchanged mnt").contains(
          "mnt: propagation left unchanged: mounts may still propagate to and from the parent"
              + " namespace"));
      lab.ok("mount -t tmpfs tmpfs " + tmp.resolve("a"));
      String seen = lab.ok("spawn --ns parent cat /proc/self/mountinfo");
      assertTrue(seen.contains(" " + tmp.resolve("a") + " "), "to the parent: " + seen);
      lab.ok("ns save child");
      lab.ok("ns restore parent mnt");
      lab.ok("mount -t tmpfs tmpfs " + tmp.resolve("b"));
      seen = lab.ok("spawn --ns child cat /proc/self/mountinfo");
      assertTrue(seen.contains(" " + tmp.resolve("b") + " "), "from the parent: " + seen);
      // Private (the default): a mount made in the new namespace stays there.
      assertTrue(lab.ok("unshare mnt").contains("mnt: / is now recursively private: mounts made"
          + " here stay here"));
      lab.ok("spawn mkdir " + tmp.resolve("c"));
      lab.ok("mount -t tmpfs tmpfs " + tmp.resolve("c"));
      seen = lab.ok("spawn --ns parent cat /proc/self/mountinfo");
      assertFalse(seen.contains(" " + tmp.resolve("c") + " "), "private, yet seen: " + seen);
    }
  }
}
