package org.nslab.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.Root;
import org.nslab.cmd.LabSession;

/**
 * What labs/user.md says in its prose that neither its replay nor UserTimeKernelTest shows:
 * each test is one sentence of the lab, shown with util-linux and setpriv in user namespaces
 * made for the test (an ordinary user is uid 1000 here, as in the lab).
 */
@Tag("kernel")
class UserClaimsKernelTest {
  /** setpriv's words for "become uid and gid 1000 with no supplementary group". */
  private static final String[] AS_1000 =
      {"setpriv", "--reuid=1000", "--regid=1000", "--clear-groups"};

  @BeforeEach
  void root() {
    Root.assume("to create user namespaces and to become uid 1000 (setpriv)");
  }

  private static String[] as1000(String... argv) {
    String[] all = new String[AS_1000.length + argv.length];
    System.arraycopy(AS_1000, 0, all, 0, AS_1000.length);
    System.arraycopy(argv, 0, all, AS_1000.length, argv.length);
    return all;
  }

  /** A directory every user may write to (a test's temporary directory is root's alone). */
  private static Path open(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    return dir;
  }

  /**
   * Introduction: "Inside one, a process can be uid 0 with every capability, while the host
   * sees an ordinary user"; step 2: "Started by an ordinary user (uid 1000), [map root] writes
   * 0 1000 1: root inside is user 1000 outside, and every file it creates on the host belongs
   * to 1000."
   */
  @Test
  void rootInsideIsAnOrdinaryUserOutsideAndOwnsWhatItCreatesAsThatUser(@TempDir Path tmp)
      throws Exception {
    Path dir = open(tmp);
    Claims.Ran r = Programs.run(as1000("unshare", "--user", "--map-root-user", "sh", "-c",
        "id -u; cat /proc/self/uid_map; grep CapEff /proc/self/status; touch " + dir + "/f"));
    assertEquals(0, r.status(), r.all());
    List<String> out = Programs.lines(r.out());
    assertEquals("0", out.get(0));
    assertEquals("0 1000 1", out.get(1).strip().replaceAll("\\s+", " "));
    assertEquals(everyCapability(), capEff(out.get(2)));
    assertEquals(1000, Files.getAttribute(dir.resolve("f"), "unix:uid"));
  }

  /** Step 3: "Inside its user namespace, the child has every capability" (nslab's spawn). */
  @Test
  void aChildWithRootMappedHasEveryCapability() throws Exception {
    try (LabSession lab = new LabSession()) {
      String out = lab.ok("spawn --user --map-root grep CapEff /proc/self/status");
      assertEquals(everyCapability(), capEff(out.strip()));
    }
  }

  /** Every capability this kernel knows: bits 0 to cap_last_cap. */
  private static long everyCapability() throws Exception {
    // cat, not Files.readString: an integer sysctl answers a read at an offset past 0 with
    // nothing, and Java's reader reads a file of size 0 one byte first ("4" for 40).
    Claims.Ran last = Programs.run("cat", "/proc/sys/kernel/cap_last_cap");
    assertEquals(0, last.status(), last.all());
    return (1L << (Integer.parseInt(last.out().strip()) + 1)) - 1;
  }

  private static long capEff(String line) {
    assertTrue(line.startsWith("CapEff:"), line);
    return Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
  }

  /**
   * Step 1: "The process is still uid 0 on the host (...): a user namespace changes how ids
   * are seen, not who you are." Seen from outside, a process that shows as 65534 inside is 0.
   */
  @Test
  void anUnmappedRootIsStillUid0SeenFromTheHost() throws Exception {
    String host = Programs.ownNs("user");
    Process p = Programs.start("unshare", "--user", "sleep", "60");
    try {
      Programs.await("the new user namespace", () -> {
        String ns = Programs.ns(p.pid(), "user");
        return !ns.isEmpty() && !ns.equals(host);
      });
      Programs.await("sleep to run", () -> Programs.proc(p.pid(), "comm").equals("sleep\n"));
      String uid = Programs.proc(p.pid(), "status").lines()
          .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
      assertEquals("Uid: 0 0 0 0", uid.replaceAll("\\s+", " "));
      assertEquals("", Programs.proc(p.pid(), "uid_map"), "nothing is mapped");
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  /** Step 2: "A map is written once": the kernel refuses a second write to uid_map. */
  @Test
  void aMapIsWrittenOnce() throws Exception {
    Process p = Programs.start("unshare", "--user", "--map-root-user", "sleep", "60");
    try {
      Path map = Path.of("/proc/" + p.pid() + "/uid_map");
      // Once unshare has exec'd sleep, it has unshared and written its maps: before that, the
      // process may still be in the host's user namespace, whose map is 0 0 4294967295.
      String hostUser = Programs.ownNs("user");
      Programs.await("unshare to map root and exec sleep",
          () -> !Programs.ns(p.pid(), "user").equals(hostUser)
              && Programs.proc(p.pid(), "comm").equals("sleep\n"));
      String first = Files.readString(map);
      IOException e = assertThrows(IOException.class, () -> Files.writeString(map, "0 0 1\n"));
      assertTrue(e.getMessage().contains("Operation not permitted"), e.getMessage());
      assertEquals(first, Files.readString(map));
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  /**
   * Step 3: "Every namespace records the user namespace that was current when it was made":
   * lsns's ONS (owner) column, for a UTS namespace made in a new user namespace, and the host's.
   */
  @Test
  void everyNamespaceRecordsTheUserNamespaceItWasMadeIn() throws Exception {
    Process p = Programs.start("unshare", "--user", "--map-root-user", "--uts", "sleep", "60");
    try {
      String hostUser = Programs.ownNs("user");
      Programs.await("the new namespaces", () -> !Programs.ns(p.pid(), "user").equals(hostUser)
          && Programs.proc(p.pid(), "comm").equals("sleep\n"));
      assertEquals(inode(Programs.ns(p.pid(), "user")), owner(p.pid(), "uts"));
      assertEquals(inode(hostUser), owner(ProcessHandle.current().pid(), "uts"));
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  private static String inode(String link) {
    return link.replaceAll("\\D", "");
  }

  private static String owner(long pid, String kind) throws Exception {
    Claims.Ran r = Programs.run("lsns", "-n", "-r", "-o", "ONS", "-t", kind, "-p",
        Long.toString(pid));
    assertEquals(0, r.status(), r.all());
    return r.out().strip();
  }

  /**
   * Step 3: "the user namespace first, then every other kind from inside it": an ordinary user
   * may make a UTS namespace only as root of a user namespace of its own.
   */
  @Test
  void anOrdinaryUserMakesOtherKindsOnlyInsideAUserNamespaceOfItsOwn() throws Exception {
    Claims.Ran alone = Programs.run(as1000("unshare", "--uts", "true"));
    assertNotEquals(0, alone.status(), alone.all());
    assertTrue(alone.err().contains("Operation not permitted"), alone.err());
    Claims.Ran inside = Programs.run(as1000("unshare", "--user", "--map-root-user", "--uts",
        "sh", "-c", "hostname inner && hostname"));
    assertEquals(0, inside.status(), inside.all());
    assertEquals("inner\n", inside.out());
  }

  /**
   * Step 4: "a process inside cannot chown anything to an id that is not mapped" (EINVAL),
   * though it is root there and may chown to a mapped id.
   */
  @Test
  void rootInsideCannotChownToAnIdThatIsNotMapped(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("f");
    Claims.Ran r = Programs.run("unshare", "--user", "--map-root-user", "sh", "-c",
        "touch " + f + " && chown 0:0 " + f + " && chown 1000 " + f);
    assertNotEquals(0, r.status(), r.all());
    assertTrue(r.err().contains("Invalid argument"), r.err());
    assertEquals(0, Files.getAttribute(f, "unix:uid"));
  }

  /**
   * Step 5: "The kernel demands this ... of anyone who writes a gid_map without being
   * privileged over the parent namespace": root outside is, and may write a gid_map with
   * setgroups still allowed. (The unprivileged side is not shown here: on this machine uid
   * 1000's write to its own setgroups was refused too, EPERM, with or without deny.)
   */
  @Test
  void rootOutsideMayWriteAGidMapWithoutDenyingSetgroups() throws Exception {
    Process p = Programs.start("unshare", "--user", "sleep", "60");
    try {
      String host = Programs.ownNs("user");
      Programs.await("the new user namespace", () -> {
        String ns = Programs.ns(p.pid(), "user");
        return !ns.isEmpty() && !ns.equals(host);
      });
      Files.writeString(Path.of("/proc/" + p.pid() + "/gid_map"), "0 0 1\n");
      assertEquals("allow\n", Programs.proc(p.pid(), "setgroups"));
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  /** Step 5: "unshare(1) writes deny the same way, even for root". */
  @Test
  void utilLinuxUnshareDeniesSetgroupsEvenForRoot() throws Exception {
    Claims.Ran r = Programs.run("unshare", "--user", "--map-root-user", "cat",
        "/proc/self/setgroups");
    assertEquals(0, r.status(), r.all());
    assertEquals("deny\n", r.out());
  }

  /**
   * Step 5: "a file with mode 0705 owned by group students keeps that group out while letting
   * everyone else in".
   */
  @Test
  void aFileWithMode0705KeepsItsGroupOutAndLetsEveryoneElseIn(@TempDir Path tmp)
      throws Exception {
    Path dir = open(tmp);
    Path f = Files.writeString(dir.resolve("f"), "read\n");
    Files.setAttribute(f, "unix:gid", 1234);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx---r-x"));
    Claims.Ran member = Programs.run("setpriv", "--reuid=1000", "--regid=1000",
        "--groups=1234", "cat", f.toString());
    assertNotEquals(0, member.status(), member.all());
    assertTrue(member.err().contains("Permission denied"), member.err());
    Claims.Ran other = Programs.run(as1000("cat", f.toString()));
    assertEquals(0, other.status(), other.all());
    assertEquals("read\n", other.out());
  }
}
