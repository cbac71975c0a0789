# shellcheck shell=bash
# Shared by the bench scripts (sourced, not run): how one command is measured.

# best_of [--answer-exit N] CMD...: the best wall time of three runs of CMD, and the largest peak
# RSS (KiB), as "s kb". A failing command is no measurement: the first run that exits non-zero
# stops the script (exit 3) with its output, instead of timing an error. --answer-exit N makes
# exit N an answer too (diff exits 1 when the states differ).
# Call it as `measured=$(best_of ...)`, not inside a here-string: there set -e would not see the
# failure, and the caller would go on with empty numbers.
best_of() {
  local answer=0
  if [ "$1" = "--answer-exit" ]; then
    answer=$2
    shift 2
  fi
  local best="" kb=0 out s k code
  for _ in 1 2 3; do
    code=0
    out=$( { /usr/bin/time -f '%e %M' "$@" >/dev/null; } 2>&1) || code=$?
    if [ "$code" -ne 0 ] && [ "$code" -ne "$answer" ]; then
      echo "bench: '$*' failed ($code):" >&2
      echo "$out" >&2
      exit 3
    fi
    out=$(tail -n 1 <<<"$out")
    s=${out% *}
    k=${out#* }
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; fi
    [ "$k" -gt "$kb" ] && kb=$k
  done
  echo "$best $kb"
}
