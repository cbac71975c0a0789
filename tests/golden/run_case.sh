#!/usr/bin/env bash
# Runs one golden case folder: the command line in `args` (one line, run from the folder, without
# the binary's name) must print exactly `expected.<format>` on stdout, exit with the code in
# `expected.exit` (0 when absent) and, when `expected.stderr` exists, print exactly that on stderr.
# SHARED in `args` stands for ../shared beside the repository; the case is skipped (exit 125)
# where that is absent. NETOBS_UPDATE_GOLDEN=1 rewrites the expected files instead.
set -u
netobs=$1
case_dir=$2
cd "$case_dir" || exit 1
args=$(<args)
if [[ $args == *SHARED* ]]; then
  shared=$(cd "$(git rev-parse --show-toplevel 2>/dev/null || echo ../../../..)" && pwd)/../shared
  [ -d "$shared" ] || { echo "skipped: $shared is absent"; exit 125; }
  args=${args//SHARED/$shared}
fi
expected_out=$(ls expected.* 2>/dev/null | grep -v -e '^expected.exit$' -e '^expected.stderr$' | head -n 1)
expected_out=${expected_out:-expected.yaml}
actual_out=$(mktemp)
actual_err=$(mktemp)
trap 'rm -f "$actual_out" "$actual_err"' EXIT
eval "\"\$netobs\" $args" >"$actual_out" 2>"$actual_err"
code=$?

if [ "${NETOBS_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$actual_out" "$expected_out"
  if [ "$code" -ne 0 ]; then echo "$code" >expected.exit; else rm -f expected.exit; fi
  [ -f expected.stderr ] && cp "$actual_err" expected.stderr
  echo "updated $case_dir"
  exit 0
fi

status=0
want_code=$(cat expected.exit 2>/dev/null || echo 0)
if [ "$code" -ne "$want_code" ]; then
  echo "exit code $code, expected $want_code"
  status=1
fi
if ! diff -u "$expected_out" "$actual_out"; then
  echo "stdout differs from $expected_out"
  status=1
fi
if [ -f expected.stderr ] && ! diff -u expected.stderr "$actual_err"; then
  echo "stderr differs from expected.stderr"
  status=1
fi
[ $status -eq 0 ] || { echo "--- stderr was:"; cat "$actual_err"; }
exit $status
