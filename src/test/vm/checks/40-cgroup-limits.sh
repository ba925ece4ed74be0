#!/bin/bash
# cgroup-limits: in one script, a cgroup with pids and memory limits is made, joined, stops a
# fork chain at 5 processes and kills a memory hog, then is left and deleted. (The hog stops by
# itself at 256 MB: where the limit failed, it must not take the VM down with it.)
out=$("$NSLAB" 2>&1 <<'SCRIPT'
cgroup create lim --pids-max 5 --memory-max 64M
cgroup join lim
spawn sh -c 'fork() { echo "process $1"; [ $1 -lt 20 ] && ( fork $(($1 + 1)) ); }; fork 1'
spawn sh -c 'x=0123456789abcdef; i=0; while [ $i -lt 24 ]; do x=$x$x; i=$((i+1)); done'
cgroup leave
cgroup delete lim
SCRIPT
)
rc=$?
missing=()
want() { grep -q -- "$1" <<<"$out" || missing+=("$2"); }
want 'created cgroup lim' 'cgroup create'
want 'children spawned from now on start in cgroup lim' 'cgroup join'
want 'process 5' 'the chain reaching 5 processes'
want 'Cannot fork' 'the chain stopped ("Cannot fork")'
want 'killed by SIGKILL' 'the memory hog killed'
want "start in nslab's own cgroup" 'cgroup leave'
want 'deleted cgroup lim' 'cgroup delete'
grep -q 'process 6' <<<"$out" && missing+=('no process 6 (it got one)')
# nslab's own error lines for the cgroup commands ("cgroup: ...").
grep -q '^cgroup:' <<<"$out" && missing+=('no cgroup errors')
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "nslab exited $rc; missing: $(printf '%s; ' "${missing[@]}")"
  echo "$out"
  exit 1
fi
