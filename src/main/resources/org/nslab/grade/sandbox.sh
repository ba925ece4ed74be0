# The sandbox nslab grades a submission in. The grader runs, as root:
#
#   unshare --mount --propagation private \
#     sh sandbox.sh outer BOX UID [SRC DST]... -- [SRC DST]... -- COMMAND...
#
# outer: still real root, in a private mount namespace. Builds a throwaway root: an overlay
# of / whose writes land on a tmpfs mounted on BOX (gone when the namespace dies), with empty
# tmpfs mounts over the directories that hold people's files (/home, /root, /var, /srv,
# /opt, /mnt, /media, /tmp, /run), a fresh /dev with only null, zero, full, random, urandom
# and tty, /sys read-only all the way down and without the host's cgroup trees, each SRC of
# the first list bound read-only at DST (nslab's classes, the JVM, the lab, this submission
# and nothing of any other), and each of the second copied to DST for the sandbox's root to
# own (a rootfs to pivot into, which needs a directory made in it). No proc at all: the host's
# processes are nowhere inside. Pivots into it, then becomes UID (an unused uid, no
# capabilities on the host) and makes a user namespace. There it waits for a line on
# standard input: the grader writes the uid and gid maps (0 -> UID, 65536 ids) first.
#
# pid1: root of that user namespace (and nothing more on the host), makes the sandbox's PID
# namespace (owned by the user namespace) and its cgroup namespace (rooted at grade-N/box,
# where the grader put it) and is forked into them as PID 1, still in the outer stage's mount
# namespace. It waits for a line: meanwhile the grader, as real root, moves it into
# box/grader, makes box/student with the submission's limits (see Sandbox.confine) and mounts
# a proc of this PID namespace at /run/nslab-host/proc (and in the rootfs copy), where no one
# inside can unmount it. A user namespace may mount proc only where a proc is fully visible
# already, and this one shows only the sandbox's own processes.
#
# inner: in new mount, UTS, IPC and network namespaces, still PID 1. Mounts its own
# /proc, /tmp, /dev/shm and cgroup filesystems (which the submission may unmount), then runs
# COMMAND.
set -eu
stage=$1
shift
case $stage in
outer)
  box=$1 uid=$2
  shift 2
  # Every tmpfs is sized, and all of them with nslab's JVM stay within the sandbox's memory
  # limit: a full tmpfs gives the submission "No space left on device", not the OOM killer.
  mount -t tmpfs -o size=128m,mode=755 nslab-sandbox "$box"
  mkdir "$box/upper" "$box/work" "$box/root"
  r=$box/root
  mount -t overlay -o "lowerdir=/,upperdir=$box/upper,workdir=$box/work" nslab-root "$r"
  for d in home root var srv opt mnt media tmp; do
    if [ -d "$r/$d" ]; then
      mount -t tmpfs -o mode=755,size=1m,nosuid,nodev nslab-empty "$r/$d"
    fi
  done
  chmod 1777 "$r/tmp"
  mount -t tmpfs -o mode=755,size=32m,nosuid,nodev nslab-run "$r/run"
  mount --rbind /sys "$r/sys"
  # The host's cgroup trees stay out: the inner stage mounts the sandbox's own.
  if mountpoint -q "$r/sys/fs/cgroup"; then
    umount -R "$r/sys/fs/cgroup"
  fi
  # Read-only all the way down: a remount changes one mount, so each one below $r/sys.
  awk -v top="$r/sys" '{ if ($5 == top || index($5, top "/") == 1) print $5 }' \
    /proc/self/mountinfo | while read -r m; do
    mount -o remount,bind,ro "$m"
  done
  mount -t tmpfs -o mode=755,size=1m,nosuid nslab-dev "$r/dev"
  for n in null zero full random urandom tty; do
    : >"$r/dev/$n"
    mount --bind "/dev/$n" "$r/dev/$n"
  done
  ln -s /proc/self/fd "$r/dev/fd"
  ln -s fd/0 "$r/dev/stdin"
  ln -s fd/1 "$r/dev/stdout"
  ln -s fd/2 "$r/dev/stderr"
  mkdir "$r/dev/shm" "$r/dev/pts"
  mkdir -p "$r/run/nslab/work"
  # (Few processes: each costs a tenth of a second on an emulated machine.)
  while [ "$1" != -- ]; do
    if [ -d "$1" ]; then
      mkdir -p "$r$2"
    else
      mkdir -p "$r${2%/*}"
      : >"$r$2"
    fi
    mount -o bind,ro "$1" "$r$2"
    shift 2
  done
  shift
  while [ "$1" != -- ]; do
    mkdir -p "$(dirname "$r$2")"
    cp -a "$1" "$r$2"
    chown -R "$uid:$uid" "$r$2"
    # After pivot_root into this copy and dropping the old root, mounting proc needs a proc
    # already in the mount namespace: the grader mounts one here too (see pid1).
    mkdir -m 755 "$r$2/.nslab-host"
    mkdir -m 755 "$r$2/.nslab-host/proc"
    shift 2
  done
  shift
  mkdir -p -m 755 "$r/run/nslab-host/proc"
  # util-linux's umount reads /proc/self/mountinfo: the host's proc, for these two steps only.
  mount -t proc proc "$r/proc"
  mkdir "$r/.old-root"
  cd "$r"
  pivot_root . .old-root
  cd /
  umount -l /.old-root
  rmdir /.old-root
  umount /proc
  # The user namespace is made by a privileged process: util-linux unshare keeps
  # CAP_SYS_ADMIN through setpriv (ambient), so that Ubuntu's AppArmor restriction on
  # unprivileged user namespaces (23.10+) does not leave the sandbox without capabilities.
  # The capability is worth nothing on the host once unshare(CLONE_NEWUSER) has moved the
  # process into the new namespace, a moment later.
  exec setpriv --reuid="$uid" --regid="$uid" --clear-groups --inh-caps=+sys_admin \
    --ambient-caps=+sys_admin unshare --user sh -c \
    'read -r go && exec unshare --pid --cgroup --fork --kill-child \
      sh /run/nslab/stage/sandbox.sh pid1 "$@"' sandbox "$@"
  ;;
pid1)
  read -r mounted
  exec unshare --mount --uts --ipc --net --propagation private \
    sh /run/nslab/stage/sandbox.sh inner "$@"
  ;;
inner)
  mount -t proc -o nosuid,nodev proc /proc
  mount -t tmpfs -o mode=1777,size=64m,nosuid,nodev nslab-tmp /tmp
  mount -t tmpfs -o mode=1777,size=32m,nosuid,nodev nslab-shm /dev/shm
  # The cgroup filesystems, rooted at the cgroup the grader made for this submission (the
  # cgroup namespace's root), as a container runtime mounts them: the layout is the host's
  # (v2, or v1 hierarchies), read from the cgroups this process is in.
  if grep -q '^0::' /proc/self/cgroup && ! grep -q -v '^0::' /proc/self/cgroup; then
    mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 /sys/fs/cgroup || true
  else
    mount -t tmpfs -o mode=755,size=1m nslab-cgroup /sys/fs/cgroup
    grep -v '^0::' /proc/self/cgroup | cut -d: -f2 | while read -r opts; do
      case $opts in
        name=*) dir=${opts#name=} opts=none,$opts ;;
        *) dir=$opts ;;
      esac
      mkdir -p "/sys/fs/cgroup/$dir"
      mount -t cgroup -o "nosuid,nodev,noexec,$opts" cgroup "/sys/fs/cgroup/$dir" || true
    done
    if grep -q '^0::' /proc/self/cgroup; then
      mkdir -p /sys/fs/cgroup/unified
      mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 /sys/fs/cgroup/unified || true
    fi
  fi
  cd /run/nslab/work
  exec "$@"
  ;;
esac
