#!/usr/bin/env bash
# recommend --output-kind cilium allows node traffic as Cilium sees it: the `host` entity for the
# pod's own node (kubelet probes), `remote-node` for the other nodes, each only where observed
# (Hubble's identities, or the inventory's nodes and pods, say which); both, with a note, only
# when the records cannot say.
source "$(dirname "$0")/lib.sh"

INVENTORY="$SAMPLES/flows/inventory.json"
HEADER="version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path"
# record SRC DST SRC_PORT DST_PORT: one ingress record (a SYN), the packet addresses as the ENI's.
record() {
  echo "5 123456789012 eni-0a $1 $2 $3 $4 6 4 400 1764000000 1764000060 ACCEPT OK vpc-1 subnet-1 i-1 2 IPv4 $1 $2 us-east-1 use1-az1 - - - - ingress -"
}
# entities NAMESPACE DIRECTION: the entities of the cilium policy of the workload of NAMESPACE in
# $WORK/out (a JSON List), sorted and joined by commas.
entities() {
  python3 - "$WORK/out" "$1" "$2" <<'EOF'
import json, sys
items = json.load(open(sys.argv[1]))["items"]
key = "fromEntities" if sys.argv[3] == "ingress" else "toEntities"
found = set()
for item in items:
    if item["kind"] == "CiliumNetworkPolicy" and item["metadata"]["namespace"] == sys.argv[2]:
        for rule in item["spec"][sys.argv[3]]:
            found.update(rule.get(key, []))
print(",".join(sorted(found)))
EOF
}

# --- the inventory says which node: ui's pod runs on ip-10-0-1-10, catalog's on ip-10-0-2-10 ---
{
  echo "$HEADER"
  record 10.0.1.10 10.0.1.21 40001 8080   # ui's own node (a kubelet probe)
  record 10.0.2.10 10.0.2.31 40002 8080   # catalog's own node
  record 10.0.3.10 10.0.2.31 40003 8080   # another node (a NodePort hop)
} >"$WORK/vpc.log"
run recommend "$WORK/vpc.log" --inventory "$INVENTORY" --output-kind cilium --format json
check "inventory: exit 0" exit_is 0
check "inventory: traffic from the pod's own node is the host entity only" test "$(entities ui ingress)" = "host"
check "inventory: traffic from another node is remote-node too" test "$(entities catalog ingress)" = "host,remote-node"
check "inventory: no note when the records say which node" sh -c "! grep -q 'the records do not say whether the node' '$WORK/err'"

# --- Hubble says which: reserved:host and reserved:remote-node, no inventory ---
hubble() {  # hubble SOURCE_IP RESERVED DESTINATION_IP NAMESPACE POD
  printf '{"flow":{"time":"2025-11-24T16:00:30Z","verdict":"FORWARDED","IP":{"source":"%s","destination":"%s","ipVersion":"IPv4"},"l4":{"TCP":{"source_port":41000,"destination_port":8080,"flags":{"SYN":true}}},"source":{"identity":1,"labels":["reserved:%s"]},"destination":{"identity":29266,"namespace":"%s","labels":["k8s:app=%s","k8s:io.kubernetes.pod.namespace=%s"],"pod_name":"%s-5d8f7c9b4-abcde","workloads":[{"name":"%s","kind":"Deployment"}]},"Type":"L3_L4","traffic_direction":"INGRESS","is_reply":false}}\n' \
    "$1" "$3" "$2" "$4" "$4" "$4" "$4" "$4"
}
{
  hubble 10.0.1.10 host 10.0.1.21 ui
  hubble 10.0.2.10 remote-node 10.0.1.41 carts
} >"$WORK/hubble.jsonl"
run recommend "$WORK/hubble.jsonl" --output-kind cilium --format json
check "hubble: exit 0" exit_is 0
check "hubble: reserved:host is the host entity only" test "$(entities ui ingress)" = "host"
check "hubble: reserved:remote-node is the remote-node entity only" test "$(entities carts ingress)" = "remote-node"

# --- the records cannot say (the pod's node is not in the inventory): both, and a note says why ---
python3 - "$INVENTORY" "$WORK/no-node.json" <<'EOF'
import json, sys
inventory = json.load(open(sys.argv[1]))
for item in inventory["items"]:
    if item["kind"] == "Pod" and item["metadata"]["namespace"] == "ui":
        item["spec"].pop("nodeName", None)
        item["status"].pop("hostIP", None)
json.dump(inventory, open(sys.argv[2], "w"))
EOF
run recommend "$WORK/vpc.log" --inventory "$WORK/no-node.json" --output-kind cilium --format json
check "unknown node: exit 0" exit_is 0
check "unknown node: both entities" test "$(entities ui ingress)" = "host,remote-node"
check "unknown node: a note says why" \
  err_has "ui/ui: ingress from node 10.0.1.10 TCP 8080: the records do not say whether the node was the pod's own or another: the cilium kind allows both the host and the remote-node entity"

finish
