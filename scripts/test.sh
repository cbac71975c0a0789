#!/usr/bin/env bash
# Quick start, part 2: install what is missing, build, and run every test (unit, golden and
# end-to-end): first in the dev build (gcc), then under AddressSanitizer and UBSan (clang), then
# clang-tidy, and last each fuzz target for a short while (NETOBS_FUZZ_SECONDS, default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/install-test-tools.sh
jobs=$(nproc)
for preset in dev asan; do
  echo "== $preset build" >&2
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done
echo "== clang-tidy" >&2
./scripts/tidy.sh
echo "== fuzz" >&2
./scripts/fuzz.sh --all "${NETOBS_FUZZ_SECONDS:-10}"
