#!/usr/bin/env bash
# How tests report: a suite that could not run some checks ends as skipped (77, which ctest
# reports as skipped), never as passed, and scripts/count-tests.sh turns ctest's output into the
# line CI reads, counting failures of every kind and the skipped tests.
source "$(dirname "$0")/lib.sh"

# suite BODY: runs a suite whose checks are BODY, with this lib.sh; its output and exit as for run.
suite() {
  printf 'source %q\n%s\nfinish\n' "$NETOBS_SOURCE_DIR/tests/cli/lib.sh" "$1" >"$WORK/suite.sh"
  bash "$WORK/suite.sh" >"$WORK/out" 2>"$WORK/err"
  code=$?
}
suite 'check "one" true'
check "a suite whose checks pass exits 0" exit_is 0
check "it counts them" out_has "1 passed, 0 failed, 0 skipped"
suite 'check "one" true; skip "the kubectl checks" "kubectl is not installed"'
check "a suite with a skip exits 77 (ctest: skipped)" exit_is 77
check "the skip says what and why" out_has "SKIP: the kubectl checks (kubectl is not installed)"
check "the skip is counted" out_has "1 passed, 0 failed, 1 skipped"
suite 'check "one" false; skip "the rest" "no tool"'
check "a failure with a skip exits 1" exit_is 1
suite 'skip_suite "nothing can run here"; check "never" false'
check "skip_suite ends the suite at once as skipped" exit_is 77
check "skip_suite says why" out_has "SKIP: nothing can run here"

cat >"$WORK/ctest.log" <<'LOG'
Test project /build/dev
      Start  1: netobs_unit.A
  1/6 Test  #1: netobs_unit.A ....................   Passed    0.01 sec
  2/6 Test  #2: cli/graph_test ...................***Skipped   0.20 sec
SKIP: Graphviz's dot is not installed
  3/6 Test  #3: golden/lint/clean ................***Failed    0.05 sec
  1/6 Test  #1: netobs_unit.B ....................   Passed    0.01 sec
  4/6 Test  #4: cli/agent_test ...................***Exception: SegFault  0.30 sec
  5/6 Test  #5: cli/man_test .....................***Timeout 1500.01 sec
  6/6 Test  #6: fuzz/replay ......................***Not Run   0.00 sec
LOG
run_counts() {
  "$NETOBS_SOURCE_DIR/scripts/count-tests.sh" "$@" >"$WORK/out" 2>"$WORK/err"
  code=$?
}
run_counts "$WORK/ctest.log" -- clang-tidy=passed fuzz=failed
check "count-tests: failures of every kind exit 1" exit_is 1
check "count-tests: the last line counts passed, failed and skipped" test "$(tail -n 1 "$WORK/out")" = "tests: 3 passed, 5 failed, 1 skipped"
check "count-tests: the skipped test is named" out_has "skipped cli/graph_test"
check "count-tests: a crash is named as failed" out_has "failed cli/agent_test"
printf '  1/2 Test  #1: a .....   Passed    0.01 sec\n  2/2 Test  #2: b .....***Skipped   0.01 sec\n' >"$WORK/clean.log"
run_counts "$WORK/clean.log"
check "count-tests: passed and skipped exit 0" exit_is 0
check "count-tests: the line" test "$(tail -n 1 "$WORK/out")" = "tests: 1 passed, 0 failed, 1 skipped"
run_counts /dev/null
check "count-tests: no test at all is a failure" exit_is 1
finish
