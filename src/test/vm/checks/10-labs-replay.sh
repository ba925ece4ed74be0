#!/bin/bash
# labs-replay: five labs replayed in one nslab process (one JVM start), every one PASS.
# LABS="a b" replays those instead (other-kernel replays the other five so).
read -r -a labs <<<"${LABS:-cgroup uts pid mount container}"
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
