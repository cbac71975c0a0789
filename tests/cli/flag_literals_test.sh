#!/usr/bin/env bash
# No flag is spelled inside lib/: the library names options (netobs/option.hpp) and each front end
# spells them, the command line as flags, a tool server as JSON arguments (issue 27).
source "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_suite "python3 is not installed (scripts/install-test-tools.sh installs it)"
CHECK="$NETOBS_SOURCE_DIR/tests/testutil/flag_literals.py"

cd "$NETOBS_SOURCE_DIR" || exit 1
check "lib/ spells no flag in a string literal" python3 "$CHECK" lib
python3 "$CHECK" lib

# The checker itself finds a flag in code and leaves comments and dashes alone (else
# the check above proves nothing).
mkdir -p "$WORK/lib/src"
cat >"$WORK/lib/src/a.cpp" <<'CPP'
// "--in-a-comment" is prose
const char* url = "https://example.com/x"; /* "--block" */ const char* flag = "raise it with --max-depth";
const char* sql = "-- SQL comment"; const char quote = '"'; const char* after = "give --context";
const char* raw = R"(a --raw flag)";
CPP
python3 "$CHECK" "$WORK/lib" >"$WORK/out"
code=$?
check "a flag in a literal fails the check" exit_is 1
check "the flag is named with its file and line" grep -qF "$WORK/lib/src/a.cpp:2: \"raise it with --max-depth\"" "$WORK/out"
check "a literal after a quote character is read" grep -qF "a.cpp:3: \"give --context\"" "$WORK/out"
check "a raw string is read" grep -qF "a.cpp:4: R\"(a --raw flag)\"" "$WORK/out"
check "comments, URLs and SQL dashes are not reported" test "$(wc -l <"$WORK/out")" -eq 3
finish
