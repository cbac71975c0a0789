#!/usr/bin/env bash
# Quick start, part 2: install what is missing, build, and run every test (unit, golden and
# end-to-end): first in the dev build (gcc), then under AddressSanitizer and UBSan (clang), then
# the clang-format check, clang-tidy, and last each fuzz target for a short while
# (NETOBS_FUZZ_SECONDS, default 10).
# Every step runs even when one before failed; the last line counts them all (CI reads it):
# "tests: N passed, N failed, N skipped" (a test is skipped where a tool it needs is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/install-test-tools.sh
jobs=$(nproc)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# Each step's start is stamped with the seconds since the run began: CI has a 30-minute budget.
stamp() { echo "== [${SECONDS}s] $1" >&2; }
for preset in dev asan; do
  stamp "$preset build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  stamp "$preset tests"
  ctest --preset "$preset" -j "$jobs" | tee "$logs/$preset.log" || true
done
steps=()
stamp clang-format
if ./scripts/format.sh --check; then steps+=(clang-format=passed); else steps+=(clang-format=failed); fi
stamp clang-tidy
if ./scripts/tidy.sh; then steps+=(clang-tidy=passed); else steps+=(clang-tidy=failed); fi
stamp fuzz
if ./scripts/fuzz.sh --all "${NETOBS_FUZZ_SECONDS:-10}"; then steps+=(fuzz=passed); else steps+=(fuzz=failed); fi
stamp summary
./scripts/count-tests.sh "$logs/dev.log" "$logs/asan.log" -- "${steps[@]}"
