package org.nslab.sys;

import jnr.ffi.Pointer;

/**
 * The C library calls nslab makes, bound with jnr-ffi; one method per call, named as in libc.
 * Arrays carry no @In/@Out: jnr then copies them both ways, which costs nothing at these
 * sizes, while each annotation costs a proxy class at start-up.
 */
public interface Libc {
  int unshare(int flags);

  int setns(int fd, int nstype);

  int sethostname(byte[] name, long len);

  int gethostname(byte[] name, long len);

  int mount(String source, String target, String fstype, long flags, String data);

  int umount2(String target, int flags);

  int open(String path, int flags);

  int openat(int dirfd, String path, int flags);

  int close(int fd);

  long read(int fd, byte[] buf, long count);

  long write(int fd, byte[] buf, long count);

  long readlinkat(int dirfd, String path, byte[] buf, long size);

  int pipe2(int[] fds, int flags);

  int poll(Pointer fds, long nfds, int timeout);

  int msgget(int key, int msgflg);

  int msgctl(int msqid, int cmd, Pointer buf);

  int chroot(String path);

  int chdir(String path);

  int mkdir(String path, int mode);

  int rmdir(String path);

  /** For pivot_root(2), which glibc does not wrap. */
  long syscall(long number, String arg1, String arg2);

  /** For pidfd_open(2), which glibc before 2.36 does not wrap. */
  long syscall(long number, long arg1, long arg2);

  /** struct timespec as two longs (tv_sec, tv_nsec): 64-bit time_t on x86_64 and aarch64. */
  int clock_gettime(int clockid, long[] tp);

  int getpid();

  int gettid();

  int geteuid();

  int getpgrp();

  int tcsetpgrp(int fd, int pgrp);

  int isatty(int fd);

  int kill(int pid, int sig);

  int waitpid(int pid, int[] status, int options);

  int prctl(int option, long arg2, long arg3, long arg4, long arg5);

  int sigemptyset(Pointer set);

  int sigaddset(Pointer set, int signum);

  int pthread_sigmask(int how, Pointer set, Pointer oldset);

  int posix_spawnattr_init(Pointer attr);

  int posix_spawnattr_destroy(Pointer attr);

  int posix_spawnattr_setflags(Pointer attr, short flags);

  int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigdefault);

  int posix_spawnattr_setsigmask(Pointer attr, Pointer sigmask);

  int posix_spawn_file_actions_init(Pointer actions);

  int posix_spawn_file_actions_destroy(Pointer actions);

  int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newfd);

  int fcntl(int fd, int cmd, int arg);

  int capget(Pointer header, Pointer data);

  int capset(Pointer header, Pointer data);

  /** glibc 2.34 and later: close every descriptor from {@code from} on, in the child. */
  int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

  int posix_spawn_file_actions_addopen(
      Pointer actions, int fd, String path, int oflag, int mode);

  /** Returns an errno value itself (0 on success), not -1 with errno set. */
  int posix_spawnp(
      int[] pid, String file, Pointer actions, Pointer attr, String[] argv, String[] envp);
}
