#!/usr/bin/env bash
# What a user reads when an argument is wrong or a count is 1: CLI11's parse errors in netobs's
# words, -n values that name no namespace, counts in the number they need, one wording for an
# unreadable file, and lint -n reporting what other namespaces' policies do to the scope.
source "$(dirname "$0")/lib.sh"

# --- parse errors ---
run lint --quite
check "a mistyped option: usage error" exit_is 2
check "a mistyped option: the nearest one is suggested" err_has "netobs lint: unknown option '--quite': did you mean '--quiet'?"
run sql -n x
check "an option the command lacks is reported before a missing required one" err_has "netobs sql: unknown option '-n'"
check "no suggestion for a one-letter option" err_lacks "did you mean"
run diff
check "a missing positional: usage error" exit_is 2
check "a missing positional is named as the usage line names it" err_has "netobs diff: missing argument 'proposed' (Proposed policy manifests"
for cmd in lint connectivity "explain --from a/web --to b/db --port 80"; do
  # shellcheck disable=SC2086
  run $cmd
  cmd=${cmd%% *}
  check "$cmd without manifests: usage error" exit_is 2
  check "$cmd without manifests: worded as every missing argument" err_has "netobs $cmd: missing argument 'paths' (manifest files or directories"
done
run completion foo
check "a wrong positional value: named without CLI11's colon" err_has "netobs completion: shell 'foo' is not one of bash, zsh, fish"
run lint -n
check "an option without its value" err_has "netobs lint: --namespace needs a value (NAMESPACE)"
run lint --help
check "a repeatable option takes one value per use, as help shows" out_has "--flows PATH "
check "help shows no '...' after a repeatable option" out_lacks "--flows PATH ..."

# --- -n names a namespace ---
for value in '' 'a b' 'Shop' $'a\nb' $'a\x1bb'; do
  for cmd in lint connectivity graph; do
    run "$cmd" -n "$value"
    check "$cmd -n '$value': usage error" exit_is 2
    check "$cmd -n '$value': says it is no namespace name" err_has "is not a namespace name"
  done
done
run lint -n $'a\nb'
check "a newline in -n is shown escaped, on one line" err_has "'a\\nb' is not a namespace name"
run recommend --exclude-namespace 'Kube System' "$SAMPLES/flows"
check "--exclude-namespace is checked alike" err_has "'Kube System' is not a namespace name"

# --- times ---
run sql --table t --since 2025-01-02T00:00:00Z --until 2025-01-01T00:00:00Z
check "sql: a window that ends before it starts is a usage error" exit_is 2
check "sql: says why" err_has "netobs sql: --since is later than --until"
run lint "$SAMPLES/flows/inventory.json" --since yesterday
check "lint: an invalid --since without --flows is still an error" exit_is 2
check "lint: the invalid --since is named" err_has "--since 'yesterday': expected an RFC 3339 time"
run diff "$SAMPLES/flows/inventory.json" --live "$SAMPLES/flows/inventory.json" --until -1h
check "diff: --until without flows would be ignored: usage error" exit_is 2
check "diff: says it needs flows" err_has "--until selects flows, and none were given"

# --- output files of single-format commands ---
run sql --table t -o "$WORK/edges.json"
check "sql -o FILE.json: usage error (it writes SQL)" exit_is 2
check "sql -o FILE.json: says why" err_has "'$WORK/edges.json' names json output, which this command does not write"
check "sql -o FILE.json: no file written" test ! -e "$WORK/edges.json"
run sql --table t -o "$WORK/edges.txt"
check "sql -o FILE.txt is fine" exit_is 0

run graph "$SAMPLES/flows" -o "$WORK/graph.png"
check "graph -o FILE.png: usage error (netobs writes no image)" exit_is 2
check "graph -o FILE.png: says how to get one" err_has "dot -Tpng"
check "graph -o FILE.png: no file written" test ! -e "$WORK/graph.png"
run lint --list-rules --format json
check "lint --list-rules --format json: usage error, not text" exit_is 2
run recommend "$SAMPLES/flows" --since ''
check "an empty --since: usage error" exit_is 2
run completion --help
check "completion's required shell shows no default" out_lacks "=bash"

# --- one wording for a file that cannot be read ---
mkdir -p "$WORK/a-directory"
for args in "recommend $WORK/missing.log" "recommend --edges $WORK/missing.csv" "lint $WORK/missing.yaml" \
  "lint --inventory $WORK/missing.json $SAMPLES/flows/inventory.json" "recommend --edges $WORK/a-directory" \
  "recommend $SAMPLES/flows --inventory $WORK/a-directory"; do
  # shellcheck disable=SC2086
  run $args
  check "$args: exit 3" exit_is 3
  check "$args: 'cannot read' and the reason" err_has ": cannot read: "
done

# --- counts ---
# One Hubble flow between two namespaces; b's policy closes db's ingress, a has none.
cat >"$WORK/state.yaml" <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: a, labels: {app: web}, ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: web, uid: u1, controller: true}]}
spec: {containers: [{name: web}]}
status: {podIP: 10.1.0.5}
---
apiVersion: v1
kind: Pod
metadata: {name: db-0, namespace: b, labels: {app: db}, ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: db, uid: u2, controller: true}]}
spec: {containers: [{name: db}]}
status: {podIP: 10.1.0.6}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-closed, namespace: b}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
EOF
web='{"namespace":"a","pod_name":"web-1","labels":["k8s:app=web"]}'
db='{"namespace":"b","pod_name":"db-0","labels":["k8s:app=db"]}'
printf '{"flow":{"time":"2025-11-24T16:00:00Z","verdict":"FORWARDED","IP":{"source":"10.1.0.5","destination":"10.1.0.6"},"l4":{"TCP":{"source_port":40000,"destination_port":5432,"flags":{"SYN":true}}},"source":%s,"destination":%s,"traffic_direction":"EGRESS","is_reply":false}}\n' \
  "$web" "$db" >"$WORK/a-to-b.jsonl"
run graph "$WORK/a-to-b.jsonl"
check "graph: one edge, one record" err_has "netobs graph: 2 ends, 1 edge from 1 record"
run recommend "$WORK/a-to-b.jsonl" --inventory "$SAMPLES/flows/inventory.json"
check "recommend: its summary carries its command" err_has "netobs recommend: read 1 record, used 1"
check "recommend: one edge" err_has "1 edge"
check "recommend: no '1 records' or '(s)'" err_lacks "1 records"
run recommend "$SAMPLES/flows" --inventory "$SAMPLES/flows/inventory.json" -n catalog
check "recommend -n: the summary says whose policies these are" err_has "(for namespace catalog only)"

# --- lint -n: the scope's flows, blocked by another namespace's policy ---
run lint "$WORK/state.yaml" --flows "$WORK/a-to-b.jsonl" -n a
check "lint -n a with no policy in a: b's policy blocking a's flow is a finding" exit_is 1
check "the blocked flow is reported, counted in the singular" out_has "(1 flow) is blocked by the ingress of b/db[StatefulSet] (NetworkPolicy b/db-closed)"
check "the policies checked and those of the scope" out_has "1 policy checked (0 in the namespaces reported on)"
check "a note says a holds no policy" err_has "no policy in namespace a (nor a cluster-scoped one)"
run lint "$WORK/state.yaml" -n a
check "lint -n a without flows: a's findings (no default deny) are reported" exit_is 0
check "lint -n a without flows: a is reported on" out_has "namespace a has no default-deny"
: >"$WORK/empty.log"
run lint "$WORK/state.yaml" --flows "$WORK/empty.log"
check "lint --flows of an empty file: exit 3" exit_is 3
check "lint --flows of an empty file: names it (the summary lists no source)" err_has "0 malformed ($WORK/empty.log): nothing was checked"
run lint "$WORK/state.yaml" --flows "$WORK/a-to-b.jsonl" -n b
check "lint -n b: the count of b's policies is said even when it is every policy" out_has "1 policy checked (1 in the namespaces reported on)"
run lint "$WORK/state.yaml" -n nosuch
check "lint -n nosuch: exit 3" exit_is 3
check "lint -n nosuch: the state read, not one file, lacks it" err_has "namespace nosuch to report on is not in the state read"

# --- a file named twice is read once ---
run lint "$WORK/state.yaml" "$WORK/state.yaml"
check "lint of one file named twice: no duplicate-policy finding" out_lacks "duplicate-policy"
check "lint of one file named twice: said" err_has "state.yaml: given more than once: read once"
"$NETOBS" recommend "$WORK/a-to-b.jsonl" "$WORK/a-to-b.jsonl" "$WORK" --format json -q >"$WORK/twice.json" 2>/dev/null
check "recommend of one file named twice counts its flow once" grep -q '"netobs.io/observed-flows": "1"' "$WORK/twice.json"

grep -v NetworkPolicy "$WORK/state.yaml" | sed '/^---$/,$d' >"$WORK/pods-only.yaml"
run lint "$WORK/pods-only.yaml" -n a
check "lint of a state with no policy at all: still nothing to check (exit 3)" exit_is 3
finish
