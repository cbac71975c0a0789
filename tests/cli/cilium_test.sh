#!/usr/bin/env bash
# Cilium policies through the commands: connectivity and explain evaluate them beside
# NetworkPolicies (a deny rule wins over a NetworkPolicy's allow), what cannot be decided from the
# manifests is said, and a malformed one stops every evaluating command and is a lint finding.
source "$(dirname "$0")/lib.sh"

cat >"$WORK/live.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c}]}
status: {podIP: 10.1.0.5}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: data, labels: {app: db}}
spec: {containers: [{name: c}]}
status: {podIP: 10.2.0.6}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-in, namespace: data}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress: [{ports: [{port: 5432}, {port: 22}]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: no-ssh, namespace: data}
spec:
  endpointSelector: {matchLabels: {app: db}}
  ingressDeny:
  - fromEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": shop}}]
    toPorts: [{ports: [{port: "22", protocol: TCP}]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web-out, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: web}}
  egress:
  - toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": data}}]
  - toFQDNs: [{matchName: api.example.com}]
    toPorts: [{ports: [{port: "443", protocol: TCP}]}]
YAML

run connectivity "$WORK/live.yaml"
check "Cilium policies with NetworkPolicies: evaluated" exit_is 0
check "none is left out" err_lacks "is not analysed"
check "the NetworkPolicy's allow minus the Cilium deny" out_has "shop/web[Pod] => data/db[Pod] : TCP 5432"
check "web reaches nothing outside (toFQDNs matches nothing)" out_lacks "shop/web[Pod] => 0.0.0.0"
check "the toFQDNs rule is named as not evaluated" err_has "CiliumNetworkPolicy shop/web-out egress rule 2: toFQDNs is not evaluated"

run explain "$WORK/live.yaml" --from shop/web --to data/db --port 22
check "a port a Cilium deny rule matches: denied" exit_is 1
check "the deny rule is named where it is" out_has "CiliumNetworkPolicy data/no-ssh ($WORK/live.yaml:27) IngressDeny rule #1: denies it"
check "the allowing Cilium rule is named" out_has "CiliumNetworkPolicy shop/web-out ($WORK/live.yaml:36) Egress rule #1: allows it"
run explain "$WORK/live.yaml" --from shop/web --to data/db --port 22 --format json
check "json names the Cilium deny" out_has '"action": "deny"'

# --- a malformed one stops every evaluating command ---
sed 's#port: "22", protocol: TCP#port: "22", protocol: ICMP#' "$WORK/live.yaml" >"$WORK/bad.yaml"
for command in connectivity "explain --from shop/web --to data/db --port 80" "diff --live $WORK/live.yaml"; do
  # shellcheck disable=SC2086
  run $command "$WORK/bad.yaml"
  check "$command of a bad protocol: exit 3" exit_is 3
  check "$command: the problem is located" err_has "bad.yaml:28: CiliumNetworkPolicy data/no-ssh: protocol must be TCP, UDP, SCTP or ANY, not 'ICMP'"
  check "$command: no output" out_empty
done
run lint "$WORK/bad.yaml"
check "lint of it: a finding" exit_is 1
check "lint names the rule" out_has "[invalid-cilium-policy]"
finish
