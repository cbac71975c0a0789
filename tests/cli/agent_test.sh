#!/usr/bin/env bash
# Collecting from an agent's flow endpoint end to end: a test server on 127.0.0.1 serves the
# sample Hubble flows with injected faults (a disconnect mid-line, a stall past the idle timeout,
# 503, garbage lines, gzip, TLS, a token, mTLS); the policies must equal those from the same
# flows read from the file. Also: signals end a collection cleanly, stdin with --follow,
# --duration, checkpoints that resume and merge, --since/--until.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/kube_server.sh"

FLOW_SERVER="$NETOBS_SOURCE_DIR/tests/testutil/flow_server.py"
HUBBLE="$SAMPLES/flows/hubble/shop-hubble-flows.jsonl"
INVENTORY="$SAMPLES/flows/inventory.json"
TOTAL=$(grep -c . "$HUBBLE")
TOKEN="agent-token-7f3e91"
make_pki
printf '%s\n' "$TOKEN" >"$WORK/token"

# start_flows NAME ARGS...: starts a flow server; sets ${NAME}_PORT and ${NAME}_LOG.
start_flows() {
  local name=$1
  shift
  python3 "$FLOW_SERVER" --flows "$HUBBLE" --port-file "$WORK/$name.port" --log "$WORK/$name.log" \
    --lifetime 300 "$@" 2>"$WORK/$name.stderr" &
  KUBE_PIDS+=($!)
  printf -v "${name}_PID" '%s' "$!"
  wait_for_file "$WORK/$name.port"
  printf -v "${name}_PORT" '%s' "$(cat "$WORK/$name.port")"
  printf -v "${name}_LOG" '%s' "$WORK/$name.log"
}

# wait_for_requests LOG N: up to 10 s for a flow server to log its N-th request.
wait_for_requests() {
  local i
  for ((i = 0; i < 100; i++)); do
    [ -f "$1" ] && [ "$(wc -l <"$1")" -ge "$2" ] && return 0
    sleep 0.1
  done
  return 1
}

# collect_in_background ARGS...: starts netobs recommend ARGS in the background (output in
# $WORK/out and $WORK/err); sets COLLECTOR. finish_collection waits for it and sets $code.
collect_in_background() {
  "$NETOBS" recommend "$@" >"$WORK/out" 2>"$WORK/err" &
  COLLECTOR=$!
}
finish_collection() {
  wait "$COLLECTOR"
  code=$?
}

same_as_file() { cmp -s "$WORK/expected.yaml" "$WORK/out"; }
log_has() { grep -qF -- "$2" "$1"; }

"$NETOBS" recommend "$HUBBLE" --inventory "$INVENTORY" -q >"$WORK/expected.yaml" || exit 1

# Every fault in one collection: the policies are those of the file.
start_flows faults --fault cut --fault stall --fault 503 --fault garbage --step 100 --stall 3 --hold 5
run recommend "http://127.0.0.1:$faults_PORT/flows" --follow --max-flows "$TOTAL" --agent-idle-timeout 1 \
  --inventory "$INVENTORY"
check "faults: collection succeeds" exit_is 0
check "faults: the policies equal those from the file" same_as_file
check "faults: it says why collection ended" err_has "collection ended (--max-flows $TOTAL reached)"
check "faults: the line cut by the disconnect is dropped and counted" err_has "line cut off by a broken connection or the end of collection: 1"
check "faults: garbage lines are counted, not fatal" err_has "malformed records skipped: 99"
check "faults: 503 was answered and retried" log_has "$faults_LOG" "GET /flows 503"
check "faults: five connections in all" test "$(wc -l <"$faults_LOG")" -ge 5

# A gzip body without Content-Encoding (a .gz file served as is), broken mid-line: each
# connection is its own gzip stream.
start_flows rawgz --raw-gzip --fault cut --fault ok --step 150 --hold 5
run recommend "http://127.0.0.1:$rawgz_PORT/flows.gz" --follow --max-flows "$TOTAL" --inventory "$INVENTORY"
check "raw gzip body: the policies equal those from the file" same_as_file
check "raw gzip body: the cut line is dropped" err_has "line cut off by a broken connection or the end of collection: 1"

# gzip over TLS with a test CA and a bearer token.
start_flows tls --gzip --token "$TOKEN" --cert "$WORK/pki/server.crt" --key "$WORK/pki/server.key" --fault ok --step 200 --hold 5
run recommend "https://127.0.0.1:$tls_PORT/flows" --follow --max-flows "$TOTAL" --agent-ca "$WORK/pki/ca.crt" \
  --agent-token-file "$WORK/token" --inventory "$INVENTORY"
check "tls+gzip+token: collection succeeds" exit_is 0
check "tls+gzip+token: the policies equal those from the file" same_as_file
check "tls+gzip+token: the token was sent" log_has "$tls_LOG" "GET /flows 200 token"
run recommend "https://127.0.0.1:$tls_PORT/flows" --agent-ca "$WORK/pki/ca.crt" --inventory "$INVENTORY"
check "no token: exit 3" exit_is 3
check "no token: the error names the URL and the status" err_has "https://127.0.0.1:$tls_PORT/flows: HTTP 401"
run recommend "https://127.0.0.1:$tls_PORT/flows" --agent-ca "$WORK/pki/other-ca.crt" --agent-token-file "$WORK/token"
check "wrong CA: exit 3" exit_is 3
check "wrong CA: a TLS failure naming the URL" err_has "https://127.0.0.1:$tls_PORT/flows: TLS failure"
check "wrong CA: the token is never printed" err_lacks "$TOKEN"
start_flows insecure --cert "$WORK/pki/server.crt" --key "$WORK/pki/server.key" --fault ok --step 600
run recommend "https://127.0.0.1:$insecure_PORT/flows" --agent-insecure --inventory "$INVENTORY" -q
check "--agent-insecure skips verification" exit_is 0

# Extra headers are sent; a header that is no 'Name: value' is a usage error.
start_flows header --require-header "X-Agent-Key: k-42" --fault ok --step 600 --hold 5
run recommend "http://127.0.0.1:$header_PORT/flows" --agent-header "X-Agent-Key: k-42" --inventory "$INVENTORY"
check "--agent-header: sent with the request" same_as_file
check "a URL's Hubble flows are labelled as a file's" err_has "http://127.0.0.1:$header_PORT/flows (hubble)"
run recommend "http://127.0.0.1:$header_PORT/flows" --agent-header "X-Agent-Key k-42"
check "--agent-header without a colon: exit 2" exit_is 2
check "--agent-header errors never print the value" err_lacks "k-42"

# On a terminal, one progress line; not when stderr is a file (as everywhere above).
start_flows progress --fault ok --step 600 --hold 30
script -qec "'$NETOBS' recommend 'http://127.0.0.1:$progress_PORT/flows' --follow --duration 3s --inventory '$INVENTORY' -o '$WORK/tty.yaml'" \
  /dev/null </dev/null >"$WORK/tty.txt" 2>&1
check "progress: shown on a terminal" grep -q "collecting: $TOTAL flows" "$WORK/tty.txt"
# The same collection (from a server of its own: each serves the flows once) with stderr in a file.
start_flows progress_file --fault ok --step 600 --hold 30
run recommend "http://127.0.0.1:$progress_file_PORT/flows" --follow --duration 3s --inventory "$INVENTORY" -o "$WORK/file.yaml"
check "progress: the collection with stderr in a file succeeds" exit_is 0
check "progress: its summary is on stderr" err_has "collection ended (--duration 3s reached)"
check "progress: it collected every flow" cmp -s "$WORK/expected.yaml" "$WORK/file.yaml"
check "progress: not shown when stderr is not a terminal" err_lacks "collecting:"
script -qec "'$NETOBS' recommend '$HUBBLE' --follow --quiet --inventory '$INVENTORY' -o '$WORK/tty.yaml'" /dev/null </dev/null >"$WORK/tty.txt" 2>&1
check "progress: --quiet silences it" test ! -s "$WORK/tty.txt"

# mTLS: the server requires a client certificate.
start_flows mtls --cert "$WORK/pki/server.crt" --key "$WORK/pki/server.key" --client-ca "$WORK/pki/client-ca.crt" --fault ok --step 600 --hold 5
run recommend "https://127.0.0.1:$mtls_PORT/flows" --agent-ca "$WORK/pki/ca.crt" --agent-cert "$WORK/pki/client.crt" \
  --agent-key "$WORK/pki/client.key" --inventory "$INVENTORY"
check "mTLS with a client certificate: the policies equal those from the file" same_as_file
run recommend "https://127.0.0.1:$mtls_PORT/flows" --agent-ca "$WORK/pki/ca.crt" --agent-retry-for 0s
check "mTLS without a client certificate: exit 3" exit_is 3
run recommend "https://127.0.0.1:$mtls_PORT/flows" --agent-cert "$WORK/pki/client.crt"
check "--agent-cert without --agent-key is a usage error" exit_is 2

# Giving up: a closed port, with credentials in the URL that must never be printed.
closed_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run recommend "http://user:hunter2@127.0.0.1:$closed_port/flows?key=sesame" --agent-retry-for 2s
check "refused: exit 3 after the retries" exit_is 3
check "refused: says it gave up after the time --agent-retry-for gave" grep -qE "giving up after [0-9]+ failed attempts in [23]s \(--agent-retry-for 2s\)" "$WORK/err"
check "refused: nothing collected, nothing written" out_empty
# On a terminal, the progress line says how long the agent has been down, and how many attempts failed.
script -qec "'$NETOBS' recommend 'http://127.0.0.1:$closed_port/flows' --follow --agent-retry-for 3s" /dev/null \
  </dev/null >"$WORK/tty.txt" 2>&1
check "refused on a terminal: the progress line says it is reconnecting, and for how long" \
  grep -qE "reconnecting \([1-9][0-9]*\), down for [0-9]+s" "$WORK/tty.txt"
check "refused: names the URL without its secrets" err_has "http://127.0.0.1:$closed_port/flows:"
check "refused: no password in the message" err_lacks "hunter2"
check "refused: no query in the message" err_lacks "sesame"

# A server that accepts connections and never answers: the connect timeout (TLS included) applies.
python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True); time.sleep(120)' >"$WORK/silent.port" &
KUBE_PIDS+=($!)
wait_for_file "$WORK/silent.port"
run recommend "https://127.0.0.1:$(cat "$WORK/silent.port")/flows" --agent-connect-timeout 1 --agent-retry-for 1s
check "silent server: exit 3 after the retry" exit_is 3
check "silent server: the connect timeout is named" err_has "(connect timeout 1s)"

# An agent rollout: the agent goes away (connections refused) and its replacement comes back on
# the same port within --agent-retry-for; the collection goes on, and the summary lists the gap.
HALF=$((TOTAL / 2))
start_flows rollout --limit "$HALF"
collect_in_background "http://127.0.0.1:$rollout_PORT/flows" --follow --max-flows "$TOTAL" --agent-retry-for 60s \
  --inventory "$INVENTORY"
wait_for_requests "$rollout_LOG" 2  # the first half was served; the agent has nothing new
kill "$rollout_PID"
sleep 2
start_flows rollout_back --port "$rollout_PORT" --skip "$HALF"
finish_collection
check "rollout: the collection survives (exit 0)" exit_is 0
check "rollout: the policies equal those from the file" same_as_file
check "rollout: the summary lists the reconnects" grep -qE "^  reconnects to agents: [1-9]" "$WORK/err"
check "rollout: the summary lists the gap, one line" grep -qE "^  gap: http://127.0.0.1:$rollout_PORT/flows unreachable from 20[0-9-]+T[0-9:]+Z for [0-9]+s \([1-9][0-9]* failed attempts?\)$" "$WORK/err"

# An agent that stays away past --agent-retry-for: exit 3, and the policies of what was
# collected are written all the same.
grep . "$HUBBLE" | head -n "$HALF" | "$NETOBS" recommend - --inventory "$INVENTORY" -q >"$WORK/half.yaml"
start_flows gone --limit "$HALF"
collect_in_background "http://127.0.0.1:$gone_PORT/flows" --follow --agent-retry-for 2s --inventory "$INVENTORY" \
  -o "$WORK/gone.yaml"
wait_for_requests "$gone_LOG" 2
kill "$gone_PID"
finish_collection
check "agent gone for good: exit 3" exit_is 3
check "agent gone for good: the message says what was written and why" err_has "collection ended on a source failure; writing the policies for what was collected (exit 3): http://127.0.0.1:$gone_PORT/flows: giving up after"
check "agent gone for good: the policies of what was collected are written" cmp -s "$WORK/half.yaml" "$WORK/gone.yaml"
check "agent gone for good: the gap is open at the end" err_has "failed attempts, until the collection ended)"

# A token rotated: the agent refuses the old token (401) before the token file has the new one;
# the file is read again at each attempt, and the collection goes on.
printf 'old-token\n' >"$WORK/rotating.token"
start_flows rotation --token old-token --rotate-token new-token --rotate-file "$WORK/rotating.token" \
  --rotate-after-401 2 --fault ok --step 200 --hold 5
run recommend "http://127.0.0.1:$rotation_PORT/flows" --follow --max-flows "$TOTAL" --agent-retry-for 60s \
  --agent-token-file "$WORK/rotating.token" --inventory "$INVENTORY"
check "token rotation: the collection goes on (exit 0)" exit_is 0
check "token rotation: the policies equal those from the file" same_as_file
check "token rotation: the old token was refused twice" test "$(grep -c "GET /flows 401 token" "$rotation_LOG")" -eq 2
check "token rotation: the new token was accepted after" grep -q "GET /flows 200 token" <(sed -n '/ 401 /,$p' "$rotation_LOG")
run recommend "http://127.0.0.1:$rotation_PORT/flows" --agent-token-file "$WORK/token"
check "a token that never worked: 401 at once, exit 3" exit_is 3
check "a token that never worked: named in the error" err_has "http://127.0.0.1:$rotation_PORT/flows: HTTP 401"

# SIGINT ends a collection that would run forever; the policies are still written.
start_flows live --fault ok --step 600 --hold 120
run_signalled INT 2 recommend "http://127.0.0.1:$live_PORT/flows" --follow --inventory "$INVENTORY" -o "$WORK/live.yaml"
check "SIGINT: exit 0" exit_is 0
check "SIGINT: stderr says so" err_has "collection ended (SIGINT); writing the policies for what was collected"
check "SIGINT: the policies are written and equal those from the file" cmp -s "$WORK/expected.yaml" "$WORK/live.yaml"

# --duration ends it too, also while the agent is quiet.
start_flows quiet --fault ok --step 100 --hold 120
run recommend "http://127.0.0.1:$quiet_PORT/flows" --follow --duration 2s --inventory "$INVENTORY"
check "--duration: exit 0" exit_is 0
check "--duration: says so" err_has "collection ended (--duration 2s reached)"
start_flows quiet_recommend --fault ok --step 600 --hold 120
run recommend "http://127.0.0.1:$quiet_recommend_PORT/flows" --follow --duration 3s --inventory "$INVENTORY" -q
check "-q: the collection ends with exit 0" exit_is 0
check "-q: the policies are written" same_as_file
check "-q: silences the end-of-collection line too" err_lacks "collection ended"
start_flows quiet_graph --fault ok --step 600 --hold 120
run graph "http://127.0.0.1:$quiet_graph_PORT/flows" --follow --duration 2s --inventory "$INVENTORY" -q
check "graph -q: the collection ends with exit 0" exit_is 0
check "graph -q: silences the end-of-collection line too" err_lacks "collection ended"
run recommend "http://127.0.0.1:$quiet_PORT/flows" --duration 2x
check "a bad --duration is a usage error" exit_is 2

# Standard input with --follow: to its end, or to a signal while the writer stays silent.
"$NETOBS" recommend - --follow --inventory "$INVENTORY" -q <"$HUBBLE" >"$WORK/out" 2>"$WORK/err"
code=$?
check "stdin --follow: ends at the end of input" exit_is 0
check "stdin --follow: the policies equal those from the file" same_as_file
mkfifo "$WORK/pipe"
(cat "$HUBBLE"; sleep 60) >"$WORK/pipe" &
writer=$!
run_signalled TERM 2 recommend - --follow --inventory "$INVENTORY" -o "$WORK/stdin.yaml" <"$WORK/pipe"
kill "$writer" 2>/dev/null
check "stdin held open: SIGTERM ends collection with exit 0" exit_is 0
check "stdin held open: stderr names SIGTERM" err_has "collection ended (SIGTERM)"
check "stdin held open: the policies are written" cmp -s "$WORK/expected.yaml" "$WORK/stdin.yaml"

# Checkpoints: two half collections resume into one, and saved edges merge.
head -n 268 "$HUBBLE" >"$WORK/first.jsonl"
tail -n +269 "$HUBBLE" >"$WORK/second.jsonl"
run recommend "$WORK/first.jsonl" --checkpoint "$WORK/run.edges" --inventory "$INVENTORY" -q
check "checkpoint: the first half runs" exit_is 0
check "checkpoint: the file has a versioned header" grep -q '^{"netobs_edges":2,' "$WORK/run.edges"
run recommend "$WORK/second.jsonl" --checkpoint "$WORK/run.edges" --inventory "$INVENTORY" -q
check "checkpoint: the resumed run equals one whole collection" same_as_file
run recommend "$WORK/first.jsonl" --checkpoint "$WORK/a.edges" --inventory "$INVENTORY" -q
run recommend "$WORK/second.jsonl" --checkpoint "$WORK/b.edges" --inventory "$INVENTORY" -q
run recommend --edges "$WORK/a.edges" --edges "$WORK/b.edges" --inventory "$INVENTORY" -q
check "--edges: two nodes' edges merge into the whole recommendation" same_as_file
run recommend --edges "$WORK/run.edges" --inventory "$INVENTORY"
check "--edges: the summary counts every flow" err_has "read $TOTAL records"
printf '{"netobs_edges":1,"records_read":1,"records_used":1,"malformed":0,"first_seen":0,"last_seen":0}\n{"client":"10.0.0.1"}\n' >"$WORK/bad.edges"
run recommend --edges "$WORK/bad.edges"
check "a bad edge file: exit 3" exit_is 3
check "a bad edge file: names file and line" err_has "bad.edges:2: bad client or server address"
printf '{"netobs_edges":3}\n' >"$WORK/future.edges"
run recommend --edges "$WORK/future.edges"
check "a newer edge file version is refused" err_has "future.edges:1: edge file version 3 (this netobs reads versions 1 to 2)"
run recommend
check "no flows at all is a usage error" exit_is 2

# --since/--until bound every source.
run recommend "$HUBBLE" --inventory "$INVENTORY" --since 2025-11-24T16:20:00Z --until 2025-11-24T16:40:00Z
check "--since/--until: the window is kept" err_has "observed 2025-11-24T16:20:"
check "--since/--until: records outside are counted" err_has "before --since:"
run recommend "$HUBBLE" --since yesterday
check "a bad --since is a usage error" exit_is 2

# The EKS network policy agent's log, rotated and gzipped, feeds recommend, lint --flows and
# diff --flows alike: ui -> catalog is allowed by what recommend writes, and the DENY is listed
# by workload pair.
{
  printf '%s\n' '{"level":"info","ts":"2025-11-24T16:00:00.000Z","caller":"main.go:1","msg":"Starting network policy agent"}'
  printf '%s\n' '{"level":"debug","ts":"2025-11-24T16:00:01.000Z","msg":"Flow Info: Src IP: 10.0.1.21 Src Port: 41000 Dest IP: 10.0.2.31 Dest Port: 8080 Proto TCP Verdict ACCEPT Direction egress, Tier DEFAULT"}'
  printf '%s\n' '{"level":"info","ts":"2025-11-24T16:00:02.000Z","msg":"Flow Info: Src IP: 10.0.1.21 Src Port: 41001 Dest IP: 10.0.3.51 Dest Port: 6379 Proto TCP Verdict DENY Direction egress, Tier NETWORK_POLICY"}'
} | gzip >"$WORK/network-policy-agent.log.1.gz"
run recommend "$WORK/network-policy-agent.log.1.gz" --inventory "$INVENTORY" -o "$WORK/eks.yaml"
check "eks agent log: recommend exits 0" exit_is 0
check "eks agent log: detected" err_has "network-policy-agent.log.1.gz (eks network policy agent, gzip)"
check "eks agent log: the DENY is listed by workload pair" err_has "ui/ui[Deployment] -> checkout/checkout-redis[Deployment] TCP 6379 (DENY)"
check "eks agent log: ui gets a policy" grep -q "netobs.io/workload: Deployment/ui" "$WORK/eks.yaml"
run lint "$WORK/eks.yaml" --flows "$WORK/network-policy-agent.log.1.gz" --inventory "$INVENTORY"
check "eks agent log: lint --flows finds the recommended policies keep the flow" exit_is 0
run diff "$WORK/eks.yaml" --live "$WORK/eks.yaml" --inventory "$INVENTORY" --flows "$WORK/network-policy-agent.log.1.gz"
check "eks agent log: diff --flows reads it (no change against itself)" exit_is 0

# --from-cluster with --follow watches pods: a pod that appears during the collection (only in
# the watch, never in the list) is attributed; the first watch expires (410) and pods are listed again.
cat >"$WORK/events.jsonl" <<'EVENTS'
{"type":"BOOKMARK","object":{"kind":"Pod","metadata":{"resourceVersion":"1000"}}}
{"type":"ADDED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"newcomer-0","namespace":"ui","resourceVersion":"1001","labels":{"app":"newcomer"},"ownerReferences":[{"kind":"StatefulSet","name":"newcomer","controller":true}]},"spec":{"containers":[{"name":"c"}]},"status":{"phase":"Running","podIP":"10.0.9.9","startTime":"2025-11-24T15:00:00Z"}}}
EVENTS
start_server cluster --watch-events "$WORK/events.jsonl" --watch-gone 1 --watch-hold 60
kubeconfig "$WORK/cluster.kubeconfig" "https://127.0.0.1:$cluster_PORT" "    token: $KUBE_TOKEN"
flows() {
  sleep 3  # the watch delivers the pod first
  printf 'srcaddr dstaddr srcport dstport protocol tcp-flags start end\n10.0.9.9 10.0.1.21 40000 8080 6 2 1764000600 1764000660\n'
}
flows | "$NETOBS" recommend - --follow --from-cluster --kubeconfig "$WORK/cluster.kubeconfig" -n ui >"$WORK/out" 2>"$WORK/err"
code=$?
check "watch: exit 0" exit_is 0
check "watch: the pod seen only by the watch is a peer of ui" out_has "app: newcomer"
check "watch: the expired watch was noted" err_has "the watch expired (410 Gone); listed again"
check "watch: pods were listed twice" test "$(grep -c "GET /api/v1/pods?limit=500 200" "$cluster_LOG")" -eq 2
check "watch: the watch began at the list's version" grep -q "WATCH /api/v1/pods?watch=1&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion=1000 200" "$cluster_LOG"
flows | "$NETOBS" recommend - --from-cluster --kubeconfig "$WORK/cluster.kubeconfig" -n ui >"$WORK/out" 2>"$WORK/err"
code=$?
check "no watch without --follow: exit 0" exit_is 0
check "no watch without --follow: ui still gets its policy" out_has "netobs.io/workload: Deployment/ui"
check "no watch without --follow: the newcomer stays unknown" out_lacks "newcomer"
check "no watch without --follow: its address is only an address in the policy" out_has 'cidr: "10.0.9.9/32"'
check "no watch without --follow: and is reported for review" err_has "private addresses treated as external"

finish
