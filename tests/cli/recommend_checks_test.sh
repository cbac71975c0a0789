#!/usr/bin/env bash
# What recommend refuses or warns about before anyone applies its output: a DNS selector that
# selects no DNS pod (with a default deny, a cluster-wide DNS outage), DNS traffic to pods outside
# it, namespace options that contradict each other or name nothing, and --egress-names without
# DNS answers to name anything by.
source "$(dirname "$0")/lib.sh"

INVENTORY="$SAMPLES/flows/inventory.json"
HUBBLE="$SAMPLES/flows/hubble/shop-hubble-flows.jsonl"
DNS_FLOWS="$NETOBS_SOURCE_DIR/tests/data/hubble-dns/flows.jsonl"

# edit_inventory OUT PYTHON: the sample inventory with each item passed through PYTHON (an
# expression of `item` that returns the item, or None to drop it).
edit_inventory() {
  python3 - "$INVENTORY" "$1" "$2" <<'EOF'
import json, sys
inventory = json.load(open(sys.argv[1]))
edit = eval("lambda item: " + sys.argv[3])
inventory["items"] = [out for out in (edit(item) for item in inventory["items"]) if out is not None]
json.dump(inventory, open(sys.argv[2], "w"), indent=1)
EOF
}

# A selector that picks no pod of the inventoried DNS namespace: exit 3, no output, the likely pods.
echo "previous policies" >"$WORK/policies.yaml"
run recommend "$HUBBLE" --inventory "$INVENTORY" -A --default-deny --dns-selector kube-system/k8s-app=coredns \
  -o "$WORK/policies.yaml"
check "DNS selector selecting nothing: exit 3" exit_is 3
check "DNS selector selecting nothing: says so" err_has "the DNS pods k8s-app=coredns in kube-system select no pod of the inventory"
check "DNS selector selecting nothing: names the DNS pods there" err_has "coredns-5b6c7d8e9-abcxy (eks.amazonaws.com/component=coredns,k8s-app=kube-dns)"
check "DNS selector selecting nothing: the output file is left alone" grep -qx "previous policies" "$WORK/policies.yaml"
run recommend "$HUBBLE" --inventory "$INVENTORY" --dns-selector kube-system/k8s-app=coredns -q
check "DNS selector selecting nothing: an error with --quiet too" exit_is 3
check "DNS selector selecting nothing: nothing on stdout" out_empty

# A namespace the inventory does not list (its Namespaces are listed cluster-wide) is a typo.
run recommend "$HUBBLE" --inventory "$INVENTORY" --dns-selector kube-sytem/k8s-app=kube-dns -q
check "DNS namespace the inventory lacks: exit 3" exit_is 3
check "DNS namespace the inventory lacks: says so" err_has "the inventory has no namespace kube-sytem"

# The conventional k8s-app=kube-dns, taken when the inventory has no kube-dns Service, is checked too.
edit_inventory "$WORK/relabelled.json" \
  'None if item["kind"] == "Service" and item["metadata"]["name"] == "kube-dns" else (item if not item["metadata"]["name"].startswith("coredns") else {**item, "metadata": {**item["metadata"], "labels": {"k8s-app": "coredns"}}})'
run recommend "$HUBBLE" --inventory "$WORK/relabelled.json"
check "conventional DNS labels selecting nothing: exit 3" exit_is 3
check "conventional DNS labels selecting nothing: why they were taken" err_has "no kube-dns Service in the inventory"
run recommend "$HUBBLE" --inventory "$WORK/relabelled.json" --dns-selector k8s-app=coredns -q
check "the right --dns-selector: exit 0" exit_is 0
check "the right --dns-selector: its pods in the DNS rule" out_has "k8s-app: coredns"
run recommend "$HUBBLE" --inventory "$WORK/relabelled.json" --dns none -q
check "--dns none checks no selector" exit_is 0

# An inventory of the application namespaces only cannot tell: a warning, not an error.
edit_inventory "$WORK/apps-only.json" 'None if item["metadata"].get("namespace") == "kube-system" else item'
run recommend "$HUBBLE" --inventory "$WORK/apps-only.json" -q
check "no pod of the DNS namespace inventoried: exit 0" exit_is 0
check "no pod of the DNS namespace inventoried: warns" err_has "warning: the inventory lists no pod in kube-system, so the DNS pods k8s-app=kube-dns in kube-system could not be checked"
run recommend "$HUBBLE" --inventory "$INVENTORY" -q
check "the sample's DNS pods: no warning" err_lacks "warning"

# DNS traffic observed to pods the selector does not pick: a warning naming them.
run recommend "$HUBBLE" --inventory "$INVENTORY" --dns-selector kube-system/k8s-app=kube-proxy -q
check "DNS traffic outside the selector: exit 0" exit_is 0
check "DNS traffic outside the selector: warns, naming the pods" err_has "warning: DNS traffic (port 53) was observed to kube-system/coredns"
check "DNS traffic outside the selector: each client still reaches them as observed" out_has "k8s-app: kube-dns"

# Namespace options.
run recommend "$HUBBLE" --inventory "$INVENTORY" -A -n orders
check "-A with -n: exit 2" exit_is 2
check "-A with -n: says why" err_has "-A/--all-namespaces and -n/--namespace contradict each other"
run recommend "$HUBBLE" --inventory "$INVENTORY" -n orders --exclude-namespace orders
check "-n X --exclude-namespace X: exit 2" exit_is 2
check "-n X --exclude-namespace X: names X" err_has "namespace 'orders' is both named (-n) and excluded (--exclude-namespace)"
run recommend "$HUBBLE" --inventory "$INVENTORY" -n orders -n ordres -q
check "-n naming an unknown namespace: exit 0" exit_is 0
check "-n naming an unknown namespace: warns, even with -q" err_has "warning: namespace 'ordres' (-n) is in neither the inventory nor the flows"
check "-n naming a known namespace: no warning for it" err_lacks "namespace 'orders'"

run recommend "$HUBBLE" --inventory "$INVENTORY" -A --exclude-namespace kube-sytem -q
check "--exclude-namespace naming an unknown namespace: warns" err_has "warning: namespace 'kube-sytem' (--exclude-namespace) is in neither the inventory nor the flows"

# The API server: an --apiserver-cidr that leaves out an address it is at, and an inventory without
# the endpoints of default/kubernetes, are said.
PEERS="$NETOBS_SOURCE_DIR/tests/data/observed-peers"
run recommend "$PEERS/vpc.log" --inventory "$PEERS/inventory.json" --cluster-cidr 10.0.0.0/16 --apiserver-cidr 10.0.200.0/24 -q
check "--apiserver-cidr leaving out an endpoint: exit 0" exit_is 0
check "--apiserver-cidr leaving out an endpoint: names it" err_has "warning: the API server is at 10.0.201.20, outside every --apiserver-cidr"
run recommend "$PEERS/vpc.log" --inventory "$PEERS/inventory.json" --cluster-cidr 10.0.0.0/16 --apiserver-cidr 10.0.200.0/23 -q
check "--apiserver-cidr holding every endpoint: no warning about it" err_lacks "outside every --apiserver-cidr"
python3 - "$PEERS/inventory.json" "$WORK/no-endpoints.json" <<'EOF'
import json, sys
inventory = json.load(open(sys.argv[1]))
inventory["items"] = [i for i in inventory["items"] if i["kind"] not in ("Endpoints", "EndpointSlice")]
json.dump(inventory, open(sys.argv[2], "w"))
EOF
run recommend "$PEERS/vpc.log" --inventory "$WORK/no-endpoints.json" --cluster-cidr 10.0.0.0/16 -q
check "inventory without the API server's endpoints: warns" err_has "warning: the inventory has the default/kubernetes Service but not its Endpoints or EndpointSlices"

# --egress-names needs DNS answers in the sources.
run recommend "$HUBBLE" --inventory "$INVENTORY" --egress-names --output-kind cilium -q
check "--egress-names without DNS answers: exit 0" exit_is 0
check "--egress-names without DNS answers: says so" err_has "warning: --egress-names: the sources hold no DNS answers"
run recommend "$DNS_FLOWS" --egress-names --output-kind cilium -q
check "--egress-names with DNS answers: no such warning" err_lacks "hold no DNS answers"

finish
