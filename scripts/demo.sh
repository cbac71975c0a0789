#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build netobs, and recommend policies for the
# bundled sample scenario (a shop on EKS: VPC flow logs, Hubble flows and an inventory).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target netobs
echo
echo "$ netobs recommend samples/flows --inventory samples/flows/inventory.json" >&2
./build/release/cli/netobs recommend samples/flows --inventory samples/flows/inventory.json
