#!/usr/bin/env bash
# Runs one golden case folder: the command line in `args` (one line, run from the folder, without
# the binary's name) must print exactly `expected.<format>` on stdout, exactly `expected.stderr` on
# stderr, and exit with the code in `expected.exit` (0 when absent). An exit code outside 0-3 is
# a crash (139 is a segfault), never an expected result.
# SHARED in `args` stands for ../shared beside the repository (and is written back as SHARED in
# stderr, which names files); the case is skipped (exit 77) where that is absent.
# NETOBS_UPDATE_GOLDEN=1 rewrites the expected files instead, but refuses to record a crash or an
# empty stdout with exit 0 (a run that printed nothing is not a result to keep).
set -u
netobs=$1
case_dir=$2
cd "$case_dir" || exit 1
args=$(<args)
shared=
if [[ $args == *SHARED* ]]; then
  shared=$(cd "$(git rev-parse --show-toplevel 2>/dev/null || echo ../../../..)" && pwd)/../shared
  [ -d "$shared" ] || { echo "skipped: $shared is absent"; exit 77; }
  args=${args//SHARED/$shared}
fi
expected_out=$(ls expected.* 2>/dev/null | grep -v -e '^expected.exit$' -e '^expected.stderr$' | head -n 1)
expected_out=${expected_out:-expected.yaml}
actual_out=$(mktemp)
actual_err=$(mktemp)
trap 'rm -f "$actual_out" "$actual_err"' EXIT
eval "\"\$netobs\" $args" >"$actual_out" 2>"$actual_err"
code=$?
if [ -n "$shared" ]; then
  # Literal replacement (sed would read the path as a pattern).
  python3 -c 'import sys; p = sys.argv[1]; s = open(p).read(); open(p, "w").write(s.replace(sys.argv[2], "SHARED"))' \
    "$actual_err" "$shared"
fi

if [ "$code" -lt 0 ] || [ "$code" -gt 3 ]; then
  echo "exit code $code: netobs exits 0-3, anything else is a crash or a signal"
  echo "--- stderr was:"
  cat "$actual_err"
  exit 1
fi

if [ "${NETOBS_UPDATE_GOLDEN:-}" = 1 ]; then
  if [ "$code" -eq 0 ] && [ ! -s "$actual_out" ]; then
    echo "refusing to record $case_dir: exit 0 with nothing on stdout"
    exit 1
  fi
  cp "$actual_out" "$expected_out"
  if [ "$code" -ne 0 ]; then echo "$code" >expected.exit; else rm -f expected.exit; fi
  cp "$actual_err" expected.stderr
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
if [ ! -f expected.stderr ]; then
  echo "no expected.stderr: every case records its stderr (scripts/update-goldens.sh writes it)"
  status=1
elif ! diff -u expected.stderr "$actual_err"; then
  echo "stderr differs from expected.stderr"
  status=1
fi
[ $status -eq 0 ] || { echo "--- stderr was:"; cat "$actual_err"; }
exit $status
