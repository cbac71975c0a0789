#!/usr/bin/env bash
# recommend on observed traffic whose other end is not a pod (issue 24): Cilium's dual-stack world
# identities, in every output kind.
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

for kind in networkpolicy cilium eks clusternetworkpolicy; do
  run recommend "$DATA/hubble.jsonl" --inventory "$INVENTORY" --cluster-cidr 10.0.0.0/16 --output-kind "$kind" --format json
  check "$kind hubble: exit 0" exit_is 0
  # 1. reserved:world-ipv4 and reserved:world-ipv6 are the internet.
  check "$kind: egress to the world-ipv4 address" has_peer "out 1.1.1.1/32 443"
  check "$kind: egress to the world-ipv6 address" has_peer "out 2606:4700::1111/128 443"
  check "$kind: the world-ipv4 address is not an unexplained one" err_lacks "    1.1.1.1  x"
done
  check "$kind: the unmanaged client's traffic is named as left out" \
    err_has "shop/api: ingress from reserved:unmanaged 10.0.3.3 TCP 9000 left out: Cilium's reserved identity unmanaged"
done

finish
