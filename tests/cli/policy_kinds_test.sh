#!/usr/bin/env bash
# recommend --output-kind: every document each kind writes validates against its CRD's schema in
# ../shared/oracle/crds (unknown fields included), with the real ajv validator from npm
# (tests/tools, installed by scripts/install-test-tools.sh); networking/v1 documents pass lint.
source "$(dirname "$0")/lib.sh"

TOOLS="$NETOBS_SOURCE_DIR/tests/tools"
CRDS="$NETOBS_SOURCE_DIR/../shared/oracle/crds"
[ -d "$CRDS" ] || skip_suite "$CRDS is absent"
[ -d "$TOOLS/node_modules/ajv" ] || skip_suite "ajv is not installed (run scripts/install-test-tools.sh)"
validate() { node "$TOOLS/validate-crd.mjs" "$CRDS" "$@"; }
# keep_output NAME: netobs's last run exited 0; its output is kept as $WORK/outputs/NAME for
# validate_outputs, which checks them all in one run of the validator (Node starts once).
mkdir -p "$WORK/outputs"
keep_output() {
  check "$1: exit 0" exit_is 0
  cp "$WORK/out" "$WORK/outputs/$1"
}
# validate_outputs MIN: every kept output validates and holds at least MIN documents; the
# validator's report is left in $WORK/validated.
validate_outputs() {
  validate "$WORK"/outputs/* >"$WORK/validated" 2>&1
  code=$?
  check "every document of every output validates" exit_is 0
  [ "$code" -eq 0 ] || grep -v -e '^ok ' -e '^builtin ' "$WORK/validated" | head -20
  local file
  for file in "$WORK"/outputs/*; do
    check "$(basename "$file"): at least $1 documents checked" \
      test "$(awk -v f="file $file" '$0 == f {on=1; next} /^file / {on=0} on && /^(ok|builtin) /' "$WORK/validated" | wc -l)" -ge "$1"
  done
  rm -f "$WORK"/outputs/*
}
INVENTORY="$SAMPLES/flows/inventory.json"

# The validator itself catches what it must: an unknown field, a wrong enum, a missing field.
cat >"$WORK/bad.yaml" <<'YAML'
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: bad, namespace: shop}
spec:
  endpointSelector: {}
  egress:
  - toEntities: [everywhere]
    toPorts: [{ports: [{port: "80", protocol: TCP}]}]
    unknownField: 1
---
apiVersion: networking.k8s.aws/v1alpha1
kind: ClusterNetworkPolicy
metadata: {name: bad}
spec: {tier: Admin, subject: {namespaces: {}}}
YAML
validate "$WORK/bad.yaml" >"$WORK/out" 2>"$WORK/err"
code=$?
check "validator: an invalid document fails" exit_is 1
check "validator: unknown field named" out_has 'unknown field "unknownField"'
check "validator: bad entity named" out_has "/spec/egress/0/toEntities/0: must be equal to one of the allowed values"
check "validator: missing required field named" out_has "must have required property 'priority'"

for kind in networkpolicy cilium eks clusternetworkpolicy; do
  for deny in "" --default-deny; do
    for format in yaml json; do
      run recommend "$SAMPLES/flows" --inventory "$INVENTORY" --output-kind "$kind" $deny --format "$format" -q
      keep_output "$kind${deny:+-default-deny}.$format"
    done
  done
done
validate_outputs 9

# Each kind writes its own kinds, and only those.
kinds_of() { grep -E '^kind: ' "$WORK/out" | sort | uniq -c | awk '{print $3 "=" $1}' | paste -sd' '; }
run recommend "$SAMPLES/flows" --inventory "$INVENTORY" --output-kind cilium --default-deny -q
check "cilium: one CNP per workload and one cluster-wide default deny" test "$(kinds_of)" = "CiliumClusterwideNetworkPolicy=1 CiliumNetworkPolicy=9"
check "cilium: DNS egress carries the L7 DNS rule" out_has 'matchPattern: "*"'
check "cilium: never the world entity" out_lacks "world"
run recommend "$SAMPLES/flows" --inventory "$INVENTORY" --output-kind eks --default-deny -q
check "eks: NetworkPolicies plus the two cluster tiers, no per-namespace deny" test "$(kinds_of)" = "ClusterNetworkPolicy=2 NetworkPolicy=9"
check "eks: the baseline deny" out_has "tier: Baseline"
run recommend "$SAMPLES/flows" --inventory "$INVENTORY" --output-kind clusternetworkpolicy --default-deny -q
check "clusternetworkpolicy: upstream API" out_has "apiVersion: policy.networking.k8s.io/v1alpha2"
check "clusternetworkpolicy: ports as protocols" out_has "destinationPort:"
run recommend "$SAMPLES/flows" --inventory "$INVENTORY" --output-kind networkpolicy --default-deny -q
check "networkpolicy: a deny-all per namespace" test "$(kinds_of)" = "NetworkPolicy=14"
cp "$WORK/out" "$WORK/np.yaml"
run lint "$WORK/np.yaml"
check "networkpolicy: lint finds no error in them" exit_is 0

# Names instead of addresses (--egress-names): toFQDNs and domainNames validate too.
DNS_FLOWS="$NETOBS_SOURCE_DIR/tests/data/hubble-dns/flows.jsonl"
for kind in cilium eks; do
  run recommend "$DNS_FLOWS" --egress-names --output-kind "$kind" --default-deny -q
  keep_output "$kind-egress-names.yaml"
  cp "$WORK/out" "$WORK/$kind-egress-names.yaml"
done
validate_outputs 3
check "eks --egress-names: an ApplicationNetworkPolicy was checked" grep -q "^ok ApplicationNetworkPolicy web-netobs" "$WORK/validated"
# What --egress-names wrote allows the flows it was written from: lint --flows and diff --flows
# match domainNames and toFQDNs against the names the flows resolved each address to.
DNS_WORKLOADS="$NETOBS_SOURCE_DIR/tests/data/hubble-dns/workloads.yaml"
for kind in cilium eks; do
  run lint "$WORK/$kind-egress-names.yaml" "$DNS_WORKLOADS" --flows "$DNS_FLOWS"
  check "$kind --egress-names: lint --flows finds no blocked flow" exit_is 0
  check "$kind --egress-names: no observed-flow-blocked" out_lacks "observed-flow-blocked"
  check "$kind --egress-names: the flows were judged" err_lacks "nothing was checked against observed traffic"
done
# Without the names the flows gave, the same rules decide nothing: the domain egress is blocked.
grep -v '"dns"' "$DNS_FLOWS" >"$WORK/no-answers.jsonl"
run lint "$WORK/eks-egress-names.yaml" "$DNS_WORKLOADS" --flows "$WORK/no-answers.jsonl"
check "eks --egress-names without DNS answers: the domain egress is blocked" out_has "to 203.0.113.5 (1 flow) is blocked by the egress of shop/web[Deployment] (ApplicationNetworkPolicy shop/web-netobs)"
# Peers that are not pods (dual-stack world addresses, the API server's endpoints, Cilium's Ingress
# proxy as the ingress entity) validate too.
PEERS="$NETOBS_SOURCE_DIR/tests/data/observed-peers"
for kind in networkpolicy cilium eks clusternetworkpolicy; do
  run recommend "$PEERS/hubble.jsonl" --inventory "$PEERS/inventory.json" --cluster-cidr 10.0.0.0/16 \
    --output-kind "$kind" --default-deny -q
  keep_output "$kind-observed-peers.yaml"
  [ "$kind" = cilium ] && check "cilium: the ingress and kube-apiserver entities are written" \
    sh -c "grep -qx -- '  - fromEntities:' '$WORK/out' && grep -qx -- '    - ingress' '$WORK/out' && grep -qx -- '    - kube-apiserver' '$WORK/out'"
done
validate_outputs 3
check "cilium: web's policy with the ingress entity was checked" grep -q "^ok CiliumNetworkPolicy web-netobs" "$WORK/validated"

run recommend "$DNS_FLOWS" --egress-names
check "--egress-names with networking/v1: exit 2" exit_is 2
check "--egress-names with networking/v1: why" err_has "--egress-names needs --output-kind cilium or eks"
run recommend "$DNS_FLOWS" --egress-names --output-kind cilium --dns none
check "--egress-names for cilium without the DNS rule: exit 2" exit_is 2
check "--egress-names for cilium without the DNS rule: why" err_has "needs the DNS rule"

run recommend "$SAMPLES/flows" --inventory "$INVENTORY" --output-kind calico
check "unknown --output-kind: exit 2" exit_is 2
check "unknown --output-kind: the allowed values" err_has "'calico' is not one of networkpolicy, cilium, eks, clusternetworkpolicy"

finish
