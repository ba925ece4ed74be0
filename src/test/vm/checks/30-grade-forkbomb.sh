#!/bin/bash
# grade-forkbomb: a fork bomb submitted for the uts lab is graded (a report, no "not graded"
# error), within bounded time, and the report says it hit the process limit (the kernel's
# count, pids.events: the same on a fast machine and a slow one).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' "spawn sh -c 'f() { f | f & }; f'" 'spawn true' >"$tmp/forkbomb.txt"
# The submission's own limit is 60 s; grading it must end well within 240 s.
timeout -k 5 240 "$NSLAB" grade -f json -o "$tmp/report.json" --timeout 60 \
  labs/uts.md "$tmp/forkbomb.txt" >"$tmp/grade.out" 2>&1
rc=$?
why=
if [[ $rc -eq 124 || $rc -eq 137 ]]; then
  why="grading did not end within 240 s"
elif [[ ! -s $tmp/report.json ]]; then
  why="no report written (grade exited $rc)"
elif ! grep -q '"error": null' "$tmp/report.json"; then
  why="not graded (grade exited $rc)"
elif ! grep -q '"command": "spawn true"' "$tmp/report.json"; then
  why="the report does not reach the line after the fork bomb (grade exited $rc)"
elif ! grep -q "line 1 (spawn sh -c 'f() { f | f & }; f') hit the process limit (256 processes)" \
  "$tmp/report.json"; then
  why="the report does not say that the fork bomb hit the process limit (grade exited $rc)"
fi
if [[ -n $why ]]; then
  echo "$why"
  echo "-- grade's output:"
  cat "$tmp/grade.out"
  echo "-- report:"
  cat "$tmp/report.json" 2>/dev/null
  exit 1
fi
