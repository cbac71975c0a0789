#!/usr/bin/env bash
# Formats every C++ source in the tree with clang-format (.clang-format), or with --check says
# which files are not formatted and exits non-zero (the test command runs that).
set -euo pipefail
cd "$(dirname "$0")/.."
format=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$format" ]; then
  echo "scripts/format.sh: clang-format is not installed (Debian: clang-format-14)" >&2
  exit 3
fi
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.cc')
if [ "${1:-}" = "--check" ]; then
  if ! "$format" --dry-run --Werror "${files[@]}" 2>"${TMPDIR:-/tmp}/netobs-format.log"; then
    grep -o '^[^:]*:[0-9]*:[0-9]*: error' "${TMPDIR:-/tmp}/netobs-format.log" | cut -d: -f1 | sort -u |
      sed 's/^/not formatted: /' >&2
    echo "scripts/format.sh: run scripts/format.sh to format them" >&2
    exit 1
  fi
  echo "clang-format: clean" >&2
else
  "$format" -i "${files[@]}"
fi
