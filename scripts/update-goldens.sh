#!/usr/bin/env bash
# Rewrites the expected output of every golden case from the dev build; review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset dev >/dev/null
cmake --build --preset dev
NETOBS_UPDATE_GOLDEN=1 ctest --preset dev -R '^golden/'
git status --short tests/golden
