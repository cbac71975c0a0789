#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy) on every library and CLI source; exits non-zero on any finding.
# It reads the asan build's compilation database, which is clang's, so clang-tidy loads that
# build's precompiled headers instead of parsing them again for every file; it builds the
# library and CLI first when they are not built.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=$root/build/asan
[ -f "$build/build.ninja" ] || cmake --preset asan >/dev/null
cmake --build "$build" --target netobs_lib netobs_cli netobs_revision >/dev/null
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! run-clang-tidy-14 -quiet -p "$build" -j "$(nproc)" "^$root/(lib|cli)/.*\.cpp$" >"$log" 2>&1; then
  sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E "(warning|error):" | sort -u >&2 || tail -n 40 "$log" >&2
  echo "scripts/tidy.sh: clang-tidy found problems (above)" >&2
  exit 1
fi
echo "clang-tidy: clean" >&2
