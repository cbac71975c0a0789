#!/usr/bin/env bash
# Flow metrics end to end: Hubble's hubble_port_distribution_total (made from the sample Hubble
# flows as Cilium's handler counts them) read as a saved scrape, as OpenMetrics, from a /metrics
# URL, and through a real Prometheus server (Debian's package) that scrapes a fixture exporter,
# all on 127.0.0.1. The policies must be those of the Hubble flows themselves (their rules; the
# annotations count flows differently). lint --flows and diff --flows read the metrics alike.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/kube_server.sh"

METRICS="python3 $NETOBS_SOURCE_DIR/tests/testutil/hubble_metrics.py"
EXPORTER="$NETOBS_SOURCE_DIR/tests/testutil/metrics_exporter.py"
HUBBLE="$SAMPLES/flows/hubble/shop-hubble-flows.jsonl"
INVENTORY="$SAMPLES/flows/inventory.json"

# rules FILE: the policies without the annotations that count and date the evidence.
rules() { grep -v -e 'netobs.io/observed-flows' -e 'netobs.io/first-seen' -e 'netobs.io/last-seen' "$1"; }
same_rules() { cmp -s <(rules "$WORK/expected.yaml") <(rules "$WORK/out"); }
# uncounted FILE: findings and reports without their flow counts (metrics count flows otherwise,
# and Prometheus extrapolates increase() to the window): the verdicts must be the same.
uncounted() { sed -E 's/ \([0-9]+ flows\)//' "$1"; }

"$NETOBS" recommend "$HUBBLE" --inventory "$INVENTORY" -q >"$WORK/expected.yaml" || exit 1
$METRICS "$HUBBLE" --noise >"$WORK/scrape.prom"
$METRICS "$HUBBLE" --openmetrics >"$WORK/scrape.om"

run recommend "$WORK/scrape.prom" --inventory "$INVENTORY"
check "scrape file: read as flow metrics" err_has "scrape.prom (flow metrics)"
check "scrape file: the policies are those of the Hubble flows" same_rules
check "scrape file: only the edge series count as records" err_has "read 30 records, used 30"
check "scrape file: the world peers come from source_ip/destination_ip" out_has "52.94.1.12/32"

run recommend "$WORK/scrape.om" --inventory "$INVENTORY"
check "OpenMetrics: the policies are those of the Hubble flows" same_rules

# Without an inventory the pods' labels are unknown: no policy, and a hint what to give.
run recommend "$WORK/scrape.prom"
check "no inventory: no policy selects pods by a guess" out_lacks "kind: NetworkPolicy"
check "no inventory: the hint names --inventory" err_has "give --inventory or --from-cluster"

# A body cut off before its '# EOF' is rejected whole, naming the file.
head -n 12 "$WORK/scrape.om" >"$WORK/cut.om"
run recommend "$WORK/cut.om" --inventory "$INVENTORY"
check "cut OpenMetrics: exit 3" exit_is 3
check "cut OpenMetrics: the message names the file and '# EOF'" err_has "cut.om:12: OpenMetrics body without its '# EOF'"
check "cut OpenMetrics: nothing is written" out_empty

# Without the workload labels, netobs says which labelsContext to configure.
$METRICS "$HUBBLE" --labels source_namespace,destination_namespace >"$WORK/bare.prom"
run recommend "$WORK/bare.prom" --inventory "$INVENTORY"
check "missing labels: exit 3 (nothing usable)" exit_is 3
check "missing labels: the labelsContext to configure" err_has "configure the metric with labelsContext=source_ip,source_namespace,source_workload"

# Escaped label values, an unknown escape, a sample without a value.
{
  printf '# TYPE hubble_port_distribution_total counter\n'
  printf 'hubble_port_distribution_total{protocol="TCP",port="8080",source_namespace="ui",source_workload="ui",destination_namespace="carts",destination_workload="carts",note="a \\"quoted\\", {odd} = value\\\\"} 3 1764000000000\n'
  printf 'hubble_port_distribution_total{protocol="TCP",port="8080",source_namespace="ui\\q"} 1\n'
  printf 'hubble_port_distribution_total{protocol="TCP"}\n'
} >"$WORK/odd.prom"
run recommend "$WORK/odd.prom" --inventory "$INVENTORY"
check "escapes: the good series is used" err_has "read 1 record, used 1"
check "escapes: an unknown escape is reported with its line" err_has "odd.prom:3: unknown escape '\\q' in a label value"
check "escapes: a sample without a value is reported" err_has "odd.prom:4: expected a space and a value after the metric"
check "escapes: the edge is allowed" out_has "app.kubernetes.io/name: ui"

# lint and diff read the metrics as they read flows. The policies lint checks block observed
# edges (ui -> catalog on 8080, catalog's egress to its database), so the findings depend on
# the flows read: a source that gave no edges would give other findings.
cat >"$WORK/blocking.yaml" <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: catalog, namespace: catalog}
spec:
  podSelector: {matchLabels: {app.kubernetes.io/name: catalog, app.kubernetes.io/component: service}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ui}}
      podSelector: {matchLabels: {app.kubernetes.io/name: ui}}
    ports: [{port: 80, protocol: TCP}]
  egress:
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
YAML
run lint "$WORK/blocking.yaml" --flows "$HUBBLE" --inventory "$INVENTORY" --format json
cp "$WORK/out" "$WORK/lint-flows.json"
check "lint --flows (the Hubble flows): blocked edges are errors, exit 1" exit_is 1
check "lint --flows (the Hubble flows): ui -> catalog is blocked" \
  out_has "observed TCP 8080 from ui/ui[Deployment] to catalog/catalog[Deployment] (30 flows) is blocked"
check "lint --flows (the Hubble flows): catalog -> its database is blocked" \
  out_has "observed TCP 3306 from catalog/catalog[Deployment] to catalog/catalog-mysql[StatefulSet] (25 flows) is blocked"
run lint "$WORK/blocking.yaml" --flows "$WORK/scrape.prom" --inventory "$INVENTORY" --format json
check "lint --flows (metrics): exit 1" exit_is 1
check "lint --flows: same findings from metrics as from flows" cmp -s <(uncounted "$WORK/lint-flows.json") <(uncounted "$WORK/out")
sed '/name: ui$/,$d' "$WORK/expected.yaml" >"$WORK/fewer.yaml"
"$NETOBS" diff "$WORK/fewer.yaml" --live "$WORK/expected.yaml" --flows "$HUBBLE" --inventory "$INVENTORY" >"$WORK/diff-flows.txt" 2>/dev/null
run diff "$WORK/fewer.yaml" --live "$WORK/expected.yaml" --flows "$WORK/scrape.prom" --inventory "$INVENTORY"
check "diff --flows: exit 1 (differences)" exit_is 1
check "diff --flows: same report from metrics as from flows" cmp -s "$WORK/diff-flows.txt" "$WORK/out"

# A /metrics URL is a source like a file.
start_exporter() {
  local name=$1
  shift
  python3 "$EXPORTER" --port-file "$WORK/$name.port" --log "$WORK/$name.log" --lifetime 300 "$@" 2>"$WORK/$name.stderr" &
  KUBE_PIDS+=($!)
  wait_for_file "$WORK/$name.port"
  printf -v "${name}_PORT" '%s' "$(cat "$WORK/$name.port")"
}
start_exporter direct --body "$WORK/scrape.prom"
run recommend "http://127.0.0.1:$direct_PORT/metrics" --inventory "$INVENTORY"
check "/metrics URL: the policies are those of the Hubble flows" same_rules

# A followed /metrics URL is scraped every --scrape-interval; each scrape counts what the
# counters grew by (a counter that went down was reset: it counts from zero), never its value
# again. The exporter's n-th answer is the n-th body; --max-flows ends after the last one.
# scrapes NAME UI_CARTS... [-- ORDERS_CATALOG...]: one body per value, $WORK/NAME.N.prom; sets BODIES.
scrapes() {
  local name=$1 n=0 value
  shift
  BODIES=()
  for value in "$@"; do
    n=$((n + 1))
    {
      printf '# TYPE hubble_port_distribution_total counter\n'
      printf 'hubble_port_distribution_total{protocol="TCP",port="8080",source_namespace="ui",source_workload="ui",destination_namespace="carts",destination_workload="carts"} %s\n' "${value%/*}"
      [ "$value" = "${value#*/}" ] ||
        printf 'hubble_port_distribution_total{protocol="TCP",port="8080",source_namespace="orders",source_workload="orders",destination_namespace="catalog",destination_workload="catalog"} %s\n' "${value#*/}"
    } >"$WORK/$name.$n.prom"
    BODIES+=(--body "$WORK/$name.$n.prom")
  done
}
# flows_of EDGES SERVER: the flows a checkpoint counts for the edge to workload SERVER.
flows_of() {
  python3 -c 'import json, sys
lines = open(sys.argv[1]).read().splitlines()[1:]
print(sum(sum(e["flows"]) for e in map(json.loads, lines) if e.get("server_identity", {}).get("workload") == sys.argv[2]))' "$1" "$2"
}
scrapes growing 10/4 25/4 40/9
start_exporter growing "${BODIES[@]}"
run recommend "http://127.0.0.1:$growing_PORT/metrics" --follow --scrape-interval 1s --max-flows 6 \
  --checkpoint "$WORK/growing.edges" --inventory "$INVENTORY"
check "scraped counters: exit 0" exit_is 0
check "scraped counters: three scrapes" test "$(grep -c "GET /metrics 200" "$WORK/growing.log")" -eq 3
check "scraped counters: each series read per scrape, used when it grew" err_has "read 6 records, used 5"
check "scraped counters: a series that did not grow is counted as such" err_has "series without new traffic since the previous scrape: 1"
check "scraped counters: ui -> carts counts its growth (40), not the sum of scrapes (75)" test "$(flows_of "$WORK/growing.edges" carts)" -eq 40
check "scraped counters: orders -> catalog counts 9, not 17" test "$(flows_of "$WORK/growing.edges" catalog)" -eq 9
check "scraped counters: both edges get their policies" out_has "app.kubernetes.io/name: orders"
scrapes reset 10 25 5 12
start_exporter reset "${BODIES[@]}"
run recommend "http://127.0.0.1:$reset_PORT/metrics" --follow --scrape-interval 1s --max-flows 4 \
  --checkpoint "$WORK/reset.edges" --inventory "$INVENTORY"
check "counter reset: exit 0" exit_is 0
check "counter reset: 25, then 5 from zero, then 7 more: 37" test "$(flows_of "$WORK/reset.edges" carts)" -eq 37
run recommend "http://127.0.0.1:$reset_PORT/metrics" --follow --scrape-interval 1x
check "a bad --scrape-interval is a usage error" exit_is 2
run recommend "http://127.0.0.1:$reset_PORT/metrics" --scrape-interval 1s --inventory "$INVENTORY"
check "--scrape-interval without --follow is a usage error (it would be ignored)" exit_is 2
check "... which says it needs --follow" err_has "--scrape-interval needs --follow"

# A real Prometheus server scraping the exporter every second. The samples carry their own
# times, two scrapes apart, so every series holds exactly two samples however long the test runs.
if ! command -v prometheus >/dev/null; then
  skip "the rest: through a real Prometheus server" "Debian's prometheus is not installed (scripts/install-test-tools.sh installs it)"
  finish
fi
now_ms=$(($(date +%s) * 1000))
$METRICS "$HUBBLE" --retina --halve --timestamp $((now_ms - 60000)) >"$WORK/early.prom"
$METRICS "$HUBBLE" --retina --timestamp $((now_ms - 30000)) >"$WORK/late.prom"
start_exporter scraped --body "$WORK/early.prom" --body "$WORK/late.prom"
PROM_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: hubble
    static_configs:
      - targets: ["127.0.0.1:$scraped_PORT"]
YAML
# Served over TLS with the suite's test CA, so --prometheus-ca is what lets netobs in.
make_pki
printf 'tls_server_config:\n  cert_file: %s\n  key_file: %s\n' "$WORK/pki/server.crt" "$WORK/pki/server.key" >"$WORK/web.yml"
# 30 series with two samples each: the query of all of them needs about 120 samples in memory,
# that of the largest namespace (ui, 14 series) about 56. So netobs must split it by namespace.
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
  --web.listen-address="127.0.0.1:$PROM_PORT" --web.config.file="$WORK/web.yml" --query.max-samples=70 \
  >"$WORK/prometheus.log" 2>&1 &
KUBE_PIDS+=($!)
PROM="https://127.0.0.1:$PROM_PORT"
CA=(--prometheus-ca "$WORK/pki/ca.crt")
ready=no
for ((i = 0; i < 300; i++)); do
  answer=$(python3 - "$PROM" "$WORK/pki/ca.crt" <<'PY' 2>/dev/null
import json, ssl, sys, urllib.parse, urllib.request
q = urllib.parse.quote("count(hubble_port_distribution_total)")
tls = ssl.create_default_context(cafile=sys.argv[2])
print(json.load(urllib.request.urlopen(f"{sys.argv[1]}/api/v1/query?query={q}", context=tls))["data"]["result"][0]["value"][1])
PY
  )
  # The third scrape began after the second (the later body) was stored.
  [ "$answer" = 30 ] && [ "$(wc -l <"$WORK/scraped.log")" -ge 3 ] && ready=yes && break
  sleep 0.2
done
check "prometheus: scraped both bodies of the exporter" test "$ready" = yes

run recommend --prometheus "$PROM" --window 1h --inventory "$INVENTORY"
check "prometheus without its CA: exit 3" exit_is 3
check "prometheus without its CA: a TLS error" err_has "TLS failure"
check "prometheus without its CA: naming the server" err_has "https://127.0.0.1:$PROM_PORT"
# The TLS failure is known by its kind, not its words: a wrong CA does not pass by waiting.
check "prometheus without its CA: no retries" err_lacks "giving up after"
run recommend --prometheus "$PROM" "${CA[@]}" --window 1h --inventory "$INVENTORY"
check "prometheus: exit 0" exit_is 0
check "prometheus: the policies are those of the Hubble flows" same_rules
check "prometheus: the query is a source" err_has "$PROM (prometheus query) (flow metrics)"
check "prometheus: the summary's window is the query's" err_has "(a window of 1h00m"
check "prometheus: every series, the node's too, and Retina's but its replies" err_has "read 32 records, used 31"

# The same with a token and a path prefix (a proxy's), and a server that refuses.
run recommend --prometheus "$PROM/" "${CA[@]}" --window 1h --inventory "$INVENTORY" --since -1h
check "prometheus: --since sets the window" same_rules
run recommend --prometheus "http://user:secret@127.0.0.1:1/" --prometheus-timeout 2 --prometheus-retries 1 --inventory "$INVENTORY"
check "prometheus refused: exit 3" exit_is 3
check "prometheus refused: the URL without its secret" err_lacks "secret"
check "prometheus refused: says --prometheus" err_has "(--prometheus)"
check "prometheus refused: retried once" err_has "giving up after 2 attempts"

# lint and diff take --prometheus too.
run lint "$WORK/blocking.yaml" --prometheus "$PROM" "${CA[@]}" --window 1h --inventory "$INVENTORY" --format json
check "lint --prometheus: exit 1 (blocked edges)" exit_is 1
check "lint --prometheus: same findings as from flows" cmp -s <(uncounted "$WORK/lint-flows.json") <(uncounted "$WORK/out")
run diff "$WORK/fewer.yaml" --live "$WORK/expected.yaml" --prometheus "$PROM" "${CA[@]}" --window 1h --inventory "$INVENTORY"
check "diff --prometheus: same report as from flows" cmp -s <(uncounted "$WORK/diff-flows.txt") <(uncounted "$WORK/out")
run recommend --prometheus "$PROM" --window 1x --inventory "$INVENTORY"
check "bad --window: usage error" exit_is 2
: >"$WORK/empty-token"
run recommend --prometheus "$PROM" "${CA[@]}" --prometheus-token-file "$WORK/empty-token" --inventory "$INVENTORY"
check "empty token file: exit 3" exit_is 3
check "empty token file: naming the option" err_has "--prometheus-token-file $WORK/empty-token: cannot read a token"
printf 'prom-token-1\n' >"$WORK/token"
run recommend --prometheus "$PROM" "${CA[@]}" --prometheus-token-file "$WORK/token" --window 1h --inventory "$INVENTORY" \
  --prometheus-header "X-Scope-OrgID: tenant-1"
check "token and header (ignored by this server): the same policies" same_rules
finish
