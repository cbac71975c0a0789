#!/usr/bin/env bash
# The cluster state is loaded once per run (lib/src/state): every command that reads the cluster
# lists each kind once, and the snapshot it read answers for every view (inventory and manifests).
source "$(dirname "$0")/lib.sh"
source "$NETOBS_SOURCE_DIR/tests/cli/kube_server.sh"

POLICIES="$NETOBS_SOURCE_DIR/tests/data/cluster/policies.json"
make_pki

# lists_once LOG: every collection the server was asked to list in this run, once each.
lists_once() {
  local log=$1 repeated
  repeated=$(grep -oE '^GET [^ ?]*\?limit=' "$log" | sort | uniq -d)
  [ -s "$log" ] && [ -z "$repeated" ] || { echo "listed more than once: $repeated"; return 1; }
}

# One server per command, so each log holds that run's requests only.
n=0
for args in "connectivity --from-cluster" \
            "explain --from-cluster --from ui/ui --to catalog/catalog --port 8080" \
            "lint --from-cluster --flows $SAMPLES/flows" \
            "diff $POLICIES --flows $SAMPLES/flows" \
            "recommend $SAMPLES/flows/vpc --from-cluster -q" \
            "graph $SAMPLES/flows --from-cluster -q --format json"; do
  n=$((n + 1))
  start_server "s$n"
  port_var="s${n}_PORT"
  log_var="s${n}_LOG"
  kubeconfig "$WORK/s$n.kubeconfig" "https://127.0.0.1:${!port_var}" "    token: $KUBE_TOKEN"
  read -ra words <<<"$args"
  run "${words[@]}" --kubeconfig "$WORK/s$n.kubeconfig"
  check "${words[0]}: ran against the cluster (exit $code)" test "$code" -le 1
  check "${words[0]}: the cluster's pods were listed" grep -q "^GET /api/v1/pods" "${!log_var}"
  check "${words[0]}: each kind was listed once" lists_once "${!log_var}"
done

finish
