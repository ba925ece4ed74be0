#!/bin/bash
# killed-outright: an nslab with a cgroup of its own (in its systemd scope) and two background
# jobs is killed with SIGKILL. Its guardian ends the jobs and what is below them at once,
# systemd then removes the emptied scope, and the next nslab to start finds nothing left.
fifo=$(mktemp -u) && mkfifo "$fifo" && log=$(mktemp) || exit 1
"$NSLAB" <"$fifo" >"$log" 2>&1 &
exec 7>"$fifo"
cat >&7 <<'SCRIPT'
cgroup create demo --pids-max 50
cgroup join demo
spawn --bg sleep 1000
cgroup leave
spawn --bg sh -c 'sleep 1001 & exec sleep 1002'
spawn echo ready
SCRIPT
for _ in $(seq 1200); do grep -q '^ready' "$log" && break; sleep 0.5; done
if ! grep -q '^ready' "$log"; then echo "nslab did not get ready"; cat "$log"; exit 1; fi
jvm=$(pgrep -f 'nslab-guardian' | head -1 | xargs -r ps -o ppid= -p | tr -d ' ')
scope=$(sed -n 's/^0:://p' "/proc/$jvm/cgroup")
scope=${scope%/nslab-*}
kill -9 "$jvm"
exec 7>&-
for _ in $(seq 600); do pgrep -f nslab-guardian >/dev/null || break; sleep 0.5; done
problems=()
pgrep -a -f 'sleep 100[0-2]' && problems+=('a job outlived nslab')
grep -q "ended without ending what it had started; its guardian ended 3 processes" "$log" ||
  problems+=('the guardian did not say what it ended')
for _ in $(seq 120); do [[ -d /sys/fs/cgroup$scope ]] || break; sleep 0.5; done
[[ -d /sys/fs/cgroup$scope ]] && problems+=("systemd kept $scope")
next=$("$NSLAB" 2>&1 <<<'exit')
find /sys/fs/cgroup -name 'nslab-*' | grep -q . && problems+=("left: $(find /sys/fs/cgroup -name 'nslab-*')")
if [[ ${#problems[@]} -gt 0 ]]; then
  echo "problems: $(printf '%s; ' "${problems[@]}")"
  echo "scope: $scope"
  cat "$log"
  echo "next start: $next"
  exit 1
fi
echo "killed nslab's jobs ended by its guardian; scope $scope removed by systemd"
