#!/usr/bin/env bash
# Admin and Baseline tier policies through the commands: connectivity and explain evaluate them,
# diff keeps the live cluster-scoped ones a proposal does not define, what cannot be decided from
# addresses is said, and a malformed one stops every evaluating command.
source "$(dirname "$0")/lib.sh"

CASE="$NETOBS_SOURCE_DIR/tests/data/oracle/np-guard-anp/cases/local_tiers"
cat "$CASE/workloads.yaml" >"$WORK/live.yaml"
printf -- '---\n' >>"$WORK/live.yaml"
cat "$CASE/policies.yaml" >>"$WORK/live.yaml"

# --- diff: a proposal of NetworkPolicies leaves the live AdminNetworkPolicy in place ---
cat >"$WORK/proposal.yaml" <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: cache, namespace: data}
spec:
  podSelector: {matchLabels: {app: cache}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: db}}}]
    ports: [{port: 6379}]
YAML
run diff "$WORK/proposal.yaml" --live "$WORK/live.yaml"
check "the same policies: no difference" exit_is 0
check "the live cluster-scoped policies are kept, and said" err_has "2 live cluster-scoped policies the proposal does not define are kept"

# --- explain: the Admin tier's Deny beats everything below it ---
run explain "$WORK/live.yaml" --from shop/web --to data/db --port 80
check "a port the Admin tier denies: denied" exit_is 1
check "the deciding rule is named" out_has "Admin tier: AdminNetworkPolicy data-from-shop (policy.networking.k8s.io/v1alpha1)"
check "with its action" out_has "rule #2 (deny-rest-from-shop): denies it"

# --- what cannot be decided from addresses is said ---
cat >"$WORK/names.yaml" <<'YAML'
apiVersion: networking.k8s.aws/v1alpha1
kind: ClusterNetworkPolicy
metadata: {name: to-names}
spec:
  tier: Admin
  priority: 10
  subject: {namespaces: {}}
  egress:
  - {name: api, action: Accept, to: [{domainNames: ["*.example.com"]}]}
YAML
run connectivity "$WORK/live.yaml" "$WORK/names.yaml"
check "a domainNames rule: still a result" exit_is 0
check "the rule is named as not evaluated" err_has "ClusterNetworkPolicy to-names (networking.k8s.aws/v1alpha1) egress rule 1 (api): its domainNames peer is not evaluated"

# --- a malformed one stops every evaluating command ---
sed 's/priority: 10/priority: 1001/' "$CASE/policies.yaml" >"$WORK/bad.yaml"
for command in connectivity "explain --from shop/web --to data/db --port 80" "diff --live $WORK/live.yaml"; do
  # shellcheck disable=SC2086
  run $command "$WORK/bad.yaml" "$CASE/workloads.yaml"
  check "$command of a priority out of range: exit 3" exit_is 3
  check "$command: the problem is located" err_has "bad.yaml:8: admin network policy \"data-from-shop\": Invalid Priority Value: 1001"
  check "$command: no output" out_empty
done
run lint "$WORK/bad.yaml" "$CASE/workloads.yaml"
check "lint of it: a finding" exit_is 1
check "lint names the rule" out_has "[invalid-cluster-policy]"

finish
