#!/usr/bin/env bash
# Regenerates samples/ (the shop scenario and its ground truth) with the deterministic generator.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset dev >/dev/null
cmake --build --preset dev --target flowgen
rm -rf samples/flows samples/truth
./build/dev/tools/flowgen scenario samples
git status --short samples
