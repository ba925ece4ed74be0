#!/bin/bash
# cgroup-without-systemd: where no systemd gives nslab a scope of its own (hidden here: nslab
# looks for /run/systemd/system), and its cgroup holds other processes (this check's scope
# holds a sleep), `cgroup create` says why it cannot, and what to do; doing exactly that works,
# and a limit whose controller is not delegated (cpu) is off with a one-line notice.
script='cgroup create x --pids-max 3 --cpu-max 50000
cgroup join x
spawn sh -c '"'"'fork() { echo "process $1"; [ $1 -lt 9 ] && ( fork $(($1 + 1)) ); }; fork 1'"'"'
cgroup delete x'
out=$(unshare --mount --propagation private sh -c \
  'mount -t tmpfs nslab-no-systemd /run/systemd && exec "$0"' "$NSLAB" <<<"$script" 2>&1)
bad=()
grep -q 'also holds' <<<"$out" || bad+=("no word of the other processes in nslab's cgroup")
advice="sh -c 'echo \$\$ > /sys/fs/cgroup/nslab/cgroup.procs && exec scripts/nslab'"
grep -qF "$advice" <<<"$out" || bad+=("no advice: $advice")
# The advice, word for word (scripts/nslab is $NSLAB here), still without systemd.
mkdir /sys/fs/cgroup/nslab
# The fact the notice states: cpu is not among the controllers that cgroup may use.
grep -qw cpu /sys/fs/cgroup/nslab/cgroup.controllers &&
  bad+=("cpu is in /sys/fs/cgroup/nslab/cgroup.controllers: the notice below would be false")
followed=$(unshare --mount --propagation private sh -c \
  'mount -t tmpfs nslab-no-systemd /run/systemd &&
   sh -c "echo \$\$ > /sys/fs/cgroup/nslab/cgroup.procs && exec $0"' "$NSLAB" <<<"$script" 2>&1)
rmdir /sys/fs/cgroup/nslab || bad+=("/sys/fs/cgroup/nslab was left with something in it")
grep -q 'created cgroup x' <<<"$followed" || bad+=("following the advice, no cgroup was made")
grep -q 'Cannot fork' <<<"$followed" || bad+=("following the advice, pids.max did not hold")
grep -q 'process 4' <<<"$followed" && bad+=("following the advice, a fourth process started")
# cpu is enabled for no one here: that one limit is off, said in one line, the rest holds.
grep -q "^cgroup: the CPU limit is off: cpu is not among the controllers nslab's cgroup may use" \
  <<<"$followed" ||
  bad+=("no notice that the CPU limit is off")
if [[ ${#bad[@]} -gt 0 ]]; then
  printf '%s\n' "${bad[@]}"
  echo "== without the advice:"
  echo "$out"
  echo "== with it:"
  echo "$followed"
  exit 1
fi
