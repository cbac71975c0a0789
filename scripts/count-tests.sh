#!/usr/bin/env bash
# Counts the tests of one or more ctest runs (their output, as saved by scripts/test.sh) and of
# the steps given as NAME=passed|failed (clang-tidy, the fuzzers), lists those that failed or were
# skipped, and ends with the line CI reads: "tests: N passed, N failed, N skipped".
# Exits 1 when a test failed or none ran at all (nothing that ran is nothing proved).
# Usage: scripts/count-tests.sh CTEST_LOG... [-- NAME=passed|failed...]
set -euo pipefail
logs=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
  logs+=("$1")
  shift
done
[ $# -gt 0 ] && shift
# One line per test: "STATUS NAME". ctest prints each result as
#   "  12/250 Test  #12: golden/lint/clean .........   Passed    0.05 sec"
# with "***Failed", "***Skipped", "***Exception: ...", "***Timeout" or "***Not Run" instead.
results=$(awk '
  /^ *[0-9]+\/[0-9]+ +Test +#[0-9]+: / {
    name = $0; sub(/^ *[0-9]+\/[0-9]+ +Test +#[0-9]+: /, "", name); sub(/ .*/, "", name)
    status = "failed"
    if ($0 ~ / Passed +[0-9.]+ sec/) status = "passed"
    else if ($0 ~ /\*\*\*Skipped|Not Run \(Disabled\)/) status = "skipped"
    print status, name
  }' "${logs[@]}")
for step in "$@"; do
  results+=$'\n'"${step#*=} ${step%%=*}"
done
results=$(printf '%s\n' "$results" | sed '/^$/d')
count() { printf '%s\n' "$results" | grep -c "^$1 " || true; }
passed=$(count passed)
failed=$(count failed)
skipped=$(count skipped)
printf '%s\n' "$results" | grep -E '^(failed|skipped) ' | sort -k2 | sed 's/^/  /' || true
if [ $((passed + failed + skipped)) -eq 0 ]; then
  echo "no test ran"
  failed=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
