#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy) on every library and CLI source; exits non-zero on any finding.
# It reads the asan build's compilation database, which is clang's: clang-tidy loads that build's
# precompiled headers, and checks the sources in the same batches the build compiles (a dozen
# sources per run), so the system headers are analysed once per batch, not once per source.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=$root/build/asan
[ -f "$build/build.ninja" ] || cmake --preset asan >/dev/null
cmake --build "$build" --target netobs_lib netobs_cli netobs_revision >/dev/null
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! run-clang-tidy-14 -quiet -p "$build" -j "$(nproc)" "^$root/(build/asan/)?(lib|cli)/.*\.(cpp|cxx)$" >"$log" 2>&1; then
  sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E "(warning|error):" | sort -u >&2 || tail -n 40 "$log" >&2
  echo "scripts/tidy.sh: clang-tidy found problems (above)" >&2
  exit 1
fi
echo "clang-tidy: clean" >&2
