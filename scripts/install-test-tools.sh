#!/usr/bin/env bash
# Installs the npm packages only the tests use (tests/tools/package.json, pinned by its
# package-lock.json) into tests/tools/node_modules, and Node.js itself when it is missing.
# Runs npm only when the installed packages do not match the lock file.
set -euo pipefail
cd "$(dirname "$0")/../tests/tools"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  ../../scripts/install-deps.sh nodejs npm
fi

# The lock the installed packages came from is kept beside them; an unchanged lock needs no install.
if cmp -s package-lock.json node_modules/.netobs-installed-lock 2>/dev/null; then
  exit 0
fi
echo "netobs: installing the test tools (npm ci in tests/tools)" >&2
npm ci --no-audit --no-fund --loglevel=error >/dev/null
cp package-lock.json node_modules/.netobs-installed-lock
