#!/usr/bin/env bash
# The behaviour every netobs command shares, checked once per behaviour across all commands: one
# table row per command, and one loop per behaviour (-q, --format aliases, -o, "-" for stdin,
# help COMMAND, unknown commands, the "netobs CMD:" prefix of errors, exit codes, help without
# CLI11's type noise). A command added to netobs without a row fails the first check.
. "$(dirname "$0")/lib.sh"

GOLDEN="$NETOBS_SOURCE_DIR/tests/golden"
MANIFESTS="$GOLDEN/connectivity/manifests.yaml"
PROPOSED="$GOLDEN/diff/proposed.yaml"
LIVE="$GOLDEN/diff/live.yaml"
FLOWS="$SAMPLES/flows/vpc"
INVENTORY="$SAMPLES/flows/inventory.json"
first_flow_file=$(find "$FLOWS" -type f | sort | head -n 1)

# The table: a command that runs clean (exit 0 or 1, a result on stdout), a typo of its name,
# the same run with its one input file replaced by "-" (and that file, for stdin; empty: the
# command reads no file), and the formats it writes besides its default.
declare -A ok_args typo stdin_args stdin_file formats
ok_args[recommend]="$first_flow_file --inventory $INVENTORY"
typo[recommend]=recomend
stdin_args[recommend]="- --inventory $INVENTORY"
stdin_file[recommend]=$first_flow_file
formats[recommend]="yaml json"

ok_args[connectivity]="$MANIFESTS"
typo[connectivity]=conectivity
stdin_args[connectivity]="-"
stdin_file[connectivity]=$MANIFESTS
formats[connectivity]="text json csv md dot"

ok_args[explain]="$MANIFESTS --from shop/web --to shop/db --port 5432"
typo[explain]=explian
stdin_args[explain]="- --from shop/web --to shop/db --port 5432"
stdin_file[explain]=$MANIFESTS
formats[explain]="text json"

ok_args[lint]="$MANIFESTS"
typo[lint]=lnit
stdin_args[lint]="-"
stdin_file[lint]=$MANIFESTS
formats[lint]="text json sarif github"

ok_args[diff]="$PROPOSED --live $LIVE"
typo[diff]=dif
stdin_args[diff]="- --live $LIVE"
stdin_file[diff]=$PROPOSED
formats[diff]="text json md"

ok_args[graph]="$first_flow_file --inventory $INVENTORY"
typo[graph]=grpah
stdin_args[graph]="- --inventory $INVENTORY"
stdin_file[graph]=$first_flow_file
formats[graph]="dot mermaid json"

ok_args[sql]="--table flows"
typo[sql]=sqll
stdin_args[sql]=
stdin_file[sql]=
formats[sql]=

ok_args[completion]="bash"
typo[completion]=completoin
stdin_args[completion]=
stdin_file[completion]=
formats[completion]=

# A format's other name, where it has one: each must give the same output as the name.
declare -A alias_of=([text]=txt [md]=markdown [yaml]=yml)

# run_cmd CMD ARGS...: run with the row's arguments (word-split on purpose: paths hold no spaces).
commands=$(netobs_subcommands)
for cmd in $commands; do
  check "$cmd has a row in the table" test -n "${ok_args[$cmd]+set}"
done

for cmd in $commands; do
  # shellcheck disable=SC2086
  run "$cmd" ${ok_args[$cmd]}
  check "$cmd: the table's run is clean" test "$code" -le 1
  cp "$WORK/out" "$WORK/plain.out"

  # -q/--quiet: accepted everywhere; silences notes and summaries, never the result.
  # shellcheck disable=SC2086
  run "$cmd" ${ok_args[$cmd]} -q
  check "$cmd -q: accepted" test "$code" -le 1
  check "$cmd -q: no notes on stderr" err_lacks ": note: "
  check "$cmd -q: no summary on stderr" err_lacks " records"
  check "$cmd -q: the same result" cmp -s "$WORK/out" "$WORK/plain.out"

  # help COMMAND is COMMAND --help.
  run help "$cmd"
  cp "$WORK/out" "$WORK/help.out"
  check "help $cmd: exit 0" exit_is 0
  run "$cmd" --help
  check "help $cmd: the same as $cmd --help" cmp -s "$WORK/out" "$WORK/help.out"
  # No CLI11 type noise ("UINT:INT in [1 - 100000]", "FLOAT:FLOAT in [...]", "TEXT:{...}").
  check "$cmd --help: no CLI11 type names" bash -c '! grep -Eq "(UINT|INT|FLOAT|POSITIVE|NONNEGATIVE)\b|\bin \[|[0-9]{12}" "$1"' _ "$WORK/out"

  # An unknown command names the nearest one.
  run "${typo[$cmd]}"
  check "${typo[$cmd]}: a usage error" exit_is 2
  check "${typo[$cmd]}: did you mean $cmd?" err_has "did you mean '$cmd'?"

  # Every error carries the command's prefix, CLI11's parse errors and a wrong NETOBS_NOW too.
  # shellcheck disable=SC2086
  NETOBS_NOW=yesterday "$NETOBS" "$cmd" ${ok_args[$cmd]} >"$WORK/out" 2>"$WORK/err"
  code=$?
  check "$cmd with NETOBS_NOW=yesterday: a usage error" exit_is 2
  check "$cmd with NETOBS_NOW=yesterday: prefixed" err_has "netobs $cmd: NETOBS_NOW 'yesterday'"

  # shellcheck disable=SC2086
  run "$cmd" ${ok_args[$cmd]} --no-such-option
  check "$cmd --no-such-option: a usage error" exit_is 2
  check "$cmd --no-such-option: prefixed" bash -c 'head -n 1 "$1" | grep -q "^netobs $2: "' _ "$WORK/err" "$cmd"

  # -o names a file: a bare format name is kubectl's habit, pointed to --format.
  # shellcheck disable=SC2086
  run "$cmd" ${ok_args[$cmd]} -o json
  check "$cmd -o json: a usage error" exit_is 2
  if [ -n "${formats[$cmd]}" ]; then
    check "$cmd -o json: points to --format" err_has "--format json"
  else
    check "$cmd -o json: no --format to point to" err_lacks "--format"
  fi
  check "$cmd -o json: prefixed" err_has "netobs $cmd: "
  check "$cmd -o json: no file named json" test ! -e json

  # "-" reads standard input wherever a file is read.
  if [ -n "${stdin_file[$cmd]}" ]; then
    # shellcheck disable=SC2086
    "$NETOBS" "$cmd" ${stdin_args[$cmd]} <"${stdin_file[$cmd]}" >"$WORK/out" 2>"$WORK/err"
    code=$?
    check "$cmd -: reads stdin" test "$code" -le 1
    # The same result, the input named <stdin> where the file's path was.
    python3 -c 'import sys; p = sys.argv[1]; s = open(p).read(); open(p, "w").write(s.replace(sys.argv[2], "<stdin>"))' \
      "$WORK/plain.out" "${stdin_file[$cmd]}"
    check "$cmd -: the same result as the file" cmp -s "$WORK/out" "$WORK/plain.out"
    # Standard input is read once: a second "-" is a usage error naming both.
    # shellcheck disable=SC2086
    run "$cmd" ${stdin_args[$cmd]} --inventory - <"${stdin_file[$cmd]}"
    check "$cmd - --inventory -: a usage error" exit_is 2
    check "$cmd - --inventory -: prefixed" err_has "netobs $cmd: "
    check "$cmd - --inventory -: names both" err_has "argument and --inventory: it can be read only once"
  fi

  # Formats: every name and alias of the shared table the command writes; -o's extension agrees
  # with --format, or chooses the format without it.
  for format in ${formats[$cmd]}; do
    # shellcheck disable=SC2086
    run "$cmd" ${ok_args[$cmd]} --format "$format"
    check "$cmd --format $format: accepted" test "$code" -le 1
    cp "$WORK/out" "$WORK/format.out"
    if [ -n "${alias_of[$format]+set}" ]; then
      # shellcheck disable=SC2086
      run "$cmd" ${ok_args[$cmd]} --format "${alias_of[$format]}"
      check "$cmd --format ${alias_of[$format]}: the same as $format" cmp -s "$WORK/out" "$WORK/format.out"
    fi
  done
  if [ -n "${formats[$cmd]}" ]; then
    # shellcheck disable=SC2086
    run "$cmd" ${ok_args[$cmd]} --format json -o "$WORK/result.yaml"
    check "$cmd --format json -o result.yaml: a usage error" exit_is 2
    check "$cmd --format json -o result.yaml: says why" err_has "names yaml output but --format is json"
    rm -f "$WORK/result.json"
    # shellcheck disable=SC2086
    run "$cmd" ${ok_args[$cmd]} --format json
    cp "$WORK/out" "$WORK/json.out"
    # shellcheck disable=SC2086
    run "$cmd" ${ok_args[$cmd]} -o "$WORK/result.json"
    check "$cmd -o result.json: json without --format" cmp -s "$WORK/result.json" "$WORK/json.out"
    if [[ " ${formats[$cmd]} " != *" sarif "* ]]; then
      # shellcheck disable=SC2086
      run "$cmd" ${ok_args[$cmd]} -o "$WORK/result.sarif"
      check "$cmd -o result.sarif: a format it does not write is a usage error" exit_is 2
      check "$cmd -o result.sarif: says why" err_has "names sarif output, which this command does not write"
      check "$cmd -o result.sarif: no file written" test ! -e "$WORK/result.sarif"
    fi
  fi

  # Exit codes: a usage error is 2, an input that cannot be read 3.
  # shellcheck disable=SC2086
  run "$cmd" ${ok_args[$cmd]} --format no-such-format
  check "$cmd --format no-such-format: exit 2" exit_is 2
  check "$cmd --format no-such-format: prefixed" err_has "netobs $cmd: "
  if [ -n "${stdin_file[$cmd]}" ]; then
    # shellcheck disable=SC2086
    run "$cmd" ${ok_args[$cmd]//${stdin_file[$cmd]}/$WORK/missing.yaml}
    check "$cmd with a missing input file: exit 3" exit_is 3
    check "$cmd with a missing input file: names it" err_has "$WORK/missing.yaml"
    check "$cmd with a missing input file: prefixed" err_has "netobs $cmd: "
  fi
done

# -n/--namespace has one meaning everywhere (docs/analysis.md): the whole state is read, only what
# involves the named namespaces is reported. One row per command that takes it: a run with -n, a
# line of the result in scope, one outside it (in tests/data/scope, b's policy admits only c, so
# a/web cannot reach b/db whatever -n reads), and the scope said on stderr.
SCOPE_STATE="$NETOBS_SOURCE_DIR/tests/data/scope/state.yaml"
SCOPE_PROPOSED="$NETOBS_SOURCE_DIR/tests/data/scope/proposed.yaml"
declare -A scope_args scope_has scope_lacks scope_said
scope_args[connectivity]="$SCOPE_STATE -n a"
scope_has[connectivity]="c/cache[Deployment] => a/web[Deployment]"
scope_lacks[connectivity]="b/db[Deployment] => c/cache[Deployment]"
scope_said[connectivity]="reported: namespace a (every namespace was read)"
scope_args[explain]="$SCOPE_STATE -n a --from web --to b/db --port 5432"
scope_has[explain]="DENIED: a/web[Deployment] => b/db[Deployment]"
scope_lacks[explain]="ALLOWED"
scope_said[explain]="reported: namespace a (every namespace was read)"
scope_args[lint]="$SCOPE_STATE -n a --fail-on warning"
scope_has[lint]="namespace a has no default-deny"
scope_lacks[lint]="namespace c has no default-deny"
scope_said[lint]="reported: namespace a (every namespace was read)"
scope_args[diff]="$SCOPE_PROPOSED --live $SCOPE_STATE -n a"
scope_has[diff]="changed NetworkPolicy a/web"
scope_lacks[diff]="c/deny-all"
scope_said[diff]="reported: namespace a (every namespace was read)"
scope_args[graph]="$first_flow_file --inventory $INVENTORY -n checkout --format mermaid"
scope_has[graph]="namespace checkout"
scope_lacks[graph]="namespace carts"
scope_said[graph]="reported: namespace checkout (every namespace was read)"
scope_args[recommend]="$first_flow_file --inventory $INVENTORY -n checkout"
scope_has[recommend]="namespace: checkout"
scope_lacks[recommend]="namespace: carts"
scope_said[recommend]=
namespace_help="Report only what involves this namespace (repeatable); every namespace is still read, since what is allowed to and from it depends on the others"
for cmd in $commands; do
  run "$cmd" --help
  if [ -z "${scope_args[$cmd]+set}" ]; then
    check "$cmd: no -n (it reads no namespace)" out_lacks "--namespace"
    continue
  fi
  check "$cmd --help: -n is documented as in every command" out_has "$namespace_help"
  # shellcheck disable=SC2086
  run "$cmd" ${scope_args[$cmd]}
  check "$cmd -n: clean" test "$code" -le 1
  check "$cmd -n: reports what involves the namespace" out_has "${scope_has[$cmd]}"
  check "$cmd -n: leaves out what does not" out_lacks "${scope_lacks[$cmd]}"
  if [ -n "${scope_said[$cmd]}" ]; then
    check "$cmd -n: the summary says the scope" err_has "${scope_said[$cmd]}"
  fi
done
# A namespace nothing holds (a typo) would report nothing and pass: an input error instead.
for cmd in connectivity explain lint diff; do
  # shellcheck disable=SC2086
  run "$cmd" ${scope_args[$cmd]//-n a/-n nosuch}
  check "$cmd -n nosuch: exit 3" exit_is 3
  check "$cmd -n nosuch: names it" err_has "namespace nosuch to report on is not in"
  check "$cmd -n nosuch: no result" out_empty
done

# Every option that reads a file, in every command that has it: "-" reads the same from standard
# input (named <stdin> where the file's path was, in the result and on stderr), and a missing file
# is an input error (exit 3) that names it as every unreadable file is named. Rows: the command,
# its arguments with @ where the file goes, and the file.
ADDRESSES="$NETOBS_SOURCE_DIR/tests/data/addresses"
POLICIES="$WORK/policies.yaml"
EDGES="$WORK/saved.edges"
run recommend "$first_flow_file" --inventory "$INVENTORY" --checkpoint "$EDGES" -o "$POLICIES" -q
check "recommend writes the policies and edges the file rows read" test -s "$POLICIES" -a -s "$EDGES"
while IFS='|' read -r cmd args file; do
  # shellcheck disable=SC2086
  run $cmd ${args//@/$file}
  file_code=$code
  cp "$WORK/out" "$WORK/file.out"
  cp "$WORK/err" "$WORK/file.err"
  # shellcheck disable=SC2086
  run $cmd ${args//@/-} <"$file"
  # shellcheck disable=SC2086
  option=$(printf '%s\n' $args | grep -B1 -x @ | head -n 1)
  check "$cmd $option -: the exit code of the file" exit_is "$file_code"
  for stream in out err; do
    python3 -c 'import sys; p = sys.argv[1]; s = open(p).read(); open(p, "w").write(s.replace(sys.argv[2], "<stdin>"))' \
      "$WORK/file.$stream" "$file"
    check "$cmd $option -: the std$stream of the file, named <stdin>" cmp -s "$WORK/$stream" "$WORK/file.$stream"
  done
  # shellcheck disable=SC2086
  run $cmd ${args//@/$WORK/missing.json}
  check "$cmd $option with a missing file: exit 3" exit_is 3
  check "$cmd $option with a missing file: named, prefixed" err_has "netobs $cmd: $WORK/missing.json: "
done <<ROWS
recommend|$first_flow_file --inventory @|$INVENTORY
recommend|--edges @ --inventory $INVENTORY|$EDGES
recommend|$first_flow_file --inventory $INVENTORY --vpc-resources @|$ADDRESSES/vpc-resources.json
recommend|$first_flow_file --inventory $INVENTORY --aws-ip-ranges @|$ADDRESSES/ip-ranges.json
graph|$first_flow_file --inventory @|$INVENTORY
graph|--edges @ --inventory $INVENTORY|$EDGES
graph|$first_flow_file --inventory $INVENTORY --policies @|$POLICIES
connectivity|$POLICIES --inventory @|$INVENTORY
explain|$POLICIES --inventory @ --from carts/carts --to ui/ui --port 8080|$INVENTORY
lint|$POLICIES --inventory @|$INVENTORY
lint|$POLICIES --flows @ --inventory $INVENTORY|$first_flow_file
lint|$POLICIES --edges @ --inventory $INVENTORY|$EDGES
diff|$PROPOSED --live @|$LIVE
diff|$POLICIES --live $INVENTORY --flows @|$first_flow_file
diff|$POLICIES --live $INVENTORY --edges @|$EDGES
diff|$POLICIES --live $LIVE --inventory @|$INVENTORY
ROWS
# The HTTP options' files too: read later (per connection), their absence is found first, exit 3.
for flag in --agent-token-file --agent-ca --prometheus-token-file; do
  for cmd in recommend lint; do
    if [ "$cmd" = lint ]; then flows="$POLICIES --flows"; else flows=; fi
    # shellcheck disable=SC2086
    run $cmd $flows "$first_flow_file" --inventory "$INVENTORY" "$flag" "$WORK/missing.pem"
    check "$cmd $flag with a missing file: exit 3" exit_is 3
    check "$cmd $flag with a missing file: named, prefixed" err_has "netobs $cmd: $WORK/missing.pem: cannot read"
  done
done

# Two readers of standard input, whichever options they are.
for row in "recommend|--edges - --inventory -|--edges and --inventory" \
  "lint|$POLICIES --flows - --edges -|--flows and --edges" \
  "diff|$POLICIES --live - --flows -|--live and --flows" \
  "connectivity|- -|given twice to the paths argument"; do
  IFS='|' read -r cmd args names <<<"$row"
  # shellcheck disable=SC2086
  run $cmd $args </dev/null
  check "$cmd $args: a usage error" exit_is 2
  check "$cmd $args: names $names" err_has "$names"
done

# -q leaves out notes by their kind, never an error whose text happens to read like a note.
run lint "note: missing.yaml" -q
check "lint -q with a missing 'note: ...' file: exit 3" exit_is 3
check "lint -q with a missing 'note: ...' file: the error is printed" err_has "netobs lint: note: missing.yaml: "

# The flow-input group is the same on every command that reads flows: lint and diff take
# --edges, --since, --input-format and --strict as recommend does.
for cmd in recommend graph lint diff; do
  run "$cmd" --help
  for flag in --edges --since --until --input-format --strict --include-denied --cluster-cidr --vpc-format \
    --prometheus --agent-token-file; do
    check "$cmd --help lists $flag" out_has "$flag"
  done
done
run lint "$MANIFESTS" --flows "$FLOWS" --inventory "$INVENTORY" --input-format vpc --since 2000-01-01T00:00:00Z
check "lint --flows with --input-format and --since reads the flows" err_has "observed edges from"
cp "$WORK/err" "$WORK/lower.err"
run lint "$MANIFESTS" --flows "$FLOWS" --inventory "$INVENTORY" --input-format VPC --since 2000-01-01T00:00:00Z
check "--input-format takes its names in any case, as every enumerated option" cmp -s "$WORK/err" "$WORK/lower.err"
# Records that do not parse are named in lint and diff as in recommend, never skipped silently.
{ cat "$first_flow_file"; echo "2 123456789012 eni-0 not-an-address"; } >"$WORK/malformed.log"
for cmd in lint diff; do
  if [ "$cmd" = lint ]; then states="$MANIFESTS"; else states="$PROPOSED --live $LIVE"; fi
  # shellcheck disable=SC2086
  run "$cmd" $states --flows "$WORK/malformed.log" --inventory "$INVENTORY"
  check "$cmd --flows: a malformed record is counted" err_has "warning: 1 malformed flow record skipped"
  check "$cmd --flows: a malformed record is named with its line" err_has "malformed.log:"
done
# graph, which writes no summary, says so as recommend's summary does.
for cmd in recommend graph; do
  run "$cmd" "$WORK/malformed.log" --inventory "$INVENTORY"
  check "$cmd: a malformed record is counted" err_has "  malformed records skipped: 1"
  check "$cmd: a malformed record is named with its line" err_has "    $WORK/malformed.log:"
done
# connectivity between no pods is an analysis that never ran, not an empty answer.
printf 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: a}\nspec: {podSelector: {}}\n' \
  >"$WORK/policies-only.yaml"
run connectivity "$WORK/policies-only.yaml"
check "connectivity with no pods: exit 3" exit_is 3
check "connectivity with no pods: says why" err_has "nothing to analyse"
run lint "$MANIFESTS" --flows "$FLOWS" --inventory "$INVENTORY" --since 2100-01-01T00:00:00Z
check "lint --since after every record: nothing checked is an input error" exit_is 3
run diff "$PROPOSED" --live "$LIVE" --flows "$FLOWS" --since yesterday
check "diff --since that is no time: a usage error" exit_is 2
check "diff --since that is no time: named" err_has "--since 'yesterday'"

# lint writes Markdown with --list-rules only: there too, md and markdown are one format.
run lint --list-rules --format md
cp "$WORK/out" "$WORK/md.out"
run lint --list-rules --format markdown
check "lint --list-rules: --format md is --format markdown" cmp -s "$WORK/out" "$WORK/md.out"
check "lint --list-rules --format md: the rules" out_has "# "

# help alone is --help; netobs alone still asks for a command.
run help
check "help: exit 0" exit_is 0
check "help: lists the commands" out_has "Subcommands:"

# -q keeps the input's warnings: recommend and graph print them in the summary -q leaves out, so
# under -q they are said on their own. A graph of no usable record is an input error, as
# recommend's is (an empty drawing would look like a cluster without traffic).
{
  cat "$first_flow_file"
  echo "a line with too few fields"
} >"$WORK/one-malformed.log"
for cmd in recommend graph; do
  run "$cmd" "$WORK/one-malformed.log" --inventory "$INVENTORY" -q
  check "$cmd -q: clean" exit_is 0
  check "$cmd -q: the malformed record is still said" err_has "warning: 1 malformed flow record skipped"
done
head -n 1 "$first_flow_file" >"$WORK/header-only.log"
run graph "$WORK/header-only.log"
check "graph of no usable record: exit 3" exit_is 3
check "graph of no usable record: says so" err_has "no usable flow record"
check "graph of no usable record: nothing drawn" out_empty
# Messages name standard input <stdin>, as findings do, also where they list a command's inputs.
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: a}\n' >"$WORK/no-policy.yaml"
"$NETOBS" lint - <"$WORK/no-policy.yaml" >"$WORK/out" 2>"$WORK/err"
code=$?
check "lint - with no policy: exit 3" exit_is 3
check "lint - with no policy: names <stdin>" err_has "nothing to check in <stdin>"

# A number out of range is said in words, not with CLI11's bounds as doubles (0.000000 to 1797...).
run lint "$MANIFESTS" --max-depth 0
check "--max-depth 0: usage error" exit_is 2
check "--max-depth 0: says what is wanted" err_has "--max-depth: '0' is not a number above 0"
check "--max-depth 0: no float bounds" err_lacks "000000"
run lint "$MANIFESTS" --request-timeout 0
check "--request-timeout 0: says the range" err_has "'0' is not a number from 1 to 3600"

finish
