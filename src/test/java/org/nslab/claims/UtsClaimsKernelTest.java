package org.nslab.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;

/** What labs/uts.md says besides nslab's output, shown by the kernel. */
@Tag("kernel")
class UtsClaimsKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  /** "The kernel keeps the hostname (and the NIS domain name) in a UTS namespace". */
  @Test
  void theNisDomainNameIsPerUtsNamespaceToo() throws Exception {
    String outside = Files.readString(Path.of("/proc/sys/kernel/domainname"));
    String[] l = Claims.unshare("-u", "domainname nis-inside; domainname;"
        + " unshare -u sh -c 'domainname nis-other; domainname'; domainname").ok().split("\n");
    assertEquals("nis-inside", l[0]);
    assertEquals("nis-other", l[1]);
    assertEquals("nis-inside", l[2], "the other namespace's name is its own");
    assertEquals(outside, Files.readString(Path.of("/proc/sys/kernel/domainname")));
  }

  /**
   * Step 1: "Setting the name there would be sethostname(2) on the host itself: ... every
   * other program would see the new name". Shown in a namespace of the test's own: a process
   * that was already running there sees a name set after it started.
   */
  @Test
  void aNameSetInANamespaceIsSeenByEveryProcessInIt() throws Exception {
    String out = Claims.unshare("-u",
        "sleep 1000 & s=$!; hostname renamed; nsenter -t $s -u hostname; kill $s").ok();
    assertEquals("renamed\n", out);
  }

  /**
   * Intro: "The name comes from struct utsname, what uname(2) returns"; step 3: "hostname and
   * uname -n in the child (both read the same field through uname(2)) say container1", and
   * sethostname(2) writes that field.
   */
  @Test
  void hostnameAndUnameNReadTheNodenameFieldOfUname() throws Exception {
    String[] l = Claims.unshare("-u", "hostname container1; uname -n; hostname;"
        + " strace -e trace=uname uname -n 2>&1 >/dev/null;"
        + " strace -e trace=uname hostname 2>&1 >/dev/null").ok().split("\n");
    assertEquals("container1", l[0]);
    assertEquals("container1", l[1]);
    String traces = String.join("\n", l);
    assertEquals(2, traces.split("uname\\(\\{sysname=\"Linux\", nodename=\"container1\"", -1)
        .length - 1, traces);
  }

  /**
   * Step 3: "/etc/hostname is a file, which the init system reads at boot ...; the UTS
   * namespace holds only the kernel's copy": sethostname(2) leaves the file as it was.
   */
  @Test
  void sethostnameDoesNotWriteEtcHostname() throws Exception {
    Path file = Path.of("/etc/hostname");
    String before = Files.exists(file) ? Files.readString(file) : null;
    String out = Claims.unshare("-u", "hostname container1; hostname; "
        + "cat /etc/hostname 2>/dev/null || echo no-file").ok();
    assertEquals("container1\n" + (before == null ? "no-file\n" : before), out);
    assertNotEquals("container1\n", before);
    assertEquals(before, Files.exists(file) ? Files.readString(file) : null);
  }

  /**
   * Step 2: "The kernel makes a new UTS namespace, copies the current hostname into it, and
   * moves the calling thread there": the name inside is the one outside, until changed.
   */
  @Test
  void aNewUtsNamespaceStartsWithACopyOfTheName() throws Exception {
    String[] l = Claims.unshare("-u", "hostname before; unshare -u sh -c 'hostname;"
        + " hostname after; hostname'; hostname").ok().split("\n");
    assertEquals("before", l[0], "the copy");
    assertEquals("after", l[1]);
    assertEquals("before", l[2], "the copy is the new namespace's own");
    assertTrue(l.length == 3);
  }
}
