#!/usr/bin/env bash
# Installs what only the tests (scripts/test.sh, which runs this) and the benchmark use, beside
# what scripts/install-deps.sh installs to build and run netobs: the Debian packages below
# (GoogleTest; clang with its sanitizer runtimes and clang-tidy; the tools the end-to-end suites
# drive: Python and openssl for the test servers, Prometheus, man, Graphviz, the three shells;
# gzip, diff and time), Node.js, the npm packages (tests/tools/package.json, pinned by its
# package-lock.json) into tests/tools/node_modules, and kubectl, when an apt source has it
# (Debian 12 itself has no kubectl package): where it cannot be installed, this says so, and
# tests/cli/cluster_test.sh reports its kubectl checks as skipped. Runs apt-get and npm only when
# something is missing or the installed npm packages do not match the lock file.
set -euo pipefail
cd "$(dirname "$0")/../tests/tools"

test_packages=(
  libgtest-dev
  clang-14 libclang-rt-14-dev clang-tidy-14 clang-format-14
  python3 openssl prometheus man-db graphviz bash-completion zsh fish
  gzip diffutils time
)
# Node.js by its commands, not its Debian packages: NodeSource's nodejs carries npm itself.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  test_packages+=(nodejs npm)
fi
../../scripts/install-deps.sh "${test_packages[@]}"

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
