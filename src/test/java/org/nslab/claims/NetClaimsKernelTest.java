package org.nslab.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nslab.Root;

/**
 * What labs/net.md says besides nslab's output, shown by the kernel: every script runs in a
 * network namespace of its own (util-linux unshare -n), with iproute2's ip.
 */
@Tag("kernel")
class NetClaimsKernelTest {
  /**
   * Starts a sleep in a second new network namespace (namespace "a") and waits until it is
   * there (Claims.run's bound aside); $a is its PID.
   */
  private static final String HOLD_A = "unshare -n sleep 1000 >/dev/null & a=$!; i=0;"
      + " while [ \"$(readlink /proc/$a/ns/net)\" = \"$(readlink /proc/self/ns/net)\" ]; do"
      + " i=$((i+1)); sleep 0.05; done;"
      + " inA() { nsenter -t $a -n \"$@\"; };";

  /** A TCP connect to HOST port 9 by bash, bounded by 5 s; prints the kernel's answer. */
  private static String connect(String host) {
    return " timeout 5 bash -c 'exec 3<>/dev/tcp/" + host + "/9' 2>&1 | sed -n 's/.*: //p' | head -1;";
  }

  @BeforeEach
  void root() {
    Root.assume("to create network namespaces (CAP_SYS_ADMIN)");
  }

  private static boolean hasPython() throws Exception {
    return Claims.run("sh", "-c", "command -v python3").status() == 0;
  }

  /**
   * Step 2: "'Network is unreachable' is the kernel answering at once ...: this namespace has
   * no route at all"; "A namespace with lo down cannot even talk to itself"; "Bringing lo up
   * makes the kernel give it its address and its routes: the loopback address appears only
   * now".
   */
  @Test
  void withLoDownThereIsNoRouteAndUpGivesItsAddressAndRoutes() throws Exception {
    String out = Claims.unshare("-n", "echo routes: $(ip route; ip -4 addr);"
        + connect("127.0.0.1") + " ip link set lo up; ip -4 -o addr | awk '{print $4}';"
        + " ip route show table local | awk '{print $1, $2}';" + connect("127.0.0.1")).ok();
    assertEquals("routes:\nNetwork is unreachable\n127.0.0.1/8\n"
        + "local 127.0.0.0/8\nlocal 127.0.0.1\nbroadcast 127.255.255.255\n"
        + "Connection refused\n", out);
  }

  /**
   * Intro: "A container's web server can listen on port 80 while the host's does too, because
   * they are in two namespaces" (port numbers in use are per namespace).
   */
  @Test
  void aPortInUseInOneNamespaceIsFreeInAnother() throws Exception {
    assumeTrue(hasPython(), "python3 binds the ports");
    // The program is in $BIND, so the inner namespace's shell gets it unquoted.
    String out = Claims.unshare("-n", "export BIND='import socket,sys; s=socket.socket();"
        + " s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1);"
        + " s.bind((\"127.0.0.1\", 80)); s.listen(); print(sys.argv[1], flush=True);"
        + " sys.stdin.read()'; ip link set lo up; f=/tmp/nslab-claims-$$; mkfifo $f;"
        + " python3 -c \"$BIND\" first < $f & exec 4>$f; rm $f; i=0;"
        + " until [ -n \"$(ss -Hltn 'sport = :80')\" ]; do i=$((i+1));"
        + " sleep 0.05; done;"
        + " python3 -c \"$BIND\" same </dev/null 2>&1 | grep -o 'Address already in use';"
        + " unshare -n sh -c 'ip link set lo up; python3 -c \"$BIND\" other-namespace </dev/null';"
        + " exec 4>&-; wait").ok();
    assertEquals("first\nAddress already in use\nother-namespace\n", out);
  }

  /**
   * Step 1: "A netlink socket belongs to the network namespace its creator was in, so nslab
   * opens it on the lab task": a socket made here lists this namespace's devices even once its
   * creator has moved to another.
   */
  @Test
  void aNetlinkSocketAnswersForTheNamespaceItWasMadeIn() throws Exception {
    assumeTrue(hasPython(), "python3 makes the netlink sockets");
    Path script = Files.createTempFile("netlink_links", ".py");
    try {
      Files.copy(getClass().getResourceAsStream("netlink_links.py"), script,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      String out = Claims.unshare("-n", "ip link add only-here type veth peer name peer-here;"
          + HOLD_A + " python3 " + script + " /proc/$a/ns/net; kill $a").ok();
      assertEquals("made here: lo only-here peer-here\n"
          + "made here, asked there: lo only-here peer-here\nmade there: lo\n", out);
    } finally {
      Files.delete(script);
    }
  }

  /**
   * Step 3: "A device in ip link shows its peer's namespace as a number (link-netnsid) that
   * only makes sense from where you look. Both ends have random MAC addresses, and both are
   * down." Each side calls the other 0; the MACs are the kernel's random ones (locally
   * administered, unicast) and differ from pair to pair.
   */
  @Test
  void vethEndsAreDownWithRandomMacsAndNameEachOthersNamespaceLocally() throws Exception {
    String out = Claims.unshare("-n", HOLD_A
        + " ip link add veth0 type veth peer name veth1 netns $a;"
        + " ip link add veth2 type veth peer name veth3;"
        + " ip -o link show veth0; inA ip -o link show veth1; ip -o link show veth2;"
        + " ip -o link show veth3; kill $a").ok();
    String[] l = out.split("\n");
    Pattern p = Pattern.compile("state (\\w+) .*link/ether ([0-9a-f:]{17}) brd[^\\n]*?"
        + "(link-netnsid (\\d+))?$");
    java.util.Set<String> macs = new java.util.HashSet<>();
    for (int i = 0; i < 4; i++) {
      Matcher m = p.matcher(l[i]);
      assertTrue(m.find(), l[i]);
      assertEquals("DOWN", m.group(1), l[i]);
      int first = Integer.parseInt(m.group(2).substring(0, 2), 16);
      assertEquals(2, first & 3, "locally administered, unicast: " + m.group(2));
      macs.add(m.group(2));
      if (i < 2) {
        assertEquals("0", m.group(4), "each end calls the other's namespace 0: " + l[i]);
      }
    }
    assertEquals(4, macs.size(), out);
  }

  /**
   * Step 4: "A cable alone carries nothing: each end needs an address in one subnet, and must
   * be up"; "Adding 10.200.0.1/24 made the kernel add a route to 10.200.0.0/24 through veth0 by
   * itself, so this time a TCP SYN went out, through the cable, into namespace a. Nothing
   * listens on port 9 there, so that namespace's kernel answered with a reset ... only the
   * program was missing." a's own TCP counters show the segment in and the reset out.
   */
  @Test
  void connectionRefusedMeansTheSynCrossedAndAResetCameBack() throws Exception {
    boolean python = hasPython();
    String out = Claims.unshare("-n", HOLD_A
        + " ip link add veth0 type veth peer name veth1 netns $a;"
        + " ip link set veth0 up; inA ip link set veth1 up;" + connect("10.200.0.2")
        + " ip addr add 10.200.0.1/24 dev veth0; inA ip addr add 10.200.0.2/24 dev veth1;"
        + " ip route | sed 's/ *$//';"
        + " tcp() { inA awk '/^Tcp: [0-9]/ {print \"in\", $11, \"rsts\", $15}' /proc/net/snmp; };"
        + " tcp;" + connect("10.200.0.2") + " tcp;"
        + (python ? " inA python3 -c 'import socket; s=socket.socket();"
            + " s.bind((\"10.200.0.2\", 9)); s.listen(); print(\"listening\", flush=True);"
            + " s.accept()' > /tmp/nslab-claims-$$ & i=0;"
            + " until grep -q listening /tmp/nslab-claims-$$; do i=$((i+1));"
            + " sleep 0.05; done; rm /tmp/nslab-claims-$$;"
            + " timeout 5 bash -c 'exec 3<>/dev/tcp/10.200.0.2/9' && echo connected; wait $!;"
            : "")
        + " kill $a").ok();
    assertEquals("Network is unreachable\n"
        + "10.200.0.0/24 dev veth0 proto kernel scope link src 10.200.0.1\n"
        + "in 0 rsts 0\nConnection refused\nin 1 rsts 1\n" + (python ? "connected\n" : ""),
        out);
  }

  /**
   * Step 5: "A veth pair lives and dies as one: deleting either end deletes both. The same
   * happens when a namespace goes away: its virtual devices are destroyed". The kernel
   * dismantles a namespace from a work queue: wait for that.
   */
  @Test
  void aVethPairDiesAsOneAndWithEitherNamespace() throws Exception {
    String out = Claims.unshare("-n", HOLD_A
        + " ip link add veth0 type veth peer name veth1 netns $a;"
        + " inA ip link del veth1; ip -o link show veth0 2>&1 | grep -c 'does not exist';"
        + " ip link add veth0 type veth peer name veth1 netns $a; kill $a; wait $a; i=0;"
        + " while ip link show veth0 >/dev/null 2>&1; do i=$((i+1));"
        + " sleep 0.05; done; echo gone").ok();
    assertEquals("1\ngone\n", out);
  }

  /** Step 1: "Your machine's Ethernet or Wi-Fi device is not here": a new namespace has lo only. */
  @Test
  void aNewNamespaceHasNoneOfTheHostsDevices() throws Exception {
    String out = Claims.unshare("-n", "ip -o link | awk -F': ' '{print $2}'").ok();
    assertEquals("lo\n", out);
    assertNotEquals("lo\n", String.join("", Files.readAllLines(Path.of("/proc/net/dev"))));
  }
}
