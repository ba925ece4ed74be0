#!/bin/bash
# no-leftovers: after every other check, no nslab-* cgroup is left anywhere (systemd is given
# up to 30 s to collect what it owns), and the session scope's other process still lives.
left=
for _ in $(seq 60); do
  left=$(find /sys/fs/cgroup -type d -name 'nslab-*' 2>/dev/null)
  [[ -z $left ]] && break
  sleep 0.5
done
status=0
if [[ -n $left ]]; then
  echo "left behind after 30 s:"
  echo "$left"
  status=1
fi
if [[ -z ${VMTEST_OTHER_PID:-} ]] || ! kill -0 "$VMTEST_OTHER_PID" 2>/dev/null; then
  echo "the session scope's other process (${VMTEST_OTHER_PID:-none}) is gone"
  status=1
elif [[ $(cat "/proc/$VMTEST_OTHER_PID/comm") != sleep ]]; then
  echo "pid $VMTEST_OTHER_PID is not the session's sleep any more: $(cat "/proc/$VMTEST_OTHER_PID/comm")"
  status=1
else
  own=$(cat "/proc/$VMTEST_OTHER_PID/cgroup")
  [[ $own == "0::$VMTEST_SESSION_CGROUP" ]] || {
    echo "the session's other process moved: $own (was 0::$VMTEST_SESSION_CGROUP)"
    status=1
  }
fi
exit $status
