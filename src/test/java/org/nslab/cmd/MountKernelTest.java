package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mount seeds' demonstrations: umount /proc and a bind mount, inside only. */
class MountKernelTest {
  @BeforeEach
  void root() {
    LabSession.assumeRoot();
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
      assertTrue(lab.ok("umount -l /proc").startsWith("unmounted /proc (lazily)"));
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
      assertTrue(lab.ok("mount --make-rshared /").contains("recursively shared"));
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
