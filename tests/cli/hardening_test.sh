#!/usr/bin/env bash
# Hostile input and interruptions end to end: every limit stops the run with exit 3 and names
# the file, line and option; YAML that once crashed netobs or exhausted memory is an ordinary
# error; -o writes atomically on every command, and a signal leaves the previous file intact.
source "$(dirname "$0")/lib.sh"

MANIFESTS="$NETOBS_SOURCE_DIR/tests/golden/connectivity/manifests.yaml"

# A YAML alias inside its own anchor once overflowed the stack (SIGSEGV).
printf 'metadata: &m {name: x, labels: *m}\n' >"$WORK/self.yaml"
run lint "$WORK/self.yaml"
check "a self-referencing alias is a finding, not a crash" exit_is 1
check "it names the file, line and the alias" out_has "self.yaml:1:1: error: the file does not parse, so nothing in it was checked: invalid YAML: alias *m refers to a node that contains it"
printf 'apiVersion: v1\nkind: List\nitems: &i [*i]\n' >"$WORK/inventory.yaml"
run recommend "$SAMPLES/flows/vpc" --inventory "$WORK/inventory.yaml"
check "an inventory with a self-referencing alias is an input error" exit_is 3
check "recommend names the inventory's line" err_has "inventory.yaml:3: invalid YAML: alias *i refers to a node that contains it"
check "no policies are printed" out_empty

# A 433-byte "billion laughs" once ran for a minute and took 2 GB.
{
  printf 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
  for i in 1 2 3 4 5 6 7 8 9; do
    printf 'a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n' "$i" "$i" $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1))
  done
} >"$WORK/laughs.yaml"
run lint "$WORK/laughs.yaml"
check "billion laughs stops at a limit" exit_is 3
check "the limit names file, line and option" err_has "laughs.yaml:6: YAML aliases expand to too many values (limit 100000; raise it with --max-alias-nodes)"
run lint --max-alias-nodes 200000000 --max-nodes 300 "$WORK/laughs.yaml"
check "a raised alias limit meets the node limit" err_has "raise it with --max-nodes"
run --max-alias-nodes 0 lint "$WORK/laughs.yaml"
check "a limit of 0 is a usage error" exit_is 2

# Six bytes once made yaml-cpp allocate until the process died.
printf '"a",\nb' >"$WORK/six.yaml"
run lint "$WORK/six.yaml"
check "six bytes of bad YAML are a finding" exit_is 1
check "and are reported as not parsing" out_has "six.yaml:1:1: error: the file does not parse"

printf 'apiVersion: \xff\n' >"$WORK/latin1.yaml"
run lint "$WORK/latin1.yaml"
check "a file that is not UTF-8 is a finding, not an exit 3" exit_is 1
check "it says why" out_has "invalid YAML: invalid leading UTF-8 octet"

printf 'a:\n  b:\n    c: [1]\n' >"$WORK/deep.yaml"
run connectivity --max-depth 2 "$WORK/deep.yaml"
check "nesting past --max-depth is an input error" exit_is 3
check "the depth limit names the line" err_has "deep.yaml:3: nested too deep (limit 2; raise it with --max-depth)"
run connectivity "$WORK/deep.yaml" --max-depth 4
check "a limit may follow the subcommand" err_lacks "nested too deep"
check "a limit may follow the subcommand: parsed, then nothing to analyse (no pods)" err_has "nothing to analyse"

head -c 3000 /dev/zero | tr '\0' 'x' >"$WORK/long.log"
run recommend "$WORK/long.log" --max-line-bytes 1024
check "a line past --max-line-bytes is an input error" exit_is 3
check "the line limit names file, line and option" err_has "long.log:1: line longer than 1024 bytes (raise it with --max-line-bytes)"
# Files past 8 MiB are read on two threads, and lines may be handed between them unparsed: a
# batch of long lines ends early, so memory does not grow with them (it held 256 lines, 230 MB).
# NETOBS_TWO_THREAD_READ=always takes the two threads on a one-core machine too.
long_lines() {  # long_lines COUNT FILE: COUNT malformed records of 900,000 bytes each
  local line
  line=$(head -c 900000 /dev/zero | tr '\0' x)
  for ((i = 0; i < $1; i++)); do printf '5 %s\n' "$line"; done >"$2"
}
# peak_kib FILE: the peak memory (KiB) of recommend over FILE, as GNU time measures it.
peak_kib() {
  NETOBS_TWO_THREAD_READ=always /usr/bin/time -f %M "$NETOBS" recommend "$1" -q -o "$WORK/long.yaml" 2>&1 >/dev/null |
    tail -n 1
}
is_number() { [[ $1 =~ ^[0-9]+$ ]]; }
if [ -x /usr/bin/time ]; then
  long_lines 10 "$WORK/ten.log"
  long_lines 100 "$WORK/hundred.log"
  ten=$(peak_kib "$WORK/ten.log")
  hundred=$(peak_kib "$WORK/hundred.log")
  check "GNU time measured the peak of 10 long lines ('$ten')" is_number "$ten"
  check "GNU time measured the peak of 100 long lines ('$hundred')" is_number "$hundred"
  if is_number "$ten" && is_number "$hundred"; then
    check "100 long lines take about the memory of 10 ($ten KiB, $hundred KiB)" test $((hundred - ten)) -lt 24576
  fi
  rm -f "$WORK/ten.log" "$WORK/hundred.log"
else
  skip "the peak memory of long lines" "GNU time is not installed (scripts/install-test-tools.sh installs it)"
fi
run lint --max-file-bytes 100 "$MANIFESTS"
check "a manifest past --max-file-bytes is an input error" exit_is 3
check "the size limit names the option" err_has "raise it with --max-file-bytes"

# -o on every command that writes a result, atomically.
for command in "connectivity $MANIFESTS" "explain $MANIFESTS --from shop/web --to shop/db --port 5432" \
  "lint $MANIFESTS" "completion bash" "recommend $SAMPLES/flows --inventory $SAMPLES/flows/inventory.json --quiet"; do
  name=${command%% *}
  # shellcheck disable=SC2086
  run $command
  cp "$WORK/out" "$WORK/$name.stdout"
  check "$name prints a result on stdout" test -s "$WORK/$name.stdout"
  echo previous >"$WORK/$name.out"
  # shellcheck disable=SC2086
  run $command -o "$WORK/$name.out"
  check "$name -o writes the file: what stdout would have had" cmp -s "$WORK/$name.out" "$WORK/$name.stdout"
  check "$name -o prints nothing on stdout" out_empty
done
run explain "$MANIFESTS" --from shop/web --to shop/db --port 5432 --format json -o "$WORK/explain.json"
check "explain -o writes JSON" grep -q '"allowed"' "$WORK/explain.json"
echo previous >"$WORK/kept.yaml"
run recommend "$WORK/missing-flows" --inventory "$SAMPLES/flows/inventory.json" -o "$WORK/kept.yaml"
check "a failed run leaves the previous -o file" test "$(cat "$WORK/kept.yaml")" = previous

# Signals: the run ends by the signal, the previous output stays, no temporary file is left.
echo previous >"$WORK/signalled.yaml"
mkfifo "$WORK/flows.fifo"
sleep 30 >"$WORK/flows.fifo" &
writer=$!
run_signalled TERM 0.5 recommend "$WORK/flows.fifo" --inventory "$SAMPLES/flows/inventory.json" -o "$WORK/signalled.yaml"
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
check "SIGTERM ends the run by the signal (143)" exit_is 143
check "SIGTERM leaves the previous file" test "$(cat "$WORK/signalled.yaml")" = previous
check "SIGTERM leaves no temporary file" test -z "$(find "$WORK" -name '.signalled.yaml.*')"
# A reader that is gone before netobs writes: SIGPIPE, quietly, as for any filter.
(sleep 0.3; "$NETOBS" completion bash 2>"$WORK/err") | true
code=${PIPESTATUS[0]}
check "a closed pipe ends netobs by SIGPIPE (141)" exit_is 141
check "a closed pipe prints no error" test ! -s "$WORK/err"
finish
