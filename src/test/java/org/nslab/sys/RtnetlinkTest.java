package org.nslab.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.sys.Rtnetlink.Address;
import org.nslab.sys.Rtnetlink.Link;
import org.nslab.sys.Rtnetlink.Message;
import org.nslab.sys.Rtnetlink.Request;

/** rtnetlink messages encoded and decoded without a kernel. */
class RtnetlinkTest {
  private static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
  }

  private static Message only(Request r) {
    List<Message> ms = Rtnetlink.parse(r.bytes(), r.bytes().length);
    assertEquals(1, ms.size());
    return ms.get(0);
  }

  private static String cString(byte[] v) {
    assertEquals(0, v[v.length - 1], "a C string ends with NUL");
    return new String(v, 0, v.length - 1, StandardCharsets.UTF_8);
  }

  @Test
  void setUpIsAHeaderAnIfinfomsgAndAPaddedName() {
    Request r = Rtnetlink.setUp("lo", true);
    ByteBuffer b = le(r.bytes());
    assertEquals(16 + 16 + 8, r.bytes().length, "rtattr of 7 bytes is padded to 8");
    assertEquals(r.bytes().length, b.getInt(0));
    assertEquals(Rtnetlink.RTM_SETLINK, b.getShort(4));
    assertEquals(Rtnetlink.RTM_SETLINK, r.type());
    assertEquals(Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_ACK, b.getShort(6));
    assertEquals(0, b.getInt(20), "ifi_index 0: the kernel finds the device by IFLA_IFNAME");
    assertEquals(Rtnetlink.IFF_UP, b.getInt(24), "ifi_flags");
    assertEquals(Rtnetlink.IFF_UP, b.getInt(28), "ifi_change: only IFF_UP is touched");
    assertEquals(7, b.getShort(32));
    assertEquals(Rtnetlink.IFLA_IFNAME, b.getShort(34));
    assertEquals("lo", cString(new byte[] {r.bytes()[36], r.bytes()[37], r.bytes()[38]}));
    assertEquals(0, le(Rtnetlink.setUp("lo", false).bytes()).getInt(24), "down clears IFF_UP");
  }

  @Test
  void withSeqSetsTheSequenceNumberOnACopy() {
    Request r = Rtnetlink.dumpLinks();
    byte[] sent = Rtnetlink.withSeq(r.bytes(), 42);
    assertEquals(42, le(sent).getInt(8));
    assertEquals(0, le(r.bytes()).getInt(8));
    assertEquals(Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_DUMP, le(sent).getShort(6));
  }

  @Test
  void vethNestsThePeersOwnIfinfomsgInsideLinkinfo() {
    Request r = Rtnetlink.newVeth("veth0", "veth1", 7);
    Message m = only(r);
    assertEquals(Rtnetlink.RTM_NEWLINK, m.type());
    assertEquals(
        Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_ACK | Rtnetlink.NLM_F_CREATE
            | Rtnetlink.NLM_F_EXCL,
        m.flags());
    Map<Integer, byte[]> top = Rtnetlink.attributes(m.payload(), 16);
    assertEquals("veth0", cString(top.get(Rtnetlink.IFLA_IFNAME)));
    Map<Integer, byte[]> info = Rtnetlink.attributes(top.get(Rtnetlink.IFLA_LINKINFO), 0);
    assertEquals("veth", cString(info.get(Rtnetlink.IFLA_INFO_KIND)));
    Map<Integer, byte[]> data = Rtnetlink.attributes(info.get(Rtnetlink.IFLA_INFO_DATA), 0);
    byte[] peer = data.get(Rtnetlink.VETH_INFO_PEER);
    Map<Integer, byte[]> peerAttrs = Rtnetlink.attributes(peer, 16);
    assertEquals("veth1", cString(peerAttrs.get(Rtnetlink.IFLA_IFNAME)));
    assertEquals(7, le(peerAttrs.get(Rtnetlink.IFLA_NET_NS_FD)).getInt(0));
    // The nested lengths add up exactly to the message: nothing dangles past the end.
    assertEquals(r.bytes().length, 16 + 16 + 12 + 4 + top.get(Rtnetlink.IFLA_LINKINFO).length);
    // Parsed back as a link, the request names the device and its kind.
    Link l = Rtnetlink.link(m);
    assertEquals("veth0", l.name());
    assertEquals("veth", l.kind());
    assertEquals(-1, l.linkNetnsid());
  }

  @Test
  void vethWithoutANamespaceFdLeavesThePeerBeside() {
    Message m = only(Rtnetlink.newVeth("a", "b", -1));
    Map<Integer, byte[]> info =
        Rtnetlink.attributes(
            Rtnetlink.attributes(m.payload(), 16).get(Rtnetlink.IFLA_LINKINFO), 0);
    byte[] peer =
        Rtnetlink.attributes(info.get(Rtnetlink.IFLA_INFO_DATA), 0).get(Rtnetlink.VETH_INFO_PEER);
    assertNull(Rtnetlink.attributes(peer, 16).get(Rtnetlink.IFLA_NET_NS_FD));
  }

  @Test
  void addressRequestsCarryLocalAndAddressAndAScope() {
    Message m =
        only(Rtnetlink.address(true, 3, Rtnetlink.parsePrefix("10.200.0.1/24"), "veth0"));
    assertEquals(Rtnetlink.RTM_NEWADDR, m.type());
    byte[] p = m.payload();
    assertEquals(Rtnetlink.AF_INET, p[0]);
    assertEquals(24, p[1]);
    assertEquals(Rtnetlink.RT_SCOPE_UNIVERSE, p[3] & 0xff);
    assertEquals(3, le(p).getInt(4));
    Map<Integer, byte[]> attrs = Rtnetlink.attributes(p, 8);
    assertArrayEquals(new byte[] {10, (byte) 200, 0, 1}, attrs.get(Rtnetlink.IFA_LOCAL));
    assertArrayEquals(new byte[] {10, (byte) 200, 0, 1}, attrs.get(Rtnetlink.IFA_ADDRESS));
    Message lo = only(Rtnetlink.address(false, 1, Rtnetlink.parsePrefix("127.0.0.2/8"), "lo"));
    assertEquals(Rtnetlink.RTM_DELADDR, lo.type());
    assertEquals(Rtnetlink.RT_SCOPE_HOST, lo.payload()[3] & 0xff, "127/8 is host scope");
    assertEquals(0, lo.flags() & Rtnetlink.NLM_F_CREATE);
  }

  /** A message as the kernel would send it: header, fixed part, attributes. */
  private static byte[] message(int type, int flags, int seq, byte[] fixed, byte[]... attrs) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(fixed);
    for (byte[] a : attrs) {
      body.writeBytes(a);
    }
    ByteBuffer b = ByteBuffer.allocate(16 + body.size()).order(ByteOrder.nativeOrder());
    b.putInt(16 + body.size()).putShort((short) type).putShort((short) flags).putInt(seq);
    b.putInt(0).put(body.toByteArray());
    return b.array();
  }

  private static byte[] attr(int type, byte[] value) {
    ByteBuffer b = ByteBuffer.allocate(Rtnetlink.align(4 + value.length))
        .order(ByteOrder.nativeOrder());
    b.putShort((short) (4 + value.length)).putShort((short) type).put(value);
    return b.array();
  }

  private static byte[] u32(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
  }

  private static byte[] ifinfomsg(int type, int index, int flags) {
    return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
        .put((byte) 0).put((byte) 0).putShort((short) type).putInt(index).putInt(flags).putInt(0)
        .array();
  }

  @Test
  void linksParseAsIproute2ShowsThem() {
    byte[] lo =
        message(Rtnetlink.RTM_NEWLINK, Rtnetlink.NLM_F_MULTI, 1, ifinfomsg(772, 1, 0x8),
            attr(Rtnetlink.IFLA_IFNAME, "lo\0".getBytes(StandardCharsets.UTF_8)),
            attr(Rtnetlink.IFLA_MTU, u32(65536)),
            attr(Rtnetlink.IFLA_OPERSTATE, new byte[] {2}),
            attr(Rtnetlink.IFLA_ADDRESS, new byte[6]),
            attr(Rtnetlink.IFLA_BROADCAST, new byte[6]));
    byte[] veth =
        message(Rtnetlink.RTM_NEWLINK, Rtnetlink.NLM_F_MULTI, 1, ifinfomsg(1, 2, 0x1003),
            attr(Rtnetlink.IFLA_IFNAME, "veth0\0".getBytes(StandardCharsets.UTF_8)),
            attr(Rtnetlink.IFLA_MTU, u32(1500)),
            attr(Rtnetlink.IFLA_OPERSTATE, new byte[] {3}),
            attr(Rtnetlink.IFLA_LINK, u32(2)),
            attr(Rtnetlink.IFLA_LINK_NETNSID, u32(0)),
            attr(Rtnetlink.IFLA_ADDRESS,
                new byte[] {0x2e, (byte) 0xe8, 0x6c, (byte) 0xb5, 0x52, (byte) 0xc7}));
    byte[] both = new byte[lo.length + veth.length];
    System.arraycopy(lo, 0, both, 0, lo.length);
    System.arraycopy(veth, 0, both, lo.length, veth.length);
    List<Message> ms = Rtnetlink.parse(both, both.length);
    assertEquals(2, ms.size());
    Link l = Rtnetlink.link(ms.get(0));
    assertEquals(1, l.index());
    assertEquals("lo", l.name());
    assertEquals("<LOOPBACK>", l.flagsText(false));
    assertEquals("DOWN", l.state());
    assertEquals("loopback", l.typeName());
    assertEquals(65536, l.mtu());
    Link v = Rtnetlink.link(ms.get(1));
    assertEquals("<NO-CARRIER,BROADCAST,MULTICAST,UP>", v.flagsText(false));
    assertEquals("LOWERLAYERDOWN", v.state());
    assertEquals(0, v.linkNetnsid());
    assertEquals(2, v.link());
    assertEquals("2e:e8:6c:b5:52:c7", Rtnetlink.formatMac(v.address()));
    assertEquals("<BROADCAST,MULTICAST,UP,M-DOWN>",
        new Link(3, "x", 1, 0x1043, 1500, 6, null, null, 0, -1, null).flagsText(true));
  }

  @Test
  void addressesParseWithTheirFlagsAndLabel() {
    byte[] fixed = {(byte) Rtnetlink.AF_INET, 24, (byte) 0x80, 0, 3, 0, 0, 0};
    ByteBuffer.wrap(fixed).order(ByteOrder.nativeOrder()).putInt(4, 3);
    byte[] bytes =
        message(Rtnetlink.RTM_NEWADDR, 0, 1, fixed,
            attr(Rtnetlink.IFA_ADDRESS, new byte[] {10, (byte) 200, 0, 1}),
            attr(Rtnetlink.IFA_LOCAL, new byte[] {10, (byte) 200, 0, 1}),
            attr(Rtnetlink.IFA_LABEL, "veth0\0".getBytes(StandardCharsets.UTF_8)),
            attr(Rtnetlink.IFA_FLAGS, u32(0x80)));
    Message m = Rtnetlink.parse(bytes, bytes.length).get(0);
    Address a = Rtnetlink.address(m);
    assertEquals(3, a.index());
    assertEquals("inet", a.familyWord());
    assertEquals("10.200.0.1/24 scope global veth0", a.text());
    assertEquals(null, a.lifetimesText(), "no IFA_CACHEINFO, no lifetimes line");
    byte[] v6 = new byte[16];
    v6[0] = (byte) 0xfe;
    v6[1] = (byte) 0x80;
    v6[15] = 1;
    Address ll = new Address(Rtnetlink.AF_INET6, 64, 0x80 | 0x40, 253, 3, v6, null);
    assertEquals("fe80::1/64 scope link tentative ", ll.text());
    // An inet6 address has no label: iproute2 ends its line with the blank after the flags.
    assertEquals("::1/128 scope host dynamic ",
        new Address(Rtnetlink.AF_INET6, 128, 0, 254, 1, loopback6(), null).text());
  }

  private static byte[] loopback6() {
    byte[] a = new byte[16];
    a[15] = 1;
    return a;
  }

  @Test
  void errorsCarryANegativeErrnoAndTheKernelsWords() {
    // struct nlmsgerr: -EEXIST, then the failed request's header only (NLM_F_CAPPED), then
    // NLMSGERR_ATTR_MSG.
    byte[] echoed = new byte[16];
    le(echoed).putInt(0, 64);
    byte[] fixed = new byte[4 + 16];
    le(fixed).putInt(0, -17);
    System.arraycopy(echoed, 0, fixed, 4, 16);
    byte[] bytes = message(Rtnetlink.NLMSG_ERROR,
        Rtnetlink.NLM_F_CAPPED | Rtnetlink.NLM_F_ACK_TLVS, 5, fixed,
        attr(Rtnetlink.NLMSGERR_ATTR_MSG,
            "The interface netns is immutable\0".getBytes(StandardCharsets.UTF_8)));
    Message m = Rtnetlink.parse(bytes, bytes.length).get(0);
    assertEquals(5, m.seq());
    assertEquals(17, Rtnetlink.errno(m));
    assertEquals("The interface netns is immutable", Rtnetlink.errorText(m));
    byte[] ack = message(Rtnetlink.NLMSG_ERROR, Rtnetlink.NLM_F_CAPPED, 5, fixed.clone());
    le(ack).putInt(16, 0);
    Message a = Rtnetlink.parse(ack, ack.length).get(0);
    assertEquals(0, Rtnetlink.errno(a));
    assertNull(Rtnetlink.errorText(a));
  }

  @Test
  void aTruncatedMessageIsRefused() {
    byte[] r = Rtnetlink.dumpLinks().bytes();
    assertThrows(IllegalStateException.class, () -> Rtnetlink.parse(r, r.length - 4));
  }

  @Test
  void prefixesParseAsIpTakesThem() {
    assertEquals("10.200.0.1/24", Rtnetlink.parsePrefix("10.200.0.1/24").toString());
    assertEquals(32, Rtnetlink.parsePrefix("10.200.0.9").length());
    for (String bad : List.of("10.200.0.1/33", "10.200.0/24", "10.200.0.256/24", "veth0",
        "10.200.0.1/", "10.200.0.1/24/1", "fe80::1/64", "1.2.3.-4/8")) {
      assertThrows(IllegalArgumentException.class, () -> Rtnetlink.parsePrefix(bad), bad);
    }
  }

  @Test
  void ipv6AddressesAreWrittenAsRfc5952Says() {
    assertEquals("::1", Rtnetlink.formatIp(loopback6()));
    byte[] a = new byte[16];
    assertEquals("::", Rtnetlink.formatIp(a));
    a[0] = (byte) 0xfe;
    a[1] = (byte) 0x80;
    a[8] = 0x2c;
    a[9] = (byte) 0xe8;
    a[15] = (byte) 0xc7;
    assertEquals("fe80::2ce8:0:0:c7", Rtnetlink.formatIp(a));
    byte[] b = new byte[16];
    b[1] = 1; // 1:0:0:0:1:0:0:0 -> the first of two equal runs
    b[9] = 1;
    assertEquals("1::1:0:0:0", Rtnetlink.formatIp(b));
    byte[] c = new byte[16];
    c[1] = 1;
    c[3] = 0; // 1:0:2:... a single zero field stays 0
    c[5] = 2;
    for (int i = 6; i < 16; i += 2) {
      c[i + 1] = 3;
    }
    assertEquals("1:0:2:3:3:3:3:3", Rtnetlink.formatIp(c));
    assertEquals("10.200.0.1", Rtnetlink.formatIp(new byte[] {10, (byte) 200, 0, 1}));
  }
}
