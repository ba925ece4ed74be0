#!/bin/bash
# grade-references: every lab's reference solution gets full marks (grade exits 0), one
# grade process per lab, two at a time (the guest has two CPUs).
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for lab in labs/*.md; do
  id=$(basename "$lab" .md)
  [[ -f labs/solutions/$id/reference.txt ]] && echo "$id"
done | xargs -P 2 -I{} sh -c \
  '"$0" grade "labs/{}.md" "labs/solutions/{}/reference.txt" >"$1/{}.out" 2>&1; echo $? >"$1/{}.rc"' \
  "$NSLAB" "$out"
failed=()
for rc in "$out"/*.rc; do
  id=$(basename "$rc" .rc)
  if [[ $(cat "$rc") != 0 ]]; then
    failed+=("$id")
    echo "== $id: grade exited $(cat "$rc")"
    cat "$out/$id.out"
  fi
done
[[ -n $(ls "$out"/*.rc 2>/dev/null) ]] || { echo "no lab was graded"; exit 1; }
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "== not full marks: ${failed[*]}"
  exit 1
fi
