#!/usr/bin/env bash
# Regenerates completions/ (the bash, zsh and fish scripts `cmake --install` installs) from the
# CLI definition: builds the dev preset's netobs, whose build renders them, and copies them over.
# tests/cli/completions_test.sh fails while the committed copies differ from the build's.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/dev/build.ninja ] || cmake --preset dev >/dev/null
cmake --build --preset dev --target netobs_docs_files >/dev/null
for file in netobs.bash _netobs netobs.fish; do
  cp build/dev/cli/completions/"$file" completions/"$file"
done
git status --short completions/
