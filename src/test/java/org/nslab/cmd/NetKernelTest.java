package org.nslab.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsKind;

/**
 * ip link and ip addr over rtnetlink on the real kernel: a new network namespace has only lo,
 * down; a veth pair joins two namespaces the shell made; the host's network is never touched.
 * Only addresses in 10.200.0.0/16 are used, and traffic goes only between the shell's own
 * namespaces.
 */
@Tag("kernel")
class NetKernelTest {
  @BeforeEach
  void root() {
    Root.assume("to create namespaces (CAP_SYS_ADMIN)");
  }

  /**
   * The host's devices and addresses, read from the test thread, which never leaves the host's
   * network namespace: device names from /proc/thread-self/net/dev, and ip -br addr.
   */
  private static String hostNetwork() throws Exception {
    String devices =
        Files.readAllLines(Path.of("/proc/thread-self/net/dev")).stream()
            .skip(2)
            .map(l -> l.substring(0, l.indexOf(':')).strip())
            .sorted()
            .collect(Collectors.joining(" "));
    Process p = new ProcessBuilder("ip", "-br", "addr").redirectErrorStream(true).start();
    String addrs = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    return devices + "\n" + addrs;
  }

  private static long net(LabSession lab) {
    return lab.session().task().namespace(NsFile.NET).inode();
  }

  /**
   * A TCP connect from a child in the lab task's namespaces (or a point's). "Connection
   * refused" is the peer's kernel answering a SYN with a RST: the packet got there and back.
   * bash's /dev/tcp needs no tool beyond bash; timeout bounds a SYN that is never answered.
   */
  private static String connect(LabSession lab, String ns, String address) {
    String spawn = ns == null ? "spawn " : "spawn --ns " + ns + " ";
    return lab.run(spawn + "timeout 5 bash -c 'exec 3<>/dev/tcp/" + address + "/9'").all();
  }

  private static boolean hasPing() {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      if (new File(dir, "ping").canExecute()) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aNewNetworkNamespaceHasOnlyLoAndItIsDown() throws Exception {
    String host = hostNetwork();
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare net");
      long n = net(lab);
      LabSession.Result listed = lab.run("ip link");
      assertEquals(
          "1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default"
              + " qlen 1000\n"
              + "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n",
          listed.out());
      assertEquals("(in net " + n + ")\n", listed.err());
      // ip(8) itself, started in the lab task's namespaces, agrees.
      String theirs = lab.ok("spawn ip -o link");
      assertEquals(1, theirs.lines().count(), theirs);
      assertTrue(theirs.startsWith("1: lo: <LOOPBACK> "), theirs);
      assertTrue(connect(lab, null, "127.0.0.1").contains("Network is unreachable"));

      assertEquals("lo is up  (in net " + n + ")\n", lab.ok("ip link set lo up"));
      String addr = lab.ok("ip -4 addr");
      assertTrue(addr.startsWith("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state"
          + " UNKNOWN group default qlen 1000\n"
          + "    inet 127.0.0.1/8 scope host lo\n"
          + "       valid_lft forever preferred_lft forever\n"), addr);
      assertTrue(connect(lab, null, "127.0.0.1").contains("Connection refused"));
      if (hasPing()) {
        lab.ok("spawn ping -c1 -W1 127.0.0.1");
      }
      assertTrue(lab.ok("spawn ip -o link").contains("LOOPBACK,UP"));
      assertTrue(lab.ok("ip addr show lo").contains("    inet 127.0.0.1/8 scope host lo\n"));
    }
    assertEquals(host, hostNetwork());
  }

  @Test
  void aVethPairJoinsTwoNamespacesTheShellMade() throws Exception {
    String host = hostNetwork();
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare net");
      long a = net(lab);
      lab.ok("ns save a");
      lab.ok("ns reset net");
      lab.ok("unshare net");
      long b = net(lab);
      assertNotEquals(a, b);

      String added = lab.ok("ip link add veth0 type veth peer name veth1 netns a");
      assertEquals("added veth pair veth0 <-> veth1  (veth0 in net " + b + "; veth1 in net " + a
          + ", point a)\n", added);
      assertEquals(b, net(lab), "the lab task went back after opening an fd on a's namespace");
      LabSession.Result link = lab.run("ip link");
      assertTrue(link.out().matches("(?s)1: lo: .*\n2: veth0@if2: <BROADCAST,MULTICAST> mtu 1500"
          + " qdisc noop state DOWN mode DEFAULT group default qlen 1000\n"
          + "    link/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"), link.out());
      assertEquals("(in net " + b + ")\n", link.err());
      assertTrue(lab.ok("ip -n a link").contains(": veth1@if"));

      lab.ok("ip addr add 10.200.0.1/24 dev veth0");
      assertEquals("added 10.200.0.2/24 to veth1  (in net " + a + ", point a)\n",
          lab.ok("ip -n a addr add 10.200.0.2/24 dev veth1"));
      lab.ok("ip link set veth0 up");
      lab.ok("ip -n a link set veth1 up");
      assertEquals(b, net(lab), "-n a works from a's namespace and comes straight back");

      assertTrue(connect(lab, null, "10.200.0.2").contains("Connection refused"));
      assertTrue(connect(lab, "a", "10.200.0.1").contains("Connection refused"));
      if (hasPing()) {
        lab.ok("spawn ping -c1 -W1 10.200.0.2");
      }
      // What nslab configured is what ip(8) sees in each namespace.
      assertTrue(lab.ok("spawn ip -o -4 addr").contains(
          "veth0    inet 10.200.0.1/24 scope global veth0"));
      assertTrue(lab.ok("spawn --ns a ip -o -4 addr").contains(
          "veth1    inet 10.200.0.2/24 scope global veth1"));
      LabSession.Result theirs = lab.run("ip -n a -4 addr");
      assertTrue(theirs.out().contains("\n    inet 10.200.0.2/24 scope global veth1\n"),
          theirs.out());
      assertEquals("(in net " + a + ", point a)\n", theirs.err());

      assertEquals("deleted veth0  (in net " + b + "; the other end of the veth went with it)\n",
          lab.ok("ip link del veth0"));
      assertFalse(lab.ok("ip -n a link").contains("veth1"));
      assertTrue(connect(lab, null, "10.200.0.2").contains("Network is unreachable"));
    }
    assertEquals(host, hostNetwork());
  }

  /**
   * nslab's ip prints what iproute2's prints, byte for byte: compared with spawn ip in the
   * same namespaces. Only what settles at once is shown: lo up, veths down (a veth up waits
   * for its carrier and its IPv6 address, asynchronously). The note of which namespace this
   * is goes to standard error.
   */
  @Test
  void ipPrintsWhatIproute2Prints() throws Exception {
    String host = hostNetwork();
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare net");
      lab.ok("ip link set lo up");
      lab.ok("ns save a");
      lab.ok("ns reset net");
      lab.ok("unshare net");
      long n = net(lab);
      lab.ok("ip link set lo up");
      lab.ok("ip link add veth0 type veth peer name veth1 netns a");
      lab.ok("ip link add va type veth peer name vb");
      lab.ok("ip addr add 10.200.5.1/24 dev veth0");
      lab.ok("ip -n a addr add 10.200.5.2/24 dev veth1");
      for (String[] pair : new String[][] {
          {"ip link", "spawn ip link"},
          {"ip addr", "spawn ip addr"},
          {"ip -o link", "spawn ip -o link"},
          {"ip -o addr", "spawn ip -o addr"},
          {"ip -4 addr", "spawn ip -4 addr"},
          {"ip addr show veth0", "spawn ip addr show veth0"},
          {"ip link show lo", "spawn ip link show lo"},
          {"ip -n a link", "spawn --ns a ip link"},
          {"ip -n a addr", "spawn --ns a ip addr"}}) {
        LabSession.Result ours = lab.run(pair[0]);
        assertEquals(0, ours.status(), pair[0] + ": " + ours.err());
        assertEquals(lab.ok(pair[1]), ours.out(), pair[0]);
        assertTrue(ours.err().matches("\\(in net \\d+(, point a)?\\)\n"), ours.err());
      }
      String link = lab.ok("ip link");
      assertTrue(link.contains(": veth0@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN"
          + " mode DEFAULT group default qlen 1000\n    link/ether "), link);
      assertTrue(link.contains(" link-netnsid 0\n"), link);
      assertTrue(link.contains(": vb@va: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop"), link);
      assertTrue(lab.ok("ip addr").contains("    inet 10.200.5.1/24 scope global veth0\n"
          + "       valid_lft forever preferred_lft forever\n"));
      assertEquals("(in net " + n + ")\n", lab.run("ip link").err());
    }
    assertEquals(host, hostNetwork());
  }

  @Test
  void aDeviceMovesBetweenNamespacesButLoNeverDoes() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare net");
      long a = net(lab);
      lab.ok("ns save a");
      lab.ok("unshare net");
      lab.ok("ip link add v0 type veth peer name v1");
      assertTrue(lab.ok("ip link").contains(": v1@v0: <BROADCAST,MULTICAST,M-DOWN>"));
      lab.ok("ip addr add 10.200.1.1/24 dev v1");
      assertTrue(lab.ok("ip link set v1 netns a").startsWith("moved v1 from net "));
      assertFalse(lab.ok("ip link").contains("v1"));
      LabSession.Result there = lab.run("ip -n a addr show v1");
      // v1 has a new index in a, v0 kept its own: now the peer shows as @ifN.
      assertTrue(there.out().matches("(?s)2: v1@if3: <BROADCAST,MULTICAST> mtu 1500 qdisc noop"
          + " state DOWN group default qlen 1000\n.*"), there.out());
      assertFalse(there.out().contains("10.200.1.1"), "a device arrives without its addresses");
      assertEquals("(in net " + a + ", point a)\n", there.err());
      LabSession.Result lo = lab.run("ip link set lo netns a");
      assertEquals(1, lo.status());
      assertTrue(lo.err().contains("EINVAL"), lo.err());
      assertTrue(lo.err().contains("its own lo"), lo.err());
    }
  }

  @Test
  void theHostsNetworkIsNeverChangedByDefault() throws Exception {
    String host = hostNetwork();
    try (LabSession lab = new LabSession()) {
      for (String line :
          List.of(
              "ip link set lo up",
              "ip link set lo down",
              "ip addr add 10.200.0.1/24 dev lo",
              "ip addr del 127.0.0.1/8 dev lo",
              "ip link add veth0 type veth peer name veth1",
              "ip link del lo")) {
        LabSession.Result r = lab.run(line);
        assertEquals(1, r.status(), line);
        assertTrue(r.err().contains("refusing to ") && r.err().contains("'unshare net'"),
            line + ": " + r.err());
      }
      // Looking is fine.
      assertTrue(lab.run("ip link").err().contains("where the shell started)"));
      lab.ok("unshare net");
      lab.ok("ip link add v0 type veth peer name v1");
      for (String line :
          List.of(
              "ip link add v2 type veth peer name v3 netns start",
              "ip link set v1 netns start",
              "ip -n start link set lo up",
              "ip -n start addr add 10.200.0.1/24 dev lo")) {
        LabSession.Result r = lab.run(line);
        assertEquals(1, r.status(), line);
        assertTrue(r.err().contains("start is the net namespace the shell started in"),
            line + ": " + r.err());
      }
      assertTrue(lab.run("ip -n start link").err().contains("(in net "
          + lab.session().task().startPoint().id(NsKind.NET).inode() + ", start, where"));
    }
    assertEquals(host, hostNetwork());
  }

  @Test
  void mistakesAndRefusalsExplainThemselves() throws Exception {
    try (LabSession lab = new LabSession()) {
      lab.ok("unshare net");
      long n = net(lab);
      lab.ok("ip link add veth0 type veth peer name veth1");
      LabSession.Result again = lab.run("ip link add veth0 type veth peer name x");
      assertTrue(again.err().contains("netlink(RTM_NEWLINK veth0 type veth peer x): EEXIST"),
          again.err());
      assertTrue(again.err().contains("names are per namespace"), again.err());
      LabSession.Result none = lab.run("ip link set nope up");
      assertTrue(none.err().contains("ENODEV"), none.err());
      assertTrue(none.err().contains("no device 'nope' in net " + n), none.err());
      lab.ok("ip addr add 10.200.2.1/24 dev veth0");
      assertTrue(lab.run("ip addr add 10.200.2.1/24 dev veth0").err()
          .contains("veth0 already has this address"));
      assertTrue(lab.run("ip addr del 10.200.2.9/24 dev veth0").err()
          .contains("EADDRNOTAVAIL"));
      assertEquals("removed 10.200.2.1/24 from veth0  (in net " + n + ")\n",
          lab.ok("ip addr del 10.200.2.1/24 dev veth0"));
      for (String usage :
          List.of(
              "ip",
              "ip route",
              "ip link frob",
              "ip addr add 10.200.0.1/33 dev veth0",
              "ip addr add 10.200.0.1/24",
              "ip link add averyveryverylongname type veth peer name x",
              "ip link add a type veth",
              "ip link set veth0",
              "ip -n nowhere link")) {
        LabSession.Result r = lab.run(usage);
        assertNotEquals(0, r.status(), usage);
        assertFalse(r.err().contains("internal error"), usage + ": " + r.err());
      }
      assertEquals(1, lab.run("ip link add b0 type bridge").status());
      assertTrue(lab.run("ip -n nowhere link").err().contains("no saved point 'nowhere'"));
    }
  }

  @Test
  void worksInANewPidNamespaceAndWithoutProc() throws Exception {
    try (LabSession lab = new LabSession()) {
      // After unshare pid the lab task may not start threads, and after umount /proc nothing
      // can be opened there: ip needs neither.
      lab.ok("unshare net");
      lab.ok("ns save a");
      lab.ok("unshare pid,net,mnt");
      lab.ok("umount -l /proc");
      long n = net(lab);
      lab.ok("ip link set lo up");
      assertEquals("(in net " + n + ")\n", lab.run("ip link").err());
      lab.ok("ip link add veth0 type veth peer name veth1 netns a");
      lab.ok("ip -n a link set veth1 up");
      // Only "UP" is certain here: carrier and operational state follow asynchronously.
      assertTrue(lab.ok("ip -n a link").matches("(?s).*\n2: veth1@if\\d+: <[A-Z_,-]*UP[A-Z_,-]*> .*"));
      assertEquals(n, net(lab));
    }
  }
}
