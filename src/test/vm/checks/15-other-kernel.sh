#!/bin/bash
# other-kernel: the five labs labs-replay leaves out (intro, ipc, net, time and user) replayed
# on Debian's kernel, and time offsets: in-process where the kernel allows it, else the
# refusal's own advice followed.
LABS="intro ipc net time user" bash "$(dirname "$0")/10-labs-replay.sh" || exit 1
# A day of boot time added in-process: on kernels that start a child of a thread whose
# time_for_children differs from its time (6.18), a child's uptime starts at 864000 s or
# more; on 6.1 (EINVAL for posix_spawn's CLONE_VM clone) nslab refuses, changes nothing and
# says to use spawn --time, and doing exactly that must work.
uptime_of() { awk '$1 ~ /^[0-9.]+$/ && NF == 2 { print int($1) }' <<<"$1" | tail -n 1; }
out=$(printf 'unshare time --boottime 864000\nspawn cat /proc/uptime\nexit\n' \
  | unshare --uts --ipc --mount --propagation private "$NSLAB" 2>&1)
up=$(uptime_of "$out")
if grep -q "starts no child while the lab task's time_for_children differs" <<<"$out"; then
  advice=$(grep -o 'Use spawn --time --boottime SECS --monotonic SECS PROGRAM' <<<"$out")
  if [[ -z $advice || $up -ge 864000 ]]; then
    echo "refused without the advice, or changed something anyway (uptime $up)"
    echo "$out"
    exit 1
  fi
  out=$(printf 'spawn --time --boottime 864000 --monotonic 0 cat /proc/uptime\nexit\n' \
    | unshare --uts --ipc --mount --propagation private "$NSLAB" 2>&1)
  up=$(uptime_of "$out")
fi
if [[ -z $up || $up -lt 864000 ]]; then
  echo "uptime in the new time namespace: ${up:-none}, expected 864000 or more"
  echo "$out"
  exit 1
fi
