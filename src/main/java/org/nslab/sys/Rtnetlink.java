package org.nslab.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nslab.text.Key;
import org.nslab.text.Said;

/**
 * rtnetlink messages built and parsed in Java: what ip(8) sends over a NETLINK_ROUTE socket,
 * and the links and addresses the kernel answers with. Pure: nothing here talks to the kernel.
 * A message is a struct nlmsghdr, a fixed struct for its family (ifinfomsg, ifaddrmsg), then
 * attributes (struct rtattr: length, type, value, padded to 4 bytes), in host byte order.
 */
public final class Rtnetlink {
  private Rtnetlink() {}

  // linux/netlink.h
  public static final int NLMSG_ERROR = 2;
  public static final int NLMSG_DONE = 3;
  public static final int NLM_F_REQUEST = 0x1;
  public static final int NLM_F_MULTI = 0x2;
  public static final int NLM_F_ACK = 0x4;
  public static final int NLM_F_DUMP = 0x300;
  public static final int NLM_F_EXCL = 0x200;
  public static final int NLM_F_CREATE = 0x400;
  /** On an NLMSG_ERROR: the kernel echoed only the header of the failed request. */
  public static final int NLM_F_CAPPED = 0x100;
  /** On an NLMSG_ERROR: extended-ack attributes (an error text) follow. */
  public static final int NLM_F_ACK_TLVS = 0x200;
  public static final int NLMSGERR_ATTR_MSG = 1;
  static final int HEADER = 16;

  // linux/rtnetlink.h
  public static final int RTM_NEWLINK = 16;
  public static final int RTM_DELLINK = 17;
  public static final int RTM_GETLINK = 18;
  public static final int RTM_SETLINK = 19;
  public static final int RTM_NEWADDR = 20;
  public static final int RTM_DELADDR = 21;
  public static final int RTM_GETADDR = 22;

  public static final int AF_UNSPEC = 0;
  public static final int AF_INET = 2;
  public static final int AF_INET6 = 10;

  // linux/if_link.h
  public static final int IFLA_ADDRESS = 1;
  public static final int IFLA_BROADCAST = 2;
  public static final int IFLA_IFNAME = 3;
  public static final int IFLA_MTU = 4;
  public static final int IFLA_LINK = 5;
  public static final int IFLA_QDISC = 6;
  public static final int IFLA_TXQLEN = 13;
  public static final int IFLA_OPERSTATE = 16;
  public static final int IFLA_LINKMODE = 17;
  public static final int IFLA_GROUP = 27;
  public static final int IFLA_LINKINFO = 18;
  public static final int IFLA_NET_NS_FD = 28;
  public static final int IFLA_EXT_MASK = 29;
  public static final int IFLA_LINK_NETNSID = 37;
  public static final int IFLA_INFO_KIND = 1;
  public static final int IFLA_INFO_DATA = 2;
  /** linux/veth.h: the peer's own ifinfomsg and attributes, nested in IFLA_INFO_DATA. */
  public static final int VETH_INFO_PEER = 1;
  /** Leave the 64-bit statistics out of link dumps: nslab does not show them. */
  static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;

  // linux/if_addr.h
  public static final int IFA_ADDRESS = 1;
  public static final int IFA_LOCAL = 2;
  public static final int IFA_LABEL = 3;
  public static final int IFA_BROADCAST = 4;
  public static final int IFA_CACHEINFO = 6;
  public static final int IFA_FLAGS = 8;
  /** A lifetime that never ends (INFINITY_LIFE_TIME): "forever". */
  public static final long LIFE_FOREVER = 0xffffffffL;
  public static final int IFA_F_SECONDARY = 0x01;
  public static final int IFA_F_PERMANENT = 0x80;

  // linux/if.h
  public static final int IFF_UP = 0x1;
  public static final int IFF_RUNNING = 0x40;
  public static final int IFF_LOOPBACK = 0x8;

  // linux/rtnetlink.h: address scopes
  public static final int RT_SCOPE_UNIVERSE = 0;
  public static final int RT_SCOPE_HOST = 254;

  /** A request ready to send (its sequence number is set by the socket), and how to show it. */
  public record Request(byte[] bytes, String shown) {
    /** The message type: RTM_NEWLINK and so on. */
    public int type() {
      return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).getShort(4) & 0xffff;
    }
  }

  /** One message the kernel sent: its header fields and what follows the header. */
  public record Message(int type, int flags, int seq, byte[] payload) {
    ByteBuffer buffer() {
      return ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
    }
  }

  /** A network device, as RTM_NEWLINK describes it. */
  public record Link(
      int index,
      String name,
      int type,
      int flags,
      int mtu,
      int operstate,
      byte[] address,
      byte[] broadcast,
      int link,
      int linkNetnsid,
      String kind,
      String qdisc,
      int linkMode,
      int group,
      int txqlen) {

    /** A device as older tests make it: no qdisc, mode, group or queue length known. */
    public Link(int index, String name, int type, int flags, int mtu, int operstate,
        byte[] address, byte[] broadcast, int link, int linkNetnsid, String kind) {
      this(index, name, type, flags, mtu, operstate, address, broadcast, link, linkNetnsid,
          kind, null, -1, -1, -1);
    }

    /**
     * iproute2's words after the mtu: "qdisc noqueue state UNKNOWN mode DEFAULT group default
     * qlen 1000" (mode only in ip link, as ip addr leaves it out), each where the kernel sent it.
     */
    public String detailsText(boolean withMode) {
      StringBuilder sb = new StringBuilder();
      if (qdisc != null) {
        sb.append(" qdisc ").append(qdisc);
      }
      if (operstate >= 0) {
        sb.append(" state ").append(state());
      }
      if (withMode && linkMode >= 0) {
        sb.append(" mode ").append(linkMode == 0 ? "DEFAULT" : linkMode == 1 ? "DORMANT"
            : Integer.toString(linkMode));
      }
      if (group >= 0) {
        sb.append(" group ").append(group == 0 ? "default" : Integer.toString(group));
      }
      if (txqlen > 0) {
        sb.append(" qlen ").append(txqlen);
      }
      return sb.toString();
    }

    public boolean up() {
      return (flags & IFF_UP) != 0;
    }

    /** iproute2's "<LOOPBACK,UP,LOWER_UP>", NO-CARRIER first for a device up without carrier. */
    public String flagsText(boolean peerDown) {
      List<String> words = new ArrayList<>();
      if ((flags & IFF_UP) != 0 && (flags & IFF_RUNNING) == 0) {
        words.add("NO-CARRIER");
      }
      for (int i = 0; i < FLAG_BITS.length; i++) {
        if ((flags & FLAG_BITS[i]) != 0) {
          words.add(FLAG_NAMES[i]);
        }
      }
      if (peerDown) {
        words.add("M-DOWN");
      }
      return "<" + String.join(",", words) + ">";
    }

    /** RFC 2863 operational state, as iproute2 names it. */
    public String state() {
      return operstate >= 0 && operstate < OPERSTATES.length
          ? OPERSTATES[operstate]
          : Integer.toString(operstate);
    }

    /** "loopback", "ether", or the ARPHRD_ number in brackets as iproute2 shows an unknown. */
    public String typeName() {
      return switch (type) {
        case 1 -> "ether";
        case 768 -> "ipip";
        case 769 -> "tunnel6";
        case 772 -> "loopback";
        case 776 -> "sit";
        case 778 -> "gre";
        case 823 -> "ip6gre";
        case 0xfffe -> "none";
        default -> "[" + type + "]";
      };
    }
  }

  /** An address on a device, as RTM_NEWADDR describes it. */
  public record Address(
      int family, int prefixLength, int flags, int scope, int index, byte[] local, String label,
      byte[] peer, byte[] broadcast, long validLft, long preferredLft) {

    /** An address as older tests make it: no peer, broadcast or lifetimes. */
    public Address(int family, int prefixLength, int flags, int scope, int index, byte[] local,
        String label) {
      this(family, prefixLength, flags, scope, index, local, label, null, null, -1, -1);
    }

    /**
     * "10.200.0.1/24 brd 10.200.0.255 scope global veth0": iproute2's inet line after its
     * family word, word for word (print_addrinfo): each word but the label followed by a
     * blank, so an inet6 line, which has no label, ends in one.
     */
    public String text() {
      StringBuilder sb = new StringBuilder(formatIp(local));
      if (peer != null && !Arrays.equals(peer, local)) {
        sb.append(" peer ").append(formatIp(peer));
      }
      sb.append('/').append(prefixLength).append(' ');
      if (broadcast != null) {
        sb.append("brd ").append(formatIp(broadcast)).append(' ');
      }
      sb.append("scope ").append(scopeName(scope)).append(' ');
      // iproute2's ifa_flag_names, bit by bit; "permanent" is shown by its absence: dynamic.
      for (int bit = 0; bit < ADDR_FLAG_NAMES.length; bit++) {
        int mask = 1 << bit;
        if (mask == IFA_F_PERMANENT) {
          if ((flags & mask) == 0) {
            sb.append("dynamic ");
          }
        } else if ((flags & mask) != 0) {
          sb.append(mask == IFA_F_SECONDARY && family == AF_INET6 ? "temporary"
              : ADDR_FLAG_NAMES[bit]).append(' ');
        }
      }
      if (label != null) {
        sb.append(label);
      }
      return sb.toString();
    }

    /** "valid_lft forever preferred_lft forever" (seconds where finite), or null if unsent. */
    public String lifetimesText() {
      if (validLft < 0) {
        return null;
      }
      return "valid_lft " + lifetime(validLft) + " preferred_lft " + lifetime(preferredLft);
    }

    private static String lifetime(long seconds) {
      return seconds == LIFE_FOREVER ? "forever" : seconds + "sec";
    }

    public String familyWord() {
      return family == AF_INET6 ? "inet6" : family == AF_INET ? "inet" : "family " + family;
    }
  }

  /** An address with its prefix length, as typed: "10.200.0.1/24". */
  public record Prefix(byte[] address, int length) {
    @Override
    public String toString() {
      return formatIp(address) + "/" + length;
    }
  }

  // iproute2's order (print_link_flags), without RUNNING, which it never prints.
  private static final int[] FLAG_BITS = {
    0x8, 0x2, 0x10, 0x1000, 0x80, 0x200, 0x100, 0x20, 0x4, 0x8000, 0x4000, 0x2000, 0x400, 0x800,
    0x1, 0x10000, 0x20000, 0x40000
  };
  private static final String[] FLAG_NAMES = {
    "LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP", "ALLMULTI", "PROMISC",
    "NOTRAILERS", "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL", "MASTER", "SLAVE", "UP", "LOWER_UP",
    "DORMANT", "ECHO"
  };
  private static final String[] OPERSTATES = {
    "UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"
  };
  // iproute2's ifa_flag_names: bit i is named at i.
  private static final String[] ADDR_FLAG_NAMES = {
    "secondary", "nodad", "optimistic", "dadfailed", "home", "deprecated", "tentative",
    "permanent", "mngtmpaddr", "noprefixroute", "autojoin", "stable-privacy"
  };

  public static String scopeName(int scope) {
    return switch (scope) {
      case RT_SCOPE_UNIVERSE -> "global";
      case 200 -> "site";
      case 253 -> "link";
      case RT_SCOPE_HOST -> "host";
      case 255 -> "nowhere";
      default -> Integer.toString(scope);
    };
  }

  // ---- requests ----

  /** RTM_GETLINK with NLM_F_DUMP: every device in the socket's network namespace. */
  public static Request dumpLinks() {
    Writer w = new Writer(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP).ifinfomsg(0, 0, 0);
    w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
    return new Request(w.finish(), "RTM_GETLINK, NLM_F_DUMP");
  }

  /** RTM_GETLINK for one device by name: ENODEV if this namespace has none of that name. */
  public static Request getLink(String name) {
    Writer w = new Writer(RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK).ifinfomsg(0, 0, 0);
    w.attrString(IFLA_IFNAME, name);
    w.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
    return new Request(w.finish(), "RTM_GETLINK " + name);
  }

  /** RTM_GETADDR with NLM_F_DUMP: every address of one family (AF_UNSPEC: all). */
  public static Request dumpAddresses(int family) {
    Writer w = new Writer(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP).ifaddrmsg(family, 0, 0, 0);
    return new Request(w.finish(), "RTM_GETADDR, NLM_F_DUMP");
  }

  /**
   * RTM_NEWLINK for a veth pair: the device {@code name} in the socket's namespace and its
   * peer, described by a nested ifinfomsg of its own, in the namespace of {@code peerNsFd}
   * (an open /proc/.../ns/net), or beside it when that is -1.
   */
  public static Request newVeth(String name, String peer, int peerNsFd) {
    Writer w =
        new Writer(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL)
            .ifinfomsg(0, 0, 0);
    w.attrString(IFLA_IFNAME, name);
    int linkinfo = w.begin(IFLA_LINKINFO);
    w.attrString(IFLA_INFO_KIND, "veth");
    int data = w.begin(IFLA_INFO_DATA);
    int peerInfo = w.begin(VETH_INFO_PEER);
    w.ifinfomsg(0, 0, 0);
    w.attrString(IFLA_IFNAME, peer);
    if (peerNsFd >= 0) {
      w.attrU32(IFLA_NET_NS_FD, peerNsFd);
    }
    w.end(peerInfo);
    w.end(data);
    w.end(linkinfo);
    return new Request(
        w.finish(),
        "RTM_NEWLINK " + name + " type veth peer " + peer
            + (peerNsFd >= 0 ? " IFLA_NET_NS_FD " + peerNsFd : ""));
  }

  /** RTM_SETLINK by name: IFF_UP set or cleared (the change mask says which bit to touch). */
  public static Request setUp(String name, boolean up) {
    Writer w = new Writer(RTM_SETLINK, NLM_F_REQUEST | NLM_F_ACK)
        .ifinfomsg(0, up ? IFF_UP : 0, IFF_UP);
    w.attrString(IFLA_IFNAME, name);
    return new Request(w.finish(), "RTM_SETLINK " + name + (up ? " IFF_UP" : " ~IFF_UP"));
  }

  /** RTM_SETLINK by name with IFLA_NET_NS_FD: moves the device into another namespace. */
  public static Request setNetns(String name, int nsFd) {
    Writer w = new Writer(RTM_SETLINK, NLM_F_REQUEST | NLM_F_ACK).ifinfomsg(0, 0, 0);
    w.attrString(IFLA_IFNAME, name);
    w.attrU32(IFLA_NET_NS_FD, nsFd);
    return new Request(w.finish(), "RTM_SETLINK " + name + " IFLA_NET_NS_FD " + nsFd);
  }

  /** RTM_DELLINK by name; deleting either end of a veth pair deletes both. */
  public static Request delLink(String name) {
    Writer w = new Writer(RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK).ifinfomsg(0, 0, 0);
    w.attrString(IFLA_IFNAME, name);
    return new Request(w.finish(), "RTM_DELLINK " + name);
  }

  /**
   * RTM_NEWADDR (add) or RTM_DELADDR for an address on device {@code index}. As ip(8) does,
   * 127.0.0.0/8 gets host scope and everything else global.
   */
  public static Request address(boolean add, int index, Prefix prefix, String dev) {
    int family = prefix.address().length == 4 ? AF_INET : AF_INET6;
    boolean loopback = family == AF_INET && (prefix.address()[0] & 0xff) == 127;
    int scope = loopback ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
    int flags = NLM_F_REQUEST | NLM_F_ACK | (add ? NLM_F_CREATE | NLM_F_EXCL : 0);
    Writer w =
        new Writer(add ? RTM_NEWADDR : RTM_DELADDR, flags)
            .ifaddrmsg(family, prefix.length(), scope, index);
    w.attr(IFA_LOCAL, prefix.address());
    w.attr(IFA_ADDRESS, prefix.address());
    return new Request(
        w.finish(), (add ? "RTM_NEWADDR " : "RTM_DELADDR ") + prefix + " dev " + dev);
  }

  /** Writes the sequence number into a request, as the socket sends it. */
  static byte[] withSeq(byte[] request, int seq) {
    byte[] copy = request.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder()).putInt(8, seq);
    return copy;
  }

  // ---- answers ----

  /** Splits what one recv(2) returned into messages; a truncated tail is an error. */
  public static List<Message> parse(byte[] buf, int len) {
    ByteBuffer b = ByteBuffer.wrap(buf, 0, len).order(ByteOrder.nativeOrder());
    List<Message> messages = new ArrayList<>();
    int at = 0;
    while (len - at >= HEADER) {
      int msgLen = b.getInt(at);
      if (msgLen < HEADER || msgLen > len - at) {
        throw new IllegalStateException("netlink: malformed message of length " + msgLen);
      }
      int type = b.getShort(at + 4) & 0xffff;
      int flags = b.getShort(at + 6) & 0xffff;
      int seq = b.getInt(at + 8);
      messages.add(
          new Message(type, flags, seq, Arrays.copyOfRange(buf, at + HEADER, at + msgLen)));
      at += align(msgLen);
    }
    return messages;
  }

  /** The errno an NLMSG_ERROR carries, as a positive number; 0 for an acknowledgement. */
  public static int errno(Message m) {
    return m.payload().length >= 4 ? -m.buffer().getInt(0) : 0;
  }

  /** The kernel's own words for an error (extended ack), or null when it sent none. */
  public static String errorText(Message m) {
    if ((m.flags() & NLM_F_ACK_TLVS) == 0 || m.payload().length < 4 + HEADER) {
      return null;
    }
    ByteBuffer b = m.buffer();
    // struct nlmsgerr: the error, then the failed request's header and, unless capped, body.
    int echoed = (m.flags() & NLM_F_CAPPED) != 0 ? HEADER : align(b.getInt(4));
    Map<Integer, byte[]> attrs = attributes(m.payload(), 4 + echoed);
    byte[] text = attrs.get(NLMSGERR_ATTR_MSG);
    return text == null ? null : string(text);
  }

  /** A device from an RTM_NEWLINK answer. */
  public static Link link(Message m) {
    ByteBuffer b = m.buffer();
    int type = b.getShort(2) & 0xffff;
    int index = b.getInt(4);
    int flags = b.getInt(8);
    Map<Integer, byte[]> attrs = attributes(m.payload(), 16);
    String kind = null;
    byte[] linkinfo = attrs.get(IFLA_LINKINFO);
    if (linkinfo != null) {
      byte[] k = attributes(linkinfo, 0).get(IFLA_INFO_KIND);
      kind = k == null ? null : string(k);
    }
    return new Link(
        index,
        string(attrs.getOrDefault(IFLA_IFNAME, new byte[0])),
        type,
        flags,
        u32(attrs.get(IFLA_MTU), 0),
        attrs.containsKey(IFLA_OPERSTATE) ? attrs.get(IFLA_OPERSTATE)[0] & 0xff : -1,
        attrs.get(IFLA_ADDRESS),
        attrs.get(IFLA_BROADCAST),
        u32(attrs.get(IFLA_LINK), -1),
        u32(attrs.get(IFLA_LINK_NETNSID), -1),
        kind,
        attrs.containsKey(IFLA_QDISC) ? string(attrs.get(IFLA_QDISC)) : null,
        attrs.containsKey(IFLA_LINKMODE) ? attrs.get(IFLA_LINKMODE)[0] & 0xff : -1,
        u32(attrs.get(IFLA_GROUP), -1),
        u32(attrs.get(IFLA_TXQLEN), -1));
  }

  /** An address from an RTM_NEWADDR answer. */
  public static Address address(Message m) {
    byte[] p = m.payload();
    int family = p[0] & 0xff;
    int prefixLength = p[1] & 0xff;
    int flags = p[2] & 0xff;
    int scope = p[3] & 0xff;
    int index = m.buffer().getInt(4);
    Map<Integer, byte[]> attrs = attributes(p, 8);
    // IFA_FLAGS holds all 32 flag bits; the 8-bit ifa_flags only the low ones.
    flags = u32(attrs.get(IFA_FLAGS), flags);
    byte[] local = attrs.containsKey(IFA_LOCAL) ? attrs.get(IFA_LOCAL) : attrs.get(IFA_ADDRESS);
    byte[] label = attrs.get(IFA_LABEL);
    byte[] cache = attrs.get(IFA_CACHEINFO);
    long valid = -1;
    long preferred = -1;
    if (cache != null && cache.length >= 8) {
      // struct ifa_cacheinfo: ifa_prefered, then ifa_valid (seconds, u32).
      ByteBuffer c = ByteBuffer.wrap(cache).order(ByteOrder.nativeOrder());
      preferred = c.getInt(0) & 0xffffffffL;
      valid = c.getInt(4) & 0xffffffffL;
    }
    byte[] peer = attrs.containsKey(IFA_LOCAL) ? attrs.get(IFA_ADDRESS) : null;
    return new Address(
        family, prefixLength, flags, scope, index, local == null ? new byte[0] : local,
        label == null ? null : string(label), peer, attrs.get(IFA_BROADCAST), valid, preferred);
  }

  /** The attributes from {@code from} on: type (nested and byte-order bits masked) to value. */
  static Map<Integer, byte[]> attributes(byte[] data, int from) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
    Map<Integer, byte[]> attrs = new HashMap<>();
    int at = from;
    while (data.length - at >= 4) {
      int len = b.getShort(at) & 0xffff;
      int type = b.getShort(at + 2) & 0x3fff;
      if (len < 4 || len > data.length - at) {
        break;
      }
      attrs.putIfAbsent(type, Arrays.copyOfRange(data, at + 4, at + len));
      at += align(len);
    }
    return attrs;
  }

  // ---- values ----

  /** Parses "A.B.C.D/N" (IPv4 only); the prefix length defaults to 32 as in ip(8). */
  public static Prefix parsePrefix(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length > 2) {
      throw new Said.Rejected(Key.IP_NOT_ADDRESS, text);
    }
    String[] octets = parts[0].split("\\.", -1);
    if (octets.length != 4) {
      throw new Said.Rejected(Key.IP_NOT_IPV4, text);
    }
    byte[] addr = new byte[4];
    for (int i = 0; i < 4; i++) {
      addr[i] = (byte) number(octets[i], 255, text);
    }
    int length = parts.length == 2 ? number(parts[1], 32, text) : 32;
    return new Prefix(addr, length);
  }

  private static int number(String s, int max, String text) {
    if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)) {
      throw new Said.Rejected(Key.IP_NOT_ADDRESS, text);
    }
    int n = Integer.parseInt(s);
    if (n > max) {
      throw new Said.Rejected(Key.IP_OUT_OF_RANGE, text, n, max);
    }
    return n;
  }

  /** Dotted quad for 4 bytes, RFC 5952 text (longest zero run as ::) for 16 bytes. */
  public static String formatIp(byte[] a) {
    if (a.length == 4) {
      return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }
    if (a.length != 16) {
      return formatMac(a);
    }
    int[] w = new int[8];
    for (int i = 0; i < 8; i++) {
      w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    int bestAt = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && w[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestAt = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestAt) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(w[i]));
    }
    return sb.toString();
  }

  /** "2e:e8:6c:b5:52:c7". */
  public static String formatMac(byte[] a) {
    StringBuilder sb = new StringBuilder();
    for (byte x : a) {
      sb.append(sb.length() == 0 ? "" : ":").append(String.format("%02x", x & 0xff));
    }
    return sb.toString();
  }

  private static int u32(byte[] v, int absent) {
    return v == null || v.length < 4
        ? absent
        : ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getInt(0);
  }

  private static String string(byte[] v) {
    int n = 0;
    while (n < v.length && v[n] != 0) {
      n++;
    }
    return new String(v, 0, n, StandardCharsets.UTF_8);
  }

  static int align(int n) {
    return (n + 3) & ~3;
  }

  /** Builds one message: the header, a family struct, then attributes, nested or not. */
  private static final class Writer {
    private ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());

    Writer(int type, int flags) {
      b.putInt(0); // nlmsg_len, set by finish()
      b.putShort((short) type);
      b.putShort((short) flags);
      b.putInt(0); // nlmsg_seq, set by the socket
      b.putInt(0); // nlmsg_pid: 0 is the kernel
    }

    private void room(int n) {
      if (b.remaining() < n) {
        ByteBuffer bigger =
            ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + n))
                .order(ByteOrder.nativeOrder());
        b.flip();
        bigger.put(b);
        b = bigger;
      }
    }

    /** struct ifinfomsg: family, pad, type, index, flags, change. */
    Writer ifinfomsg(int index, int flags, int change) {
      room(16);
      b.put((byte) AF_UNSPEC).put((byte) 0).putShort((short) 0);
      b.putInt(index).putInt(flags).putInt(change);
      return this;
    }

    /** struct ifaddrmsg: family, prefixlen, flags, scope, index. */
    Writer ifaddrmsg(int family, int prefixLength, int scope, int index) {
      room(8);
      b.put((byte) family).put((byte) prefixLength).put((byte) 0).put((byte) scope);
      b.putInt(index);
      return this;
    }

    void attr(int type, byte[] value) {
      room(4 + align(value.length));
      b.putShort((short) (4 + value.length)).putShort((short) type).put(value);
      b.position(align(b.position()));
    }

    void attrU32(int type, int value) {
      attr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** A C string, NUL included. */
    void attrString(int type, String value) {
      attr(type, (value + "\0").getBytes(StandardCharsets.UTF_8));
    }

    /** Opens a nested attribute; {@link #end} sets its length to cover all inside it. */
    int begin(int type) {
      room(4);
      int at = b.position();
      b.putShort((short) 0).putShort((short) type);
      return at;
    }

    void end(int at) {
      b.putShort(at, (short) (b.position() - at));
    }

    byte[] finish() {
      b.putInt(0, b.position());
      return Arrays.copyOf(b.array(), b.position());
    }
  }
}
