package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Root;
import org.nslab.ns.NsFile;

/** The mount seeds' demonstrations: umount /proc and a bind mount, inside only. */
@Tag("kernel")
class MountKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  private static String mountsOutside() throws Exception {
    return Files.readString(Path.of("/proc/thread-self/mountinfo"));
  }

  @Test
  void lazyUmountOfProcBreaksPsInsideOnly() throws Exception {
    String before = mountsOutside();
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt");
      assertTrue(lab.ok("spawn ps -o pid,comm").contains("PID"));
      // One line, as before: a single proc at /proc leaves nothing under it.
      String umount = lab.ok("umount -l /proc");
      assertTrue(umount.matches("unmounted /proc \\(lazily\\)  \\(in mnt \\d+\\)\n"), umount);
      LabSession.Result ps = lab.run("spawn ps");
      assertNotEquals(0, ps.status());
      assertTrue(ps.all().contains("mount -t proc proc /proc"), ps.all());
      // The ids stay readable through the fd opened before unshare.
      String ns = lab.ok("ns self");
      assertTrue(ns.matches("(?s).*mnt\\s+\\d+  new.*"), ns);
      assertFalse(lab.ok("mount").contains(" on /proc type proc"));
      // Outside, /proc is still there.
      assertTrue(Files.exists(Path.of("/proc/self/status")));
      lab.ok("mount -t proc proc /proc");
      assertTrue(lab.ok("spawn ps -o pid,comm").contains("PID"));
    }
    assertEquals(before, mountsOutside());
  }

  /**
   * unshare --mount-proc and firejail mount a proc on top of the host's: after one umount the
   * lower one shows again, and umount says so, and how to remove it too.
   */
  @Test
  void umountOfAStackedProcSaysTheOneUnderItIsStillMounted() throws Exception {
    String before = mountsOutside();
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt");
      assumeTrue(procsAtProc(lab) == 1, "/proc here is already a stack: run scripts/test");
      lab.ok("mount -t proc proc /proc");
      assertEquals(2, procsAtProc(lab));
      long ns = lab.session().task().namespace(NsFile.MNT).inode();
      assertEquals(
          "unmounted /proc (lazily)  (in mnt " + ns + ")\n"
              + "another proc is still mounted at /proc (it was under the one you removed: a"
              + " stacked mount); umount -l /proc again to remove it too\n",
          lab.ok("umount -l /proc"));
      assertEquals(1, procsAtProc(lab));
      // The one below is the one the shell started with: a child still finds its processes.
      assertTrue(lab.ok("spawn cat /proc/1/comm").length() > 1);
      assertEquals(
          "unmounted /proc (lazily)  (in mnt " + ns + ")\n", lab.ok("umount -l /proc"));
      assertEquals(0, procsAtProc(lab));
      LabSession.Result ps = lab.run("spawn ps");
      assertTrue(ps.all().contains("mount -t proc proc /proc"), ps.all());
    }
    assertEquals(before, mountsOutside());
  }

  /** Any stack, not only proc's: without -l, the advice is a plain umount too. */
  @Test
  void umountOfAStackedTmpfsSaysSoWithoutLazy(@TempDir Path tmp) throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt");
      lab.ok("mount -t tmpfs -o size=1m lower " + tmp);
      lab.ok("mount -t tmpfs -o size=1m upper " + tmp);
      String out = lab.ok("umount " + tmp);
      String note = "another tmpfs is still mounted at " + tmp + " (it was under the one you"
          + " removed: a stacked mount); umount " + tmp + " again to remove it too";
      assertTrue(out.endsWith("\n" + note + "\n"), out);
      assertEquals(1, lab.ok("umount " + tmp).split("\n").length);
      assertFalse(lab.ok("mount").contains(" on " + tmp + " "));
    }
  }

  private static long procsAtProc(LabSession lab) {
    return lab.ok("mount").lines().filter(l -> l.contains(" on /proc type proc ")).count();
  }

  @Test
  void plainUmountOfProcSucceedsInside() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt");
      lab.ok("umount /proc");
      assertFalse(lab.ok("mount").contains(" on /proc type proc"));
      assertTrue(Files.exists(Path.of("/proc/self/status")));
    }
  }

  @Test
  void bindMountIsVisibleInsideAndGoneOutside(@TempDir Path tmp) throws Exception {
    Path src = Files.createDirectory(tmp.resolve("container"));
    Files.writeString(src.resolve("test.txt"), "Mount Test\n");
    Path dst = Files.createDirectory(tmp.resolve("bind-dst"));
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt");
      lab.ok("mount --bind " + src + " " + dst);
      assertEquals("Mount Test\n", lab.ok("spawn cat " + dst.resolve("test.txt")));
      assertTrue(lab.ok("mount").contains(" on " + dst + " type "));
      assertFalse(Files.exists(dst.resolve("test.txt")), "the bind mount leaked outside");
    }
    assertFalse(Files.exists(dst.resolve("test.txt")));
    assertTrue(Files.exists(src.resolve("test.txt")));
  }

  @Test
  void tmpfsAndPropagationChanges(@TempDir Path tmp) throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt");
      lab.ok("mount -t tmpfs -o size=1m tmpfs " + tmp);
      lab.ok("spawn touch " + tmp.resolve("inside"));
      assertFalse(Files.exists(tmp.resolve("inside")));
      assertTrue(lab.ok("mount --make-rshared /").startsWith("/: propagation is now shared (MS_REC: "));
      assertTrue(lab.ok("mount --make-private " + tmp).contains("private"));
    }
  }

  @Test
  void mountAndUmountAreRefusedInTheStartingNamespace() throws Exception {
    String before = mountsOutside();
    try (LabSession lab = new LabSession()) {
      LabSession.Result r = lab.run("umount -l /proc");
      assertEquals(1, r.status());
      assertTrue(r.err().contains("refusing to unmount /proc"), r.err());
      assertTrue(lab.run("mount -t tmpfs tmpfs /mnt").err().contains("refusing to mount"));
      assertTrue(lab.run("mount --make-rprivate /").err().contains("refusing"));
      assertTrue(lab.ok("mount").contains(" on /proc type proc"));
    }
    assertEquals(before, mountsOutside());
  }

  @Test
  void failedMountsNameTheSyscallAndTheErrno() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare mnt");
      LabSession.Result r = lab.run("mount -t tmpfs tmpfs /no/such/dir");
      assertTrue(r.err().contains("mount(\"tmpfs\", \"/no/such/dir\", \"tmpfs\", 0, NULL): ENOENT"), r.err());
      r = lab.run("mount -t nosuchfs none /mnt");
      assertTrue(r.err().contains("ENODEV"), r.err());
      r = lab.run("umount /no/such/dir");
      assertTrue(r.err().contains("umount2(\"/no/such/dir\", 0): ENOENT"), r.err());
      r = lab.run("mount --bind /etc/hostname /etc");
      assertTrue(r.err().contains("mount("), r.err());
    }
  }
}
