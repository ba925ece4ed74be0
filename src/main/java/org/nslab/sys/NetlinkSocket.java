package org.nslab.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * A NETLINK_ROUTE socket: how ip(8) talks to the kernel's network configuration. The socket
 * belongs to the network namespace of the thread that created it, for its whole life, whatever
 * that thread joins later; so it is made on the lab task's thread, and every request on it
 * reads or changes that one namespace.
 */
public final class NetlinkSocket implements AutoCloseable {
  private static final int AF_NETLINK = 16;
  private static final int SOCK_RAW = 3;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int NETLINK_ROUTE = 0;
  private static final int SOL_NETLINK = 270;
  private static final int NETLINK_EXT_ACK = 11;
  private static final int MSG_TRUNC = 0x20;
  /** linux/sockios.h: an fd for the network namespace a socket belongs to. */
  private static final long SIOCGSKNS = 0x894C;
  private static final int AT_EMPTY_PATH = 0x1000;
  private static final int STATX_INO = 0x100;

  private static final class Holder {
    static final NetlinkLibc LIBC = LibraryLoader.create(NetlinkLibc.class).load("c");
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
  }

  /**
   * Binds the calls now, from the calling thread, so binding never happens on the lab task
   * (which must not start threads after unshare pid).
   */
  public static void load() {
    Holder.LIBC.getClass();
  }

  private static int errno() {
    return Holder.RUNTIME.getLastError();
  }

  private final int fd;
  private int seq;

  private NetlinkSocket(int fd) {
    this.fd = fd;
  }

  /**
   * socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) in the network namespace the lab task's thread
   * is in now.
   */
  public static NetlinkSocket open() throws SyscallException {
    LabTask.requireTaskThread("socket");
    NetlinkLibc libc = Holder.LIBC;
    int fd = libc.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) {
      throw new SyscallException(
          "socket", "AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE", errno());
    }
    NetlinkSocket s = new NetlinkSocket(fd);
    try {
      // Tolerated failure: a kernel before 4.12 has no extended acks and explains nothing.
      libc.setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, new int[] {1}, 4);
      // struct sockaddr_nl: family, pad, port id 0 (the kernel picks one), no groups.
      byte[] addr = new byte[12];
      ByteBuffer.wrap(addr).order(ByteOrder.nativeOrder()).putShort((short) AF_NETLINK);
      if (libc.bind(fd, addr, addr.length) < 0) {
        throw new SyscallException("bind", "AF_NETLINK socket, port 0", errno());
      }
    } catch (SyscallException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /**
   * The id of the network namespace the socket belongs to, as the kernel sees it:
   * ioctl(SIOCGSKNS) opens that namespace, and its inode number is the id in /proc/PID/ns/net.
   */
  public long netns() throws SyscallException {
    int ns = Holder.LIBC.ioctl(fd, SIOCGSKNS, 0);
    if (ns < 0) {
      throw new SyscallException("ioctl", "netlink socket, SIOCGSKNS", errno());
    }
    try {
      // struct statx: stx_ino is the u64 at offset 32 on every architecture.
      byte[] stx = new byte[256];
      if (Holder.LIBC.statx(ns, "", AT_EMPTY_PATH, STATX_INO, stx) < 0) {
        throw new SyscallException("statx", "namespace fd, AT_EMPTY_PATH, STATX_INO", errno());
      }
      return ByteBuffer.wrap(stx).order(ByteOrder.nativeOrder()).getLong(32);
    } finally {
      Syscalls.close(ns);
    }
  }

  /**
   * Sends a request and collects the answers up to its acknowledgement (NLMSG_ERROR with
   * error 0) or the end of a dump (NLMSG_DONE). An error the kernel reports becomes
   * {@code netlink(request): ERRNO}, with the kernel's own words when it sent some.
   */
  public List<Rtnetlink.Message> exchange(Rtnetlink.Request request) throws SyscallException {
    int s = ++seq;
    byte[] bytes = Rtnetlink.withSeq(request.bytes(), s);
    long sent = Holder.LIBC.send(fd, bytes, bytes.length, 0);
    if (sent != bytes.length) {
      throw new SyscallException("send", request.shown(), sent < 0 ? errno() : Errnos.EINTR);
    }
    List<Rtnetlink.Message> answers = new ArrayList<>();
    byte[] buf = new byte[65536];
    while (true) {
      // MSG_TRUNC: recv returns the datagram's real length, so a cut message is noticed.
      long n = Holder.LIBC.recv(fd, buf, buf.length, MSG_TRUNC);
      if (n < 0) {
        int e = errno();
        if (e == Errnos.EINTR) {
          continue;
        }
        throw new SyscallException("recv", "netlink socket", e);
      }
      if (n > buf.length) {
        throw new IllegalStateException("netlink: an answer of " + n + " bytes did not fit");
      }
      for (Rtnetlink.Message m : Rtnetlink.parse(buf, (int) n)) {
        if (m.seq() != s) {
          continue; // an answer to an earlier request that was given up on
        }
        if (m.type() == Rtnetlink.NLMSG_ERROR || m.type() == Rtnetlink.NLMSG_DONE) {
          int errno = Rtnetlink.errno(m);
          if (errno != 0) {
            String said = Rtnetlink.errorText(m);
            throw new SyscallException(
                "netlink",
                request.shown() + (said == null ? "" : "; kernel: \"" + said + "\""),
                errno);
          }
          return answers;
        }
        answers.add(m);
      }
    }
  }

  @Override
  public void close() {
    Syscalls.close(fd);
  }
}
