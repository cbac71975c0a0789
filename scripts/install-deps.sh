#!/usr/bin/env bash
# Installs the Debian 12 packages netobs needs to build and run, when missing, and the packages
# named as arguments (scripts/install-test-tools.sh asks for the test tools this way: GoogleTest,
# clang, Prometheus, Graphviz, the shells, Node.js, ...). Runs apt-get only when something is
# missing (with sudo when not root).
set -euo pipefail

packages=(
  g++ cmake ninja-build pkgconf git
  libcli11-dev libyaml-dev libyaml-cpp-dev nlohmann-json3-dev libfmt-dev zlib1g-dev libsimdjson-dev
  libexpected-dev libcurl4-openssl-dev
  "$@"
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "netobs: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
