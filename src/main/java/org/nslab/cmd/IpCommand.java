package org.nslab.cmd;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nslab.ns.NsFile;
import org.nslab.ns.NsId;
import org.nslab.ns.NsKind;
import org.nslab.sys.LabTask;
import org.nslab.sys.NetlinkSocket;
import org.nslab.sys.NsPoint;
import org.nslab.sys.Rtnetlink;
import org.nslab.sys.Rtnetlink.Address;
import org.nslab.sys.Rtnetlink.Link;
import org.nslab.sys.Rtnetlink.Message;
import org.nslab.sys.Rtnetlink.Prefix;
import org.nslab.sys.Rtnetlink.Request;
import org.nslab.sys.SyscallException;
import org.nslab.text.Key;

/** ip: network devices and addresses of the lab task's network namespace, over rtnetlink. */
final class IpCommand implements Command {
  private static final Spec SPEC =
      new Spec(
          "ip",
          List.of(
              "ip [-n POINT] [-4|-6] [-o] link|addr [show [DEV]]",
              "ip [-n POINT] link set DEV up|down",
              "ip [-n POINT] link set DEV netns POINT",
              "ip [-n POINT] link add NAME type veth peer name PEER [netns POINT]",
              "ip [-n POINT] link del DEV",
              "ip [-n POINT] addr add|del ADDR/PREFIX dev DEV"),
          Key.CMD_IP,
          Key.CMD_IP_MORE,
          List.of(
              Opt.value('n', "netns", "POINT", Key.OPT_IP_NETNS),
              Opt.flag('4', "inet", Key.OPT_IP_INET),
              Opt.flag('6', "inet6", Key.OPT_IP_INET6),
              Opt.flag('o', "oneline", Key.OPT_IP_ONELINE),
              Guard.HOST_OPTION),
          Complete.NONE,
          1,
          -1,
          false).withVerbs("link", "addr");

  @Override
  public Spec spec() {
    return SPEC;
  }

  /** Where a request goes: the lab task's own network namespace (point null) or a point's. */
  private record Place(NsPoint point, String name) {}

  /** What work on a socket returned, and the namespace the socket turned out to be in. */
  private record Done<T>(T value, long net) {}

  @FunctionalInterface
  private interface OnSocket<T> {
    T run(NetlinkSocket socket, long net) throws Exception;
  }

  @Override
  public int run(Session session, Args args) throws Exception {
    List<String> words = args.positionals();
    boolean link = matches(words.get(0), "link", 1);
    if (!link && !matches(words.get(0), "address", 1)) {
      throw new UsageException(Key.IP_NOT_OBJECT, words.get(0));
    }
    Place place =
        args.has("netns")
            ? new Place(point(session, args.value("netns")), args.value("netns"))
            : new Place(null, null);
    List<String> rest = words.subList(1, words.size());
    String verb = rest.isEmpty() ? "show" : rest.get(0).toLowerCase(Locale.ROOT);
    // Bind the netlink calls on this thread: jnr-ffi may start a thread on first use, and
    // after unshare pid the lab task must start none.
    NetlinkSocket.load();
    switch (verb) {
      case "show", "list", "ls", "lst" -> {
        String dev = rest.size() > 1 ? rest.get(rest.size() - 1) : null;
        if (rest.size() > 3 || (rest.size() == 3 && !rest.get(1).equals("dev"))) {
          throw new UsageException(Key.IP_USAGE, "ip " + (link ? "link" : "addr") + " show [DEV]");
        }
        int family =
            args.has("inet")
                ? Rtnetlink.AF_INET
                : args.has("inet6") ? Rtnetlink.AF_INET6 : Rtnetlink.AF_UNSPEC;
        return show(session, place, link, dev, family, args.has("oneline"));
      }
      case "set" -> {
        requireLink(link, verb);
        return set(session, args, place, rest);
      }
      case "add" -> {
        return link
            ? addVeth(session, args, place, rest)
            : address(session, args, place, rest, true);
      }
      case "del", "delete" -> {
        return link
            ? delete(session, args, place, rest)
            : address(session, args, place, rest, false);
      }
      default -> throw new UsageException(link ? Key.IP_NOT_LINK_VERB : Key.IP_NOT_ADDR_VERB,
          rest.get(0));
    }
  }

  private static boolean matches(String word, String full, int min) {
    return word.length() >= min && full.startsWith(word.toLowerCase(Locale.ROOT));
  }

  private static void requireLink(boolean link, String verb) throws UsageException {
    if (!link) {
      throw new UsageException(Key.IP_LINK_ONLY, verb);
    }
  }

  // ---- show ----

  private record Listing(List<Link> links, List<Address> addresses) {}

  private static int show(
      Session session, Place place, boolean link, String dev, int family, boolean oneline)
      throws Exception {
    Done<Listing> done = inNet(session, place, (s, net) -> {
      List<Link> links = new ArrayList<>();
      for (Message m : s.exchange(Rtnetlink.dumpLinks())) {
        links.add(Rtnetlink.link(m));
      }
      List<Address> addrs = new ArrayList<>();
      if (!link) {
        for (Message m : s.exchange(Rtnetlink.dumpAddresses(family))) {
          addrs.add(Rtnetlink.address(m));
        }
      }
      return new Listing(links, addrs);
    });
    List<Link> links = new ArrayList<>(done.value().links());
    links.sort(Comparator.comparingInt(Link::index));
    Map<Integer, Link> byIndex = new HashMap<>();
    links.forEach(l -> byIndex.put(l.index(), l));
    if (dev != null && links.stream().noneMatch(l -> l.name().equals(dev))) {
      throw new CommandException(Key.IP_NO_DEVICE, dev, done.net());
    }
    PrintWriter out = session.out();
    for (Link l : links) {
      if (dev != null && !l.name().equals(dev)) {
        continue;
      }
      if (link) {
        List<String> head = linkLines(l, byIndex, true);
        out.println(oneline ? String.join("\\", head) : String.join("\n", head));
        continue;
      }
      List<String> head = linkLines(l, byIndex, false);
      List<Address> mine = done.value().addresses().stream()
          .filter(a -> a.index() == l.index()).toList();
      if (family != Rtnetlink.AF_UNSPEC && mine.isEmpty()) {
        continue; // as ip -4 addr: only devices with an address of that family
      }
      if (!oneline) {
        if (family == Rtnetlink.AF_UNSPEC) {
          out.println(head.get(0));
          out.println(head.get(1));
        } else {
          // No link/ line (ip -4 addr): iproute2 puts the link-netnsid on the first.
          out.println(head.get(0) + (l.linkNetnsid() >= 0 ? " link-netnsid "
              + l.linkNetnsid() : ""));
        }
      }
      for (Address a : mine) {
        // ip -o addr: the device's index and name in front of each address, no link line,
        // and the lifetimes after a backslash instead of on a line of their own.
        String lifetimes = a.lifetimesText();
        out.println((oneline ? l.index() + ": " + l.name() : "") + "    " + a.familyWord() + " "
            + a.text() + (lifetimes == null ? "" : (oneline ? "\\" : "\n") + "       "
            + lifetimes));
      }
    }
    // Which namespace this was, on standard error: standard output is what ip(8) prints,
    // line for line, so it diffs clean against spawn ip.
    session.err().println(session.paint(Paint.Tone.DIM,
        "(" + inNetText(session, place, done.net()) + ")"));
    return 0;
  }

  /**
   * "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group
   * default qlen 1000" and its link/ line, as iproute2's print_linkinfo (mode only for ip link).
   */
  private static List<String> linkLines(Link l, Map<Integer, Link> byIndex, boolean withMode) {
    String name = l.name();
    boolean peerDown = false;
    if (l.link() == 0) {
      name += "@NONE"; // a link to no device: iproute2's word for it
    } else if (l.link() > 0) {
      // The peer's index means something only in the peer's own namespace (link-netnsid).
      Link peer = l.linkNetnsid() >= 0 ? null : byIndex.get(l.link());
      name += "@" + (peer == null ? "if" + l.link() : peer.name());
      peerDown = peer != null && !peer.up();
    }
    String head = l.index() + ": " + name + ": " + l.flagsText(peerDown) + " mtu " + l.mtu()
        + l.detailsText(withMode);
    StringBuilder sb = new StringBuilder("    link/").append(l.typeName()).append(' ');
    if (l.address() != null) {
      sb.append(hw(l.address()));
    }
    if (l.broadcast() != null) {
      sb.append((l.flags() & 0x10) != 0 ? " peer " : " brd ").append(hw(l.broadcast()));
    }
    if (l.linkNetnsid() >= 0) {
      sb.append(" link-netnsid ").append(l.linkNetnsid());
    }
    return List.of(head, sb.toString());
  }

  private static String hw(byte[] a) {
    return a.length == 4 || a.length == 16 ? Rtnetlink.formatIp(a) : Rtnetlink.formatMac(a);
  }

  // ---- changes ----

  private static int set(Session session, Args args, Place place, List<String> rest)
      throws Exception {
    int i = 1;
    if (i < rest.size() && rest.get(i).equals("dev")) {
      i++;
    }
    if (i >= rest.size()) {
      throw new UsageException(Key.IP_NAME_DEVICE, "ip link set DEV up|down|netns POINT");
    }
    String dev = deviceName(rest.get(i++));
    if (i >= rest.size()) {
      throw new UsageException(Key.IP_SET_WHAT);
    }
    String what = rest.get(i++);
    if (what.equals("up") || what.equals("down")) {
      if (i < rest.size()) {
        throw new UsageException(Key.IP_SET_ONE_CHANGE, rest.get(i));
      }
      boolean up = what.equals("up");
      guard(session, args, place, session.text().get(Key.DOING_BRING, dev, what));
      Done<Void> done = inNet(session, place, (s, net) -> {
        ask(s, Rtnetlink.setUp(dev, up), dev, net);
        return null;
      });
      session.out().println(dev + " is " + what + "  "
          + session.paint(Paint.Tone.DIM, "(" + inNetText(session, place, done.net()) + ")"));
      return 0;
    }
    if (what.equals("netns")) {
      if (i + 1 != rest.size()) {
        throw new UsageException(Key.IP_SET_ONE_POINT);
      }
      String toName = rest.get(i);
      NsPoint to = point(session, toName);
      guard(session, args, place, session.text().get(Key.DOING_MOVE_AWAY, dev));
      guard(session, args, new Place(to, toName),
          session.text().get(Key.DOING_MOVE_THERE, dev));
      Done<Void> done = inNet(session, place, (s, net) -> {
        ask(s, Rtnetlink.setNetns(dev, to.fd(NsKind.NET)), dev, net);
        return null;
      });
      session.out().println("moved " + dev + " from net " + done.net() + " to net "
          + to.id(NsKind.NET).inode() + " (" + pointText(toName) + ")");
      session.out().println(session.paint(Paint.Tone.DIM,
          Interpreter.wrap(session,
              "  " + session.text().get(Key.NOTE_IP_ARRIVES_DOWN, toName), 4)));
      return 0;
    }
    throw new UsageException(Key.IP_NOT_SET_VERB, what);
  }

  private static int addVeth(Session session, Args args, Place place, List<String> rest)
      throws Exception {
    // add [name] NAME type veth peer [name] PEER [netns POINT]
    List<String> w = rest.subList(1, rest.size());
    int i = 0;
    if (i < w.size() && w.get(i).equals("name")) {
      i++;
    }
    String usage = "ip link add NAME type veth peer name PEER [netns POINT]";
    if (i >= w.size()) {
      throw new UsageException(Key.IP_NAME_DEVICE, usage);
    }
    String name = deviceName(w.get(i++));
    if (i + 1 >= w.size() || !w.get(i).equals("type")) {
      throw new UsageException(Key.IP_SAY_TYPE, usage);
    }
    if (!w.get(i + 1).equals("veth")) {
      throw new CommandException(Key.IP_ONLY_VETH, w.get(i + 1));
    }
    i += 2;
    if (i >= w.size() || !w.get(i).equals("peer")) {
      throw new UsageException(Key.IP_NAME_PEER, usage);
    }
    i++;
    if (i < w.size() && w.get(i).equals("name")) {
      i++;
    }
    if (i >= w.size()) {
      throw new UsageException(Key.IP_NAME_PEER, usage);
    }
    String peer = deviceName(w.get(i++));
    String peerPointName = null;
    if (i < w.size()) {
      if (!w.get(i).equals("netns") || i + 2 != w.size()) {
        throw new UsageException(Key.IP_UNEXPECTED, w.get(i), usage);
      }
      peerPointName = w.get(i + 1);
    }
    NsPoint peerPoint = peerPointName == null ? null : point(session, peerPointName);
    guard(session, args, place, session.text().get(Key.DOING_ADD_VETH));
    if (peerPoint != null) {
      guard(session, args, new Place(peerPoint, peerPointName),
          session.text().get(Key.DOING_PUT_THERE, peer));
    }
    Done<Void> done = inNet(session, place, (s, net) -> {
      int fd = peerPoint == null ? -1 : peerPoint.fd(NsKind.NET);
      ask(s, Rtnetlink.newVeth(name, peer, fd), name, net);
      return null;
    });
    String where =
        peerPoint == null || peerPoint.id(NsKind.NET).inode() == done.net()
            ? "both " + inNetText(session, place, done.net())
            : name + " " + inNetText(session, place, done.net()) + "; " + peer + " in net "
                + peerPoint.id(NsKind.NET).inode() + ", " + pointText(peerPointName);
    session.out().println(
        "added veth pair " + name + " <-> " + peer + "  "
            + session.paint(Paint.Tone.DIM, "(" + where + ")"));
    return 0;
  }

  private static int delete(Session session, Args args, Place place, List<String> rest)
      throws Exception {
    int i = 1;
    if (i < rest.size() && rest.get(i).equals("dev")) {
      i++;
    }
    if (i + 1 != rest.size()) {
      throw new UsageException(Key.IP_USAGE, "ip link del DEV");
    }
    String dev = deviceName(rest.get(i));
    guard(session, args, place, session.text().get(Key.DOING_DELETE, dev));
    Done<Link> done = inNet(session, place, (s, net) -> {
      Link l = linkNamed(s, dev, net);
      ask(s, Rtnetlink.delLink(dev), dev, net);
      return l;
    });
    String peer =
        "veth".equals(done.value().kind()) ? "; the other end of the veth went with it" : "";
    session.out().println("deleted " + dev + "  "
        + session.paint(Paint.Tone.DIM, "(" + inNetText(session, place, done.net()) + peer + ")"));
    return 0;
  }

  private static int address(
      Session session, Args args, Place place, List<String> rest, boolean add) throws Exception {
    String usage = "ip addr " + (add ? "add" : "del") + " ADDR/PREFIX dev DEV";
    String dev = null;
    String addr = null;
    for (int i = 1; i < rest.size(); i++) {
      if (rest.get(i).equals("dev") && i + 1 < rest.size()) {
        dev = deviceName(rest.get(++i));
      } else if (addr == null) {
        addr = rest.get(i);
      } else {
        throw new UsageException(Key.IP_UNEXPECTED, rest.get(i), usage);
      }
    }
    if (addr == null || dev == null) {
      throw new UsageException(addr == null ? Key.IP_WHICH_ADDRESS : Key.IP_WHICH_DEVICE, usage);
    }
    Prefix prefix = Rtnetlink.parsePrefix(addr);
    String device = dev;
    guard(session, args, place, session.text().get(
        add ? Key.DOING_ADD_ADDRESS : Key.DOING_REMOVE_ADDRESS, dev));
    Done<Void> done = inNet(session, place, (s, net) -> {
      Link l = linkNamed(s, device, net);
      ask(s, Rtnetlink.address(add, l.index(), prefix, device), device, net);
      return null;
    });
    session.out().println((add ? "added " + prefix + " to " : "removed " + prefix + " from ")
        + dev + "  "
        + session.paint(Paint.Tone.DIM, "(" + inNetText(session, place, done.net()) + ")"));
    return 0;
  }

  // ---- namespaces ----

  /**
   * Runs {@code work} on the lab task's thread with a netlink socket in the network namespace
   * of {@code place}. For a point the lab task joins the point's namespace, creates the
   * socket, and goes straight back: the socket keeps the namespace it was born in.
   */
  private static <T> Done<T> inNet(Session session, Place place, OnSocket<T> work)
      throws Exception {
    LabTask task = session.task();
    NsId expected = expectedNet(session, place);
    return task.call(() -> {
      try (NetlinkSocket s = place.point() == null || expected.equals(task.namespace(NsFile.NET))
          ? NetlinkSocket.open() : openIn(task, place.point())) {
        long net = netOf(s, expected);
        return new Done<>(work.run(s, net), net);
      }
    });
  }

  private static NetlinkSocket openIn(LabTask task, NsPoint point) throws Exception {
    return task.within(point, EnumSet.of(NsKind.NET), NetlinkSocket::open);
  }


  /** The socket's namespace as the kernel tells it (SIOCGSKNS), else the one intended. */
  private static long netOf(NetlinkSocket s, NsId expected) {
    try {
      return s.netns();
    } catch (SyscallException e) {
      // Tolerated: SIOCGSKNS needs CAP_NET_ADMIN over the namespace (EPERM when rootless).
      return expected.inode();
    }
  }

  private static NsId expectedNet(Session session, Place place) {
    return place.point() == null
        ? session.task().namespace(NsFile.NET)
        : place.point().id(NsKind.NET);
  }

  private static NsPoint point(Session session, String name) throws CommandException {
    if (name.equals("start")) {
      return session.task().startPoint();
    }
    NsPoint p = session.points().get(name);
    if (p == null) {
      throw session.points().isEmpty() ? new CommandException(Key.IP_NO_POINT_NONE, name)
          : new CommandException(Key.IP_NO_POINT, name,
              String.join(", ", session.points().keySet()));
    }
    if (p.id(NsKind.NET) == null) {
      throw new CommandException(Key.IP_POINT_NO_NET, name);
    }
    return p;
  }

  /**
   * The guard: nothing changes the network namespace the shell started in (the real host's,
   * where a wrong address or a stray device cuts the machine off) unless --host is given.
   */
  private static void guard(Session session, Args args, Place place, String what)
      throws CommandException {
    if (place.point() == null) {
      Guard.requireOwn(session, NsKind.NET, args, what);
      return;
    }
    NsId start = session.task().startPoint().id(NsKind.NET);
    if (args.has("host") || !place.point().id(NsKind.NET).equals(start)) {
      return;
    }
    throw new CommandException(place.name().equals("start")
        ? session.text().get(Key.GUARD_REFUSED_START, what, start.inode())
        : session.text().get(Key.GUARD_REFUSED_POINT, what, place.name(), start.inode()));
  }

  private static String pointText(String name) {
    return name.equals("start") ? "start, where the shell started" : "point " + name;
  }

  /** "in net 4026532181", with whose namespace it is when that is not plain. */
  private static String inNetText(Session session, Place place, long net) {
    String s = "in net " + net;
    if (place.point() != null) {
      return s + ", " + pointText(place.name());
    }
    return net == session.task().startPoint().id(NsKind.NET).inode()
        ? s + ", where the shell started"
        : s;
  }

  /** A device name the kernel would take: 1 to 15 bytes (IFNAMSIZ), no '/', ':' or space. */
  static String deviceName(String name) throws UsageException {
    if (name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 15
        || name.equals(".") || name.equals("..") || !name.matches("[^/:\\s]+")) {
      throw new UsageException(Key.IP_BAD_DEVICE_NAME, name);
    }
    return name;
  }

  /** RTM_GETLINK by name: the kernel looks the name up in the socket's namespace only. */
  private static Link linkNamed(NetlinkSocket s, String dev, long net) throws Exception {
    List<Message> answer = ask(s, Rtnetlink.getLink(dev), dev, net);
    if (answer.isEmpty() || answer.get(0).type() != Rtnetlink.RTM_NEWLINK) {
      throw new CommandException(Key.IP_NO_DEVICE, dev, net);
    }
    return Rtnetlink.link(answer.get(0));
  }

  // ---- errors ----

  /** Sends a request; a refusal the student can learn from gets its lesson attached. */
  private static List<Message> ask(NetlinkSocket s, Request r, String dev, long net)
      throws Exception {
    try {
      return s.exchange(r);
    } catch (SyscallException e) {
      Key lesson = lesson(r.type(), e, dev);
      if (lesson == null) {
        throw e;
      }
      // The call and its errno as the kernel names them, then the lesson in the session's words.
      throw new CommandException(e.getMessage() + ": ", lesson, dev, net);
    }
  }

  /** What a refused request teaches ({0} the device, {1} the net id), or null: nothing. */
  static Key lesson(int type, SyscallException e, String dev) {
    return switch (e.errnoName()) {
      case "ENODEV" -> Key.IP_LESSON_ENODEV;
      case "EEXIST" -> type == Rtnetlink.RTM_NEWADDR
          ? Key.IP_LESSON_EEXIST_ADDRESS
          : Key.IP_LESSON_EEXIST_DEVICE;
      case "EADDRNOTAVAIL" -> Key.IP_LESSON_EADDRNOTAVAIL;
      case "EPERM" -> Key.IP_LESSON_EPERM;
      case "EOPNOTSUPP" -> Key.IP_LESSON_EOPNOTSUPP;
      case "EINVAL" -> e.getMessage().contains("IFLA_NET_NS_FD") && dev.equals("lo")
          ? Key.IP_LESSON_EINVAL_LO
          : null;
      default -> null;
    };
  }
}
