#!/usr/bin/env bash
# A green lint, diff, connectivity or explain means the check ran: inputs that give it nothing
# to check (flow sources without a usable record, files that do not parse, policies of kinds
# that are not analysed) are input errors, never "no change" or "0 findings" (issue 24).
source "$(dirname "$0")/lib.sh"

INVENTORY="$SAMPLES/flows/inventory.json"
MANIFESTS="$NETOBS_SOURCE_DIR/tests/golden/connectivity/manifests.yaml"
GOLDEN_DIFF="$NETOBS_SOURCE_DIR/tests/golden/diff"

# --- flows that give no usable record (item 6) ---
"$NETOBS" recommend "$SAMPLES/flows" --inventory "$INVENTORY" -q >"$WORK/policies.yaml" 2>/dev/null
: >"$WORK/empty.log"
printf 'hello\nworld\n' >"$WORK/words.log"
for flows in "$WORK/empty.log" "$WORK/words.log"; do
  name=$(basename "$flows")
  run lint "$WORK/policies.yaml" --inventory "$INVENTORY" --flows "$flows"
  check "lint --flows $name: exit 3" exit_is 3
  check "lint --flows $name: says no usable record" err_has "no usable flow record in 1 source:"
  check "lint --flows $name: no report" out_empty
  run diff "$WORK/policies.yaml" --live "$MANIFESTS" --flows "$flows"
  check "diff --flows $name: exit 3" exit_is 3
  check "diff --flows $name: says no usable record" err_has "nothing was checked against observed traffic"
done
check "the malformed records are shown" sh -c "'$NETOBS' lint '$WORK/policies.yaml' --flows '$WORK/words.log' 2>&1 | grep -qF 'words.log:1:'"
# Usable records no policy can be tested against: VPC logs without an inventory name no workload,
# and Hubble flows name theirs but, without the pods, no policy selects them. A clean result would
# be an all-clear that checked nothing.
VPC=$(ls "$SAMPLES"/flows/vpc/*.log)
HUBBLE=$(ls "$SAMPLES"/flows/hubble/*.jsonl)
for source in "vpc:$VPC:observed edges has a workload at either end" \
  "hubble:$HUBBLE:is between workloads the policies' state knows"; do
  IFS=: read -r name flows why <<<"$source"
  run lint "$WORK/policies.yaml" --flows "$flows"
  check "lint --flows $name without the inventory: exit 3" exit_is 3
  check "lint --flows $name without the inventory: says why" err_has "$why"
  check "lint --flows $name without the inventory: no report" out_empty
  run diff "$WORK/policies.yaml" --live "$MANIFESTS" --flows "$flows"
  check "diff --flows $name without the inventory: exit 3" exit_is 3
  check "diff --flows $name without the inventory: nothing checked" err_has "nothing was checked against observed traffic"
  run lint "$WORK/policies.yaml" --inventory "$INVENTORY" --flows "$flows"
  check "lint --flows $name with the inventory: the same records are checked" exit_is 0
done

# A checkpoint (edge file) is flow evidence: lint finds the observed flow a policy blocks in it.
"$NETOBS" recommend "$SAMPLES/flows" --inventory "$INVENTORY" --checkpoint "$WORK/saved.edges" -q >/dev/null 2>&1
check "recommend wrote a checkpoint" grep -q '^{"netobs_edges":2' "$WORK/saved.edges"
run lint "$WORK/policies.yaml" --inventory "$INVENTORY" --flows "$WORK/saved.edges" --format json
check "lint --flows CHECKPOINT reads its edges" err_has "observed edges from"
check "lint --flows CHECKPOINT: the recommendation blocks nothing observed" out_lacks '"rule": "observed-flow-blocked"'
# Replace the carts policy by a deny-all: the observed traffic to carts is blocked.
awk 'BEGIN{RS="---\n"; ORS=""} !/name: carts-netobs/ {print "---\n" $0}' "$WORK/policies.yaml" >"$WORK/narrow.yaml"
printf -- '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: carts}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n' \
  >>"$WORK/narrow.yaml"
run lint "$WORK/narrow.yaml" --inventory "$INVENTORY" --flows "$WORK/saved.edges" --format json
check "lint --flows CHECKPOINT: a blocked observed flow is an error" exit_is 1
check "lint --flows CHECKPOINT: observed-flow-blocked" out_has '"rule": "observed-flow-blocked"'
run recommend "$WORK/saved.edges" --inventory "$INVENTORY" -q
check "recommend reads a checkpoint given as a source" exit_is 0
check "recommend's policies from a checkpoint are the collection's" cmp -s "$WORK/out" "$WORK/policies.yaml"

# A live permission an observed flow took is never "unused", also when the proposal (a whole
# state of its own workloads) no longer has its ends.
web='{"namespace":"shop","pod_name":"web-1","labels":["k8s:app=web"],"workloads":[{"name":"web","kind":"Deployment"}]}'
db='{"namespace":"shop","pod_name":"db-0","labels":["k8s:app=db"],"workloads":[{"name":"db","kind":"StatefulSet"}]}'
printf '{"flow":{"time":"2025-11-24T16:00:00Z","verdict":"FORWARDED","IP":{"source":"10.1.0.5","destination":"10.1.0.6"},"l4":{"TCP":{"source_port":40000,"destination_port":5432,"flags":{"SYN":true}}},"source":%s,"destination":%s,"traffic_direction":"EGRESS","is_reply":false}}\n' \
  "$web" "$db" >"$WORK/web-db.jsonl"
cat >"$WORK/other-workloads.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api}]}
EOF
run diff "$WORK/other-workloads.yaml" --live "$MANIFESTS" --flows "$WORK/web-db.jsonl"
check "diff --flows with a proposal of other workloads: differences" exit_is 1
check "the observed web => db is read" err_has "1 observed edge from"
check "the observed web => db is no unused live permission" out_lacks "unused: shop/web[Deployment] => shop/db[StatefulSet]"
# A checkpoint in the directory of sources it collects is resumed, not read a second time.
mkdir -p "$WORK/collect"
cp "$SAMPLES"/flows/hubble/*.jsonl "$WORK/collect/"
"$NETOBS" recommend "$WORK/collect" --inventory "$INVENTORY" --checkpoint "$WORK/collect/cp.edges" -q >/dev/null 2>&1
run recommend "$WORK/collect" --inventory "$INVENTORY" --checkpoint "$WORK/collect/cp.edges"
check "recommend resumes its checkpoint" err_has "cp.edges (edges)"
check "the checkpoint is not read again as a source" test "$(grep -o 'cp.edges (edges)' "$WORK/err" | wc -l)" -eq 1

# --- files that do not parse, in diff (item 7) ---
printf 'kind: List\nitems: [\n' >"$WORK/broken.yaml"
mkdir -p "$WORK/proposal"
cp "$GOLDEN_DIFF/proposed.yaml" "$WORK/proposal/ok.yaml"
cp "$WORK/broken.yaml" "$WORK/proposal/broken.yaml"
run diff "$WORK/proposal" --live "$GOLDEN_DIFF/live.yaml"
check "diff with a proposed file that does not parse: exit 3" exit_is 3
check "diff names the file and line" err_has "broken.yaml:3: invalid YAML"
check "diff says nothing was compared" err_has "nothing was compared (--skip-unparsable compares the rest)"
check "diff prints no diff then" out_empty
mkdir -p "$WORK/live"
cp "$GOLDEN_DIFF/live.yaml" "$WORK/live/ok.yaml"
cp "$WORK/broken.yaml" "$WORK/live/broken.yaml"
run diff "$GOLDEN_DIFF/proposed.yaml" --live "$WORK/live"
check "diff with a live file that does not parse: exit 3" exit_is 3
run diff "$WORK/proposal" --live "$GOLDEN_DIFF/live.yaml" --skip-unparsable
check "diff --skip-unparsable compares the rest" exit_is 1
check "diff --skip-unparsable shows the differences" out_has "Connectivity diff:"
check "diff --skip-unparsable warns what it left out" err_has "warning: 1 file is left out, as it did not parse"
run diff "$WORK/proposal" --live "$GOLDEN_DIFF/live.yaml" --skip-unparsable --strict-input
check "--skip-unparsable with --strict-input is a usage error" exit_is 2

# --- policies of kinds that are not analysed (item 8): Calico's projectcalico.org NetworkPolicies ---
"$NETOBS" recommend "$SAMPLES/flows" --inventory "$INVENTORY" -q >"$WORK/np.yaml" 2>/dev/null
printf -- '---\napiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: carts-calico, namespace: carts}\nspec: {selector: all()}\n' \
  >"$WORK/other.yaml"
run connectivity "$WORK/other.yaml" --inventory "$INVENTORY"
check "connectivity of Calico policies only: exit 3" exit_is 3
check "connectivity names what it did not analyse" err_has "NetworkPolicy carts/carts-calico (projectcalico.org/v3) is not analysed"
check "connectivity names the file and line" err_has "other.yaml:"
check "connectivity prints no result then" out_empty
run explain "$WORK/other.yaml" --inventory "$INVENTORY" --from ui/ui --to carts/carts --port 8080
check "explain with Calico policies only: exit 3" exit_is 3
check "explain says nothing was analysed" err_has "nothing to analyse in $WORK/other.yaml"
run lint "$WORK/other.yaml" --inventory "$INVENTORY"
check "lint of Calico policies only: exit 3" exit_is 3
check "lint names them" err_has "NetworkPolicy carts/carts-calico (projectcalico.org/v3) is not analysed"
check "lint prints no report then" out_empty
run diff "$WORK/other.yaml" --live "$MANIFESTS"
check "diff of a Calico proposal: exit 3, not 'no change'" exit_is 3
check "diff names the proposal" err_has "nothing to analyse in the proposal $WORK/other.yaml"
run diff "$MANIFESTS" --live "$WORK/other.yaml"
check "diff against live Calico policies only: exit 3" exit_is 3
# EKS ApplicationNetworkPolicies are NetworkPolicies to the engine (the agent evaluates them together).
sed -e 's#^apiVersion: networking.k8s.io/v1$#apiVersion: networking.k8s.aws/v1alpha1#' \
  -e 's#^kind: NetworkPolicy$#kind: ApplicationNetworkPolicy#' "$WORK/np.yaml" >"$WORK/appnp.yaml"
check "the EKS ApplicationNetworkPolicies were written" grep -q "kind: ApplicationNetworkPolicy" "$WORK/appnp.yaml"
"$NETOBS" connectivity "$WORK/np.yaml" --inventory "$INVENTORY" >"$WORK/np-connectivity.txt" 2>/dev/null
run connectivity "$WORK/appnp.yaml" --inventory "$INVENTORY"
check "connectivity of ApplicationNetworkPolicies: evaluated" exit_is 0
check "connectivity of ApplicationNetworkPolicies leaves none out" err_lacks "is not analysed"
check "ApplicationNetworkPolicies allow what the same NetworkPolicies allow" cmp -s "$WORK/out" "$WORK/np-connectivity.txt"
run explain "$WORK/appnp.yaml" --inventory "$INVENTORY" --from ui/ui --to carts/carts --port 8080
check "explain names the ApplicationNetworkPolicy that allows" out_has "ApplicationNetworkPolicy carts/carts-netobs ("
run lint "$WORK/appnp.yaml" --inventory "$INVENTORY"
check "lint of ApplicationNetworkPolicies: no apiVersion error" out_lacks "invalid-api-version"
run diff "$WORK/appnp.yaml" --live "$WORK/np.yaml" --inventory "$INVENTORY"
check "diff of NetworkPolicies turned ApplicationNetworkPolicies: differences in objects only" exit_is 1
check "diff shows the objects that changed kind" out_has "added ApplicationNetworkPolicy carts/carts-netobs"
check "diff shows no connectivity change" out_has "Connectivity: no change"
# Cilium policies are analysed: alone they are a policy state like any other.
"$NETOBS" recommend "$SAMPLES/flows" --inventory "$INVENTORY" -q --output-kind cilium >"$WORK/cilium.yaml" 2>/dev/null
check "recommend wrote Cilium policies" grep -q "kind: CiliumNetworkPolicy" "$WORK/cilium.yaml"
run connectivity "$WORK/cilium.yaml" --inventory "$INVENTORY"
check "connectivity of Cilium policies only: evaluated" exit_is 0
check "connectivity of Cilium policies leaves none out" err_lacks "is not analysed"
# Each kind netobs writes reads back through the engine to the networkpolicy kind's connectivity.
"$NETOBS" recommend "$SAMPLES/flows" --inventory "$INVENTORY" -q --default-deny >"$WORK/networkpolicy.yaml" 2>/dev/null
cat "$MANIFESTS" "$WORK/networkpolicy.yaml" >"$WORK/mixed-networkpolicy.yaml"
"$NETOBS" connectivity "$WORK/mixed-networkpolicy.yaml" >"$WORK/connectivity-networkpolicy.txt" 2>/dev/null
for kind in eks clusternetworkpolicy cilium; do
  "$NETOBS" recommend "$SAMPLES/flows" --inventory "$INVENTORY" -q --default-deny --output-kind $kind >"$WORK/$kind.yaml" 2>/dev/null
  cat "$MANIFESTS" "$WORK/$kind.yaml" >"$WORK/mixed-$kind.yaml"
  run connectivity "$WORK/mixed-$kind.yaml"
  check "connectivity of networking/v1 plus the $kind kind: evaluated" exit_is 0
  check "connectivity of networking/v1 plus the $kind kind: nothing left out" err_lacks "is not analysed"
  check "connectivity of the $kind kind is the networkpolicy kind's" cmp -s "$WORK/out" "$WORK/connectivity-networkpolicy.txt"
  check "the $kind kind's connectivity is not empty" test -s "$WORK/out"
done
# With the inventory's pods (every namespace, nodes, DNS) the cilium kind still reads back to the
# networkpolicy kind's connectivity: endpoints, CIDRs, DNS with its L7 rule (allowed at layer 4).
"$NETOBS" connectivity "$WORK/networkpolicy.yaml" --inventory "$INVENTORY" >"$WORK/inventory-networkpolicy.txt" 2>/dev/null
run connectivity "$WORK/cilium.yaml" --inventory "$INVENTORY"
check "the cilium kind with the inventory: evaluated" exit_is 0
check "the cilium kind's DNS rule is named as L7 not evaluated" err_has "its L7 rules are not evaluated"
check "the cilium kind with the inventory is the networkpolicy kind's" cmp -s "$WORK/out" "$WORK/inventory-networkpolicy.txt"
check "the inventory connectivity is not empty" test -s "$WORK/out"
check "lint checks the EKS cluster tiers with the NetworkPolicies" sh -c "'$NETOBS' lint '$WORK/mixed-eks.yaml' 2>&1 | grep -qF 'policies checked'"
printf 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n' >"$WORK/namespace.yaml"
run lint "$WORK/namespace.yaml"
check "lint of manifests without any policy: exit 3" exit_is 3
check "lint says there was nothing to check" err_has "nothing to check in $WORK/namespace.yaml"
run diff "$WORK/namespace.yaml" --live "$MANIFESTS"
check "diff of a proposal without policies or workloads: exit 3" exit_is 3
run diff "$WORK/namespace.yaml" --live "$MANIFESTS" --prune
check "with --prune an empty proposal removes every live policy" exit_is 1

# --- np-guard's workloads-diff-info when both ends exist on one side only (item 14) ---
cat >"$WORK/new-pair.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cache, namespace: shop}
spec:
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec: {containers: [{name: cache}]}
EOF
cat "$MANIFESTS" "$WORK/new-pair.yaml" | sed '1s/^/---\n/' >"$WORK/with-pair.yaml"
run diff "$WORK/with-pair.yaml" --live "$MANIFESTS"
check "diff of added workloads: exit 1" exit_is 1
check "a pair of added workloads names both" out_has "diff-type: added, source: shop/api[Deployment], destination: shop/cache[Deployment], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload shop/api[Deployment] and shop/cache[Deployment] added"
check "a pair with one added workload names it alone" out_has "source: shop/api[Deployment], destination: shop/web[Deployment], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload shop/api[Deployment] added"
run diff "$MANIFESTS" --live "$WORK/with-pair.yaml"
check "a pair of removed workloads names both" out_has "destination: shop/api[Deployment], ref1: All Connections, ref2: No Connections, workloads-diff-info: workload shop/cache[Deployment] and shop/api[Deployment] removed"

# --- diff --live with policies but no workloads: the connectivity could not be evaluated ---
python3 - "$GOLDEN_DIFF/live.yaml" "$WORK/live-policies.yaml" <<'EOF'
import sys
documents = open(sys.argv[1]).read().split("\n---\n")
open(sys.argv[2], "w").write("\n---\n".join(d for d in documents if "kind: NetworkPolicy" in d) + "\n")
EOF
check "the live policies hold no workload" sh -c "! grep -q -e 'kind: Deployment' -e 'kind: StatefulSet' '$WORK/live-policies.yaml'"
run diff "$GOLDEN_DIFF/proposed.yaml" --live "$WORK/live-policies.yaml"
check "diff of policies without workloads: exit 3, not 'no change'" exit_is 3
check "diff of policies without workloads: says the connectivity could not be evaluated" \
  err_has "netobs diff: the connectivity could not be evaluated: neither the live state $WORK/live-policies.yaml nor $GOLDEN_DIFF/proposed.yaml holds a workload"
check "diff of policies without workloads: prints no diff" out_empty
run diff "$WORK/live-policies.yaml" --live "$WORK/live-policies.yaml"
check "diff of the same policies without workloads: exit 3, not 'no change'" exit_is 3
run diff "$GOLDEN_DIFF/proposed.yaml" --live "$WORK/live-policies.yaml" --live "$GOLDEN_DIFF/live.yaml"
check "diff with workloads on the live side is evaluated (exit 1: differences)" exit_is 1

finish
