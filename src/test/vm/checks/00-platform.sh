#!/bin/bash
# platform: the machine is what the other checks claim to test: systemd is PID 1, only
# cgroup v2 is mounted (no v1 hierarchy, ever), and the checks run as root in a scope that
# is not delegated and holds another process too (a login shell's session, as it were).
bad=()
[[ $(cat /proc/1/comm) == systemd ]] || bad+=("PID 1 is $(cat /proc/1/comm), not systemd")
[[ $(id -u) -eq 0 ]] || bad+=("not root: uid $(id -u)")
[[ $(stat -fc %T /sys/fs/cgroup) == cgroup2fs ]] || bad+=("/sys/fs/cgroup is $(stat -fc %T /sys/fs/cgroup)")
v1=$(awk '$3 == "cgroup"' /proc/mounts)
[[ -z $v1 ]] || bad+=("cgroup v1 mounted: $v1")
[[ $(cat /proc/self/cgroup) == 0::* && $(wc -l </proc/self/cgroup) -eq 1 ]] ||
  bad+=("/proc/self/cgroup is not v2 only: $(cat /proc/self/cgroup)")
scope=${VMTEST_SESSION_CGROUP:-}
[[ $scope == *.scope ]] || bad+=("the checks do not run in a scope: ${scope:-?}")
grep -qx "${VMTEST_OTHER_PID:-x}" "/sys/fs/cgroup$scope/cgroup.procs" ||
  bad+=("the scope does not hold the other process ${VMTEST_OTHER_PID:-?}")
delegate=$(systemctl show -P Delegate "${scope##*/}")
[[ $delegate == no ]] || bad+=("the scope is delegated (Delegate=$delegate)")
if [[ ${#bad[@]} -gt 0 ]]; then
  printf '%s\n' "${bad[@]}"
  exit 1
fi
