#!/usr/bin/env bash
# lint on what netobs recommend writes, with the same inventory, is quiet: what netobs writes on
# purpose (a default deny in every namespace, kube-system included; a policy for a CronJob between
# runs) is no finding, and namespace findings point at the Namespace object (issue 24).
source "$(dirname "$0")/lib.sh"

INVENTORY="$SAMPLES/flows/inventory.json"

"$NETOBS" recommend "$SAMPLES/flows" --inventory "$INVENTORY" -q -A --default-deny >"$WORK/all.yaml" 2>/dev/null
check "recommend -A --default-deny wrote a default deny in kube-system" \
  sh -c "awk 'BEGIN{RS=\"---\\n\"} /name: default-deny-netobs/ && /namespace: kube-system/' '$WORK/all.yaml' | grep -q podSelector"
check "the sample has a CronJob whose only pod has Succeeded" \
  sh -c "grep -q '\"kind\": \"CronJob\"' '$INVENTORY' && grep -q '\"phase\": \"Succeeded\"' '$INVENTORY'"
check "recommend wrote a policy for the CronJob" grep -q "name: orders-cleanup-netobs" "$WORK/all.yaml"
run lint "$WORK/all.yaml" --inventory "$INVENTORY" --fail-on warning
check "lint of recommend -A --default-deny with its inventory: exit 0" exit_is 0
check "lint of recommend -A --default-deny: no finding at all" out_has "policies checked: 0 errors, 0 warnings"
check "no finding line" sh -c "! grep -q ': \(error\|warning\|info\): ' '$WORK/out'"
run lint "$WORK/all.yaml" --inventory "$INVENTORY" --format json
check "the CronJob between runs is a known workload" out_lacks '"rule": "policy-selects-nothing"'
check "the kube-system default deny is no DNS outage for host-network pods" out_lacks '"rule": "dns-egress-blocked"'
check "the kube-system default deny is not a policy for host-network pods" out_lacks '"rule": "host-network-selected"'

# A namespace without pods (default, often) gets a default deny from -A: no finding either.
python3 - "$INVENTORY" "$WORK/with-empty.json" <<'EOF'
import json, sys
inventory = json.load(open(sys.argv[1]))
inventory["items"].append({"apiVersion": "v1", "kind": "Namespace",
                           "metadata": {"name": "default", "labels": {"kubernetes.io/metadata.name": "default"}}})
json.dump(inventory, open(sys.argv[2], "w"), indent=1)
EOF
"$NETOBS" recommend "$SAMPLES/flows" --inventory "$WORK/with-empty.json" -q -A --default-deny >"$WORK/with-empty.yaml" 2>/dev/null
check "recommend -A wrote a default deny in the empty namespace" grep -q "namespace: default" "$WORK/with-empty.yaml"
run lint "$WORK/with-empty.yaml" --inventory "$WORK/with-empty.json" --fail-on warning
check "lint: the empty namespace's default deny is no finding" out_has "policies checked: 0 errors, 0 warnings"
cat >"$WORK/nothing.yaml" <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: gone, namespace: orders}
spec:
  podSelector: {matchLabels: {app: gone}}
  policyTypes: [Ingress]
EOF
run lint "$WORK/nothing.yaml" --inventory "$INVENTORY" --format json
check "a podSelector that selects no pod is still a finding" out_has '"rule": "policy-selects-nothing"'

# The rules still fire on what netobs does not write: a policy for the host-network pods, and
# egress isolation of pod-network pods without DNS.
cat >"$WORK/hostnet.yaml" <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: proxy, namespace: kube-system}
spec:
  podSelector: {matchLabels: {k8s-app: kube-proxy}}
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: no-dns, namespace: carts}
spec:
  podSelector: {}
  policyTypes: [Egress]
EOF
run lint "$WORK/hostnet.yaml" --inventory "$INVENTORY" --format json
check "a policy selecting host-network pods by label is still reported" out_has '"rule": "host-network-selected"'
check "egress isolation of pod-network pods without DNS is still reported" out_has '"rule": "dns-egress-blocked"'

# Namespace findings point at the Namespace object of the inventory, not at its first line.
"$NETOBS" recommend "$SAMPLES/flows" --inventory "$INVENTORY" -q >"$WORK/no-deny.yaml" 2>/dev/null
run lint "$WORK/no-deny.yaml" --inventory "$INVENTORY"
check "namespaces without a default deny are reported" out_has "warning: namespace carts has no default-deny policy"
check "no finding points at the inventory's first line" out_lacks "inventory.json:1:1"
line=$(grep -F "namespace carts has no default-deny" "$WORK/out" | sed -n 's/^[^:]*inventory\.json:\([0-9]*\):.*/\1/p')
check "the carts finding names a line of the inventory" test -n "$line"
check "that line opens the carts Namespace object" \
  sh -c "sed -n '${line:-1},$((${line:-1} + 5))p' '$INVENTORY' | tr -d ' \n' | grep -q '\"kind\":\"Namespace\",\"metadata\":{\"name\":\"carts\"'"
# And at the Namespace manifest when the manifests declare it.
{ printf 'apiVersion: v1\nkind: Namespace\nmetadata: {name: carts}\n'; cat "$WORK/no-deny.yaml"; } >"$WORK/with-ns.yaml"
run lint "$WORK/with-ns.yaml" --inventory "$INVENTORY"
check "a Namespace manifest is where its finding points" out_has "with-ns.yaml:1:1: warning: namespace carts has no default-deny"

finish
