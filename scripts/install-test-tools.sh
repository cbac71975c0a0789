#!/usr/bin/env bash
# Installs the tools only the tests use that scripts/install-deps.sh does not: the npm packages
# (tests/tools/package.json, pinned by its package-lock.json) into tests/tools/node_modules, and
# Node.js itself when it is missing; and kubectl, when an apt source has it (Debian 12 itself has
# no kubectl package): where it cannot be installed, this says so, and tests/cli/cluster_test.sh
# reports its kubectl checks as skipped. Runs npm only when the installed packages do not match
# the lock file.
set -euo pipefail
cd "$(dirname "$0")/../tests/tools"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  ../../scripts/install-deps.sh nodejs npm
fi

if ! command -v kubectl >/dev/null; then
  candidate=$(apt-cache policy kubectl 2>/dev/null | awk '/Candidate:/ {print $2}')
  if [ -n "$candidate" ] && [ "$candidate" != "(none)" ]; then
    ../../scripts/install-deps.sh kubectl
  fi
  if ! command -v kubectl >/dev/null; then
    echo "netobs: kubectl is missing and no apt source has it (Debian 12 has no package): the" \
      "kubectl checks of tests/cli/cluster_test.sh will be skipped; install it as" \
      "https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/ says to run them" >&2
  fi
fi

# The lock the installed packages came from is kept beside them; an unchanged lock needs no install.
if cmp -s package-lock.json node_modules/.netobs-installed-lock 2>/dev/null; then
  exit 0
fi
echo "netobs: installing the test tools (npm ci in tests/tools)" >&2
npm ci --no-audit --no-fund --loglevel=error >/dev/null
cp package-lock.json node_modules/.netobs-installed-lock
