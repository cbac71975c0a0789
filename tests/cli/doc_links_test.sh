#!/usr/bin/env bash
# The documentation's relative links resolve: every file README.md, CONTRIBUTING.md and docs/*.md
# link to exists in the repository, and every #fragment names a heading of its file.
source "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_suite "python3 is not installed (scripts/install-test-tools.sh installs it)"
LINKS="$NETOBS_SOURCE_DIR/tests/testutil/md_links.py"

cd "$NETOBS_SOURCE_DIR" || exit 1
check "README.md, CONTRIBUTING.md and docs/*.md link to what exists" \
  python3 "$LINKS" . README.md CONTRIBUTING.md docs/*.md
python3 "$LINKS" . README.md CONTRIBUTING.md docs/*.md

# The checker itself finds a missing file and a missing heading (else the check above proves nothing).
mkdir -p "$WORK/repo/docs"
printf '# Top\n\n## A heading: `--flag`\n\nSee [a](docs/a.md), [b](#a-heading---flag) and `[c](nowhere.md)`.\n' >"$WORK/repo/README.md"
printf '# A\n\n[back](../README.md#top) [gone](missing.md) [bad](../README.md#nope) [web](https://example.com/x.md)\n' >"$WORK/repo/docs/a.md"
cd "$WORK/repo" || exit 1
python3 "$LINKS" . README.md docs/a.md >"$WORK/out"
code=$?
check "a broken link fails the check" exit_is 1
check "a missing file is named with its line" grep -qx "docs/a.md:3: missing.md: no such file" "$WORK/out"
check "a missing heading is named" grep -qF "docs/a.md:3: ../README.md#nope: no heading #nope" "$WORK/out"
check "good links, code and URLs are not reported" test "$(wc -l <"$WORK/out")" -eq 2
finish
