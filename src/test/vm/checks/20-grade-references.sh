#!/bin/bash
# grade-references: every lab's reference solution gets full marks (grade exits 0), one
# grade process per lab.
failed=()
for lab in labs/*.md; do
  id=$(basename "$lab" .md)
  ref=labs/solutions/$id/reference.txt
  [[ -f $ref ]] || continue
  out=$("$NSLAB" grade -j 2 "$lab" "$ref" 2>&1)
  rc=$?
  if [[ $rc -ne 0 ]]; then
    failed+=("$id")
    echo "== $id: grade exited $rc"
    echo "$out"
  fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "== not full marks: ${failed[*]}"
  exit 1
fi
