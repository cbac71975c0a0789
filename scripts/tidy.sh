#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy) on every library and CLI source of the dev build's compilation
# database; exits non-zero on any finding. Configures the dev preset when it has not been.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build/dev
if [ ! -f "$build/compile_commands.json" ]; then
  cmake --preset dev >/dev/null
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! run-clang-tidy-14 -quiet -p "$build" -j "$(nproc)" "^$root/(lib|cli)/.*\.cpp$" >"$log" 2>&1; then
  grep -E "(warning|error):" "$log" | sort -u >&2 || tail -n 40 "$log" >&2
  echo "scripts/tidy.sh: clang-tidy found problems (above)" >&2
  exit 1
fi
echo "clang-tidy: clean" >&2
