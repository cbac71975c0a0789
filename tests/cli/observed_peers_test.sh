#!/usr/bin/env bash
# recommend on observed traffic whose other end is not a pod (issue 24, items 1, 2, 3 and 5):
# Cilium's dual-stack world identities, its other reserved identities, every API server endpoint
# and public clients on ingress, from Hubble flows and from VPC flow logs, in every output kind.
# tests/data/observed-peers holds the traffic (hubble.jsonl and vpc.log) and the inventory.
source "$(dirname "$0")/lib.sh"

DATA="$NETOBS_SOURCE_DIR/tests/data/observed-peers"
INVENTORY="$DATA/inventory.json"
# What each kind allows POLICY (default web-netobs), one peer per line: "in|out PEER PORTS", the
# peer an ipBlock, CIDR or entity ("pods" for selectors), the rule's ports comma-separated; from
# the JSON output of the last run.
peers_of() {
  python3 - "$WORK/out" "${1:-web-netobs}" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for item in doc["items"]:
    if item["metadata"]["name"] != sys.argv[2]:
        continue
    for section, direction, key in (("ingress", "in", "from"), ("egress", "out", "to")):
        for rule in item["spec"].get(section) or []:
            peers = [p["ipBlock"]["cidr"] if "ipBlock" in p else "pods" for p in rule.get(key, [])]
            peers += rule.get(key + "Entities", []) + rule.get(key + "CIDR", [])
            ports = rule.get("ports") or (rule.get("toPorts") or [{}])[0].get("ports", [])
            for peer in peers:
                print(direction, peer, ",".join(str(p["port"]) for p in ports))
PY
}
has_peer() {
  local rules
  rules=$(peers_of "${2:-}") && grep -qxF -- "$1" <<<"$rules"
}
lacks_peer() {
  local rules
  rules=$(peers_of) && ! grep -qF -- "$1" <<<"$rules"
}

for kind in networkpolicy cilium eks clusternetworkpolicy; do
  run recommend "$DATA/hubble.jsonl" --inventory "$INVENTORY" --cluster-cidr 10.0.0.0/16 --output-kind "$kind" --format json
  check "$kind hubble: exit 0" exit_is 0
  # 1. reserved:world-ipv4 and reserved:world-ipv6 are the internet.
  check "$kind: egress to the world-ipv4 address" has_peer "out 1.1.1.1/32 443"
  check "$kind: egress to the world-ipv6 address" has_peer "out 2606:4700::1111/128 443"
  check "$kind: the world-ipv4 address is not an unexplained one" err_lacks "    1.1.1.1  x"
  if [ "$kind" = cilium ]; then
    # 2. reserved:kube-apiserver is the kube-apiserver entity; reserved:ingress the ingress entity.
    check "$kind: the API server as the kube-apiserver entity" has_peer "out kube-apiserver 443"
    check "$kind: Cilium's Ingress proxy as the ingress entity" has_peer "in ingress 8080"
  else
    # 2 and 3. The API server Hubble saw at one endpoint is allowed at all of them.
    check "$kind: egress to the API server endpoint seen" has_peer "out 10.0.200.10/32 443"
    check "$kind: egress to the other API server endpoint" has_peer "out 10.0.201.20/32 443"
    check "$kind: no rule for the Ingress proxy (networking/v1 cannot name it)" lacks_peer " 8080"
    check "$kind: the Ingress proxy is listed with what to do" \
      err_has "shop/web: ingress from Cilium's Ingress/Gateway proxy (reserved:ingress): the cilium kind allows the ingress entity; networking/v1 cannot name it, so with the other kinds apply a CiliumNetworkPolicy with fromEntities: [ingress]"
  fi
  check "$kind: no address left unexplained" err_lacks "in-cluster addresses the inventory does not explain"
  # 2. health, init and unmanaged are reported, never dropped silently.
  check "$kind: reserved identities listed" err_has "Cilium reserved identities (no rule written"
  for end in "reserved:unmanaged 10.0.3.3" "reserved:init 10.0.1.77" "reserved:health 10.0.0.11"; do
    check "$kind: $end listed" err_has "    $end  x1"
  done
  check "$kind: the unmanaged client's traffic is named as left out" \
    err_has "shop/api: ingress from reserved:unmanaged 10.0.3.3 TCP 9000 left out: Cilium's reserved identity unmanaged"
  # 5. The one public client seen is allowed, and listed: every other one is cut off.
  check "$kind: the public client is allowed" has_peer "in 203.0.113.7/32 8443"
  check "$kind: public clients listed for review" err_has "ingress allowed only from the public clients seen in the window"
  check "$kind: the public client named" err_has "    shop/web: ingress from 203.0.113.7 TCP 8443"
done

# 2. Without an inventory Hubble's reserved:kube-apiserver alone says what the address is, even
# inside --cluster-cidr.
run recommend "$DATA/hubble.jsonl" --cluster-cidr 10.0.0.0/16 --format json
check "no inventory: exit 0" exit_is 0
check "no inventory: egress to the API server address Hubble named" has_peer "out 10.0.200.10/32 443"
run recommend "$DATA/hubble.jsonl" --cluster-cidr 10.0.0.0/16 --output-kind cilium --format json
check "no inventory, cilium: the kube-apiserver entity" has_peer "out kube-apiserver 443"

# 3. VPC flow logs: web called one endpoint of default/kubernetes directly, the control plane
# called api's webhook from the other; both get every endpoint, and the addresses are not
# "private addresses treated as external".
run recommend "$DATA/vpc.log" --inventory "$INVENTORY" --cluster-cidr 10.0.0.0/16 -A --default-deny --format json
check "vpc: exit 0" exit_is 0
check "vpc: egress to the API server endpoint seen" has_peer "out 10.0.200.10/32 443"
check "vpc: egress to the other API server endpoint" has_peer "out 10.0.201.20/32 443"
check "vpc: ingress to api from the endpoint seen" has_peer "in 10.0.201.20/32 9443" api-netobs
check "vpc: ingress to api from the other endpoint" has_peer "in 10.0.200.10/32 9443" api-netobs
check "vpc: the API server's addresses are not listed as private addresses of unknown use" \
  err_lacks "private addresses treated as external"
check "vpc: the summary says the addresses change" \
  err_has "the Kubernetes API server is allowed at the addresses it has now (10.0.200.10, 10.0.201.20): they change when the control plane scales or is upgraded; give --apiserver-cidr"
check "vpc: a public client listed for review" err_has "    shop/web: ingress from 198.51.100.23 TCP 8443"
run recommend "$DATA/vpc.log" --inventory "$INVENTORY" --cluster-cidr 10.0.0.0/16 -A --default-deny --format json --apiserver-cidr 10.0.200.0/23
check "vpc --apiserver-cidr: exit 0" exit_is 0
check "vpc --apiserver-cidr: the range instead of the addresses" has_peer "out 10.0.200.0/23 443"
check "vpc --apiserver-cidr: no endpoint address" lacks_peer "10.0.200.10/32"
check "vpc --apiserver-cidr: no note that addresses change" err_lacks "they change when the control plane"

finish
