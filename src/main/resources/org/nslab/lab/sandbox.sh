# The sandbox nslab grades a submission in. The grader runs, as root:
#
#   unshare --mount --propagation private \
#     sh sandbox.sh outer BOX UID [SRC DST]... -- [SRC DST]... -- COMMAND...
#
# outer: still real root, in a private mount namespace. Builds a throwaway root: an overlay
# of / whose writes land on a tmpfs mounted on BOX (gone when the namespace dies), a fresh
# /dev with only null, zero, full, random, urandom and tty, /sys read-only, each SRC of the
# first list bound read-only at DST (nslab's classes, the JVM, the lab and the submission),
# and each of the second copied to DST for the sandbox's root to own (a rootfs to pivot
# into, which needs a directory made in it). Pivots into
# it, then becomes UID (an unused uid, no capabilities on the host) and makes a user
# namespace. There it waits for one line on standard input: the grader writes the uid and
# gid maps (0 -> UID, 65536 ids) and puts the process in its cgroup first.
#
# inner: root of that user namespace (and nothing more on the host), in new mount, PID, UTS,
# IPC, network and cgroup namespaces, as PID 1. Mounts its own /proc, /tmp, /dev/shm and
# cgroup filesystems (which the submission may unmount), then runs COMMAND.
set -eu
stage=$1
shift
case $stage in
outer)
  box=$1 uid=$2
  shift 2
  mount -t tmpfs -o size=256m,mode=755 nslab-sandbox "$box"
  mkdir "$box/upper" "$box/work" "$box/root"
  r=$box/root
  mount -t overlay -o "lowerdir=/,upperdir=$box/upper,workdir=$box/work" nslab-root "$r"
  mount --rbind /sys "$r/sys"
  mount -o remount,bind,ro "$r/sys"
  mount -t tmpfs -o mode=755,size=1m,nosuid nslab-dev "$r/dev"
  for n in null zero full random urandom tty; do
    touch "$r/dev/$n"
    mount --bind "/dev/$n" "$r/dev/$n"
  done
  ln -s /proc/self/fd "$r/dev/fd"
  ln -s fd/0 "$r/dev/stdin"
  ln -s fd/1 "$r/dev/stdout"
  ln -s fd/2 "$r/dev/stderr"
  mkdir "$r/dev/shm" "$r/dev/pts"
  mkdir -p "$r/run/nslab/work"
  while [ "$1" != -- ]; do
    if [ -d "$1" ]; then
      mkdir -p "$r$2"
    else
      mkdir -p "$(dirname "$r$2")"
      touch "$r$2"
    fi
    mount --bind "$1" "$r$2"
    mount -o remount,bind,ro "$r$2"
    shift 2
  done
  shift
  while [ "$1" != -- ]; do
    mkdir -p "$(dirname "$r$2")"
    cp -a "$1" "$r$2"
    chown -R "$uid:$uid" "$r$2"
    # After pivot_root into this copy and dropping the old root, mounting proc needs a proc
    # already in the mount namespace (see below): one, out of reach, inside the copy.
    mkdir -m 700 "$r$2/.nslab-host"
    mkdir -m 700 "$r$2/.nslab-host/proc"
    mount -t proc proc "$r$2/.nslab-host/proc"
    shift 2
  done
  shift
  # A user namespace may mount proc only where a proc is already fully visible: keep one
  # out of reach (a root-only directory, and the uid below is not root on the host).
  mkdir -p -m 700 "$r/run/nslab-host/proc"
  mount -t proc proc "$r/proc"
  mkdir "$r/.old-root"
  cd "$r"
  pivot_root . .old-root
  cd /
  umount -l /.old-root
  rmdir /.old-root
  mount --move /proc /run/nslab-host/proc
  # The user namespace is made by a privileged process: util-linux unshare keeps
  # CAP_SYS_ADMIN through setpriv (ambient), so that Ubuntu's AppArmor restriction on
  # unprivileged user namespaces (23.10+) does not leave the sandbox without capabilities.
  # The capability is worth nothing on the host once unshare(CLONE_NEWUSER) has moved the
  # process into the new namespace, a moment later.
  exec setpriv --reuid="$uid" --regid="$uid" --clear-groups --inh-caps=+sys_admin \
    --ambient-caps=+sys_admin unshare --user sh -c \
    'read -r go && exec unshare --pid --fork --kill-child --mount --uts --ipc --net --cgroup \
      --propagation private sh /run/nslab/stage/sandbox.sh inner "$@"' sandbox "$@"
  ;;
inner)
  mount -t proc -o nosuid,nodev proc /proc
  mount -t tmpfs -o mode=1777,nosuid,nodev nslab-tmp /tmp
  mount -t tmpfs -o mode=1777,nosuid,nodev nslab-shm /dev/shm
  # The cgroup filesystems again, now rooted at the cgroup the grader made for this
  # submission (the cgroup namespace's root), as a container runtime mounts them.
  cgroups=$(awk '{ for (i = 7; i <= NF; i++) if ($i == "-") { print $5, $(i + 1), $(i + 3); break } }' \
    /proc/self/mountinfo | grep -E '^/sys/fs/cgroup(/| )' | grep -E ' cgroup2? ' || true)
  if echo "$cgroups" | grep -q '^/sys/fs/cgroup cgroup2 '; then
    mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 /sys/fs/cgroup || true
  elif [ -n "$cgroups" ]; then
    mount -t tmpfs -o mode=755,size=1m nslab-cgroup /sys/fs/cgroup
    echo "$cgroups" | while read -r dir type opts; do
      mkdir -p "$dir"
      if [ "$type" = cgroup2 ]; then
        mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 "$dir" || true
      else
        opts=$(echo "$opts" | tr , '\n' | grep -v -x -E 'rw|ro' | paste -s -d, -)
        mount -t cgroup -o "nosuid,nodev,noexec,$opts" cgroup "$dir" || true
      fi
    done
  fi
  cd /run/nslab/work
  # The grader moves the process that forked this one out of the cgroup namespace's root
  # when it reads this, then sends the nonce that nslab waits for.
  echo nslab-sandbox-ready
  exec "$@"
  ;;
esac
