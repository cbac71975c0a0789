# Helpers for the end-to-end suites: each suite sources this, runs the built binary ($NETOBS)
# in a fresh temporary folder and reports "N passed, N failed, N skipped" at the end. A suite
# that could not run some of its checks (a tool is missing) ends with exit 77, which ctest reports
# as skipped (SKIP_RETURN_CODE in tests/CMakeLists.txt): never as passed.
set -u
: "${NETOBS:?NETOBS must name the built netobs binary}"
: "${NETOBS_SOURCE_DIR:?NETOBS_SOURCE_DIR must name the repository}"
SAMPLES="$NETOBS_SOURCE_DIR/samples"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
passed=0
failed=0
skipped=0

# run ARGS...: runs netobs, keeping stdout in $WORK/out, stderr in $WORK/err and the code in $code.
run() {
  "$NETOBS" "$@" >"$WORK/out" 2>"$WORK/err"
  code=$?
}

# run_signalled SIGNAL DELAY ARGS...: runs netobs in the background (stdin as the caller's),
# sends SIGNAL after DELAY seconds and waits for it; output, errors and code as for run.
run_signalled() {
  local signal=$1 delay=$2
  shift 2
  # <&0: a background command's stdin would otherwise be /dev/null.
  "$NETOBS" "$@" <&0 >"$WORK/out" 2>"$WORK/err" &
  local pid=$!
  sleep "$delay"
  kill -"$signal" "$pid"
  wait "$pid"
  code=$?
}

# check NAME CONDITION...: evaluates the condition (a command) and records the result.
check() {
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name"
    echo "  exit code: ${code:-}"
    echo "  stderr: $(head -c 2000 "$WORK/err" 2>/dev/null)"
  fi
}

# netobs_subcommands: the subcommands `netobs --help` lists, one per line.
netobs_subcommands() { "$NETOBS" --help | awk '/^Subcommands:/{on=1; next} on && /^  [a-z]/{print $1}'; }
# long_flags [SUBCOMMAND]: every long flag the help of netobs (or of SUBCOMMAND) lists in its
# option column ("  -o,--output FILE"), sorted; flags only mentioned in a description ("(or
# --until)") belong to other subcommands.
long_flags() {
  "$NETOBS" "$@" --help | awk '/^  -/ {print $1}' | tr ',' '\n' | grep -E -- '^--[a-z][a-z-]+$' | sort -u
}

exit_is() { [ "$code" -eq "$1" ]; }
err_has() { grep -qF -- "$1" "$WORK/err"; }
err_lacks() { ! grep -qF -- "$1" "$WORK/err"; }
out_has() { grep -qF -- "$1" "$WORK/out"; }
out_lacks() { ! grep -qF -- "$1" "$WORK/out"; }
out_empty() { [ ! -s "$WORK/out" ]; }

# skip WHAT WHY: the checks of WHAT cannot run here (WHY: the tool that is missing and what
# installs it); says so, and finish then ends the suite as skipped unless a check failed.
skip() {
  skipped=$((skipped + 1))
  echo "SKIP: $1 ($2)"
}

# skip_suite WHY: nothing in the suite can run; ends it as skipped at once.
skip_suite() {
  echo "SKIP: $1"
  exit 77
}

# finish: the counts, then the suite's exit: 1 when a check failed, 77 (skipped) when some
# could not run, else 0.
finish() {
  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ] || exit 1
  [ "$skipped" -eq 0 ] || exit 77
  exit 0
}
