#!/bin/bash
# other-kernel: the five labs labs-replay leaves out (intro, ipc, net, time, user) replayed on
# Debian's kernel, and time offsets set in-process (the lab task writes its own
# /proc/TID/timens_offsets), which on this kernel goes by the same route as on 6.x hosts.
labs=(intro ipc net time user)
files=()
for l in "${labs[@]}"; do files+=("labs/$l.md"); done
out=$("$NSLAB" run "${files[@]}" 2>&1)
rc=$?
bad=()
for l in "${labs[@]}"; do
  grep -q "PASS labs/$l\.md" <<<"$out" || bad+=("$l")
done
if [[ $rc -ne 0 || ${#bad[@]} -gt 0 ]]; then
  echo "nslab run exited $rc; not PASS: ${bad[*]:-none}"
  echo "$out"
  exit 1
fi
# A day of boot time added: the child's uptime starts at 864000 s or more.
out=$(printf 'unshare time --boottime 864000\nspawn cat /proc/uptime\nexit\n' \
  | unshare --uts --ipc --mount --propagation private "$NSLAB" 2>&1)
up=$(awk '$1 ~ /^[0-9.]+$/ && NF == 2 { print int($1) }' <<<"$out" | tail -n 1)
if [[ -z $up || $up -lt 864000 ]]; then
  echo "uptime in the new time namespace: ${up:-none}, expected 864000 or more"
  echo "$out"
  exit 1
fi
