package org.nslab.sys;

/**
 * The C library calls that speak netlink, bound with jnr-ffi apart from {@link Libc}: only the
 * ip command needs them, so they are bound the first time it runs. Buffers are byte arrays
 * (struct sockaddr_nl and netlink messages are built by {@link Rtnetlink}).
 */
public interface NetlinkLibc {
  int socket(int domain, int type, int protocol);

  int bind(int fd, byte[] addr, int addrlen);

  int setsockopt(int fd, int level, int optname, int[] optval, int optlen);

  long send(int fd, byte[] buf, long len, int flags);

  long recv(int fd, byte[] buf, long len, int flags);

  /** ioctl(2); SIOCGSKNS ignores its third argument. */
  int ioctl(int fd, long request, long arg);

  /** statx(2) into a raw struct statx (256 bytes); nslab reads only stx_ino. */
  int statx(int dirfd, String path, int flags, int mask, byte[] statx);

  int close(int fd);
}
