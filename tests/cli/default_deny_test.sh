#!/usr/bin/env bash
# What recommend --default-deny lists as what it will cut off, from a VPC log and an inventory:
# pod egress the VPC CNI SNATed to a node's address (per node, destination and port, with the
# fix), and Jobs and CronJobs by whether they ran in the window (their Jobs and pods count).
source "$(dirname "$0")/lib.sh"

INVENTORY="$SAMPLES/flows/inventory.json"
HEADER="version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path"
# record SRC DST SRC_PORT DST_PORT START: one egress record of 16:00-17:00 on 2025-11-24 (a SYN),
# the packet addresses as the ENI's.
record() {
  echo "5 123456789012 eni-0a $1 $2 $3 $4 6 4 400 $5 1764003600 ACCEPT OK vpc-1 subnet-1 i-1 2 IPv4 $1 $2 us-east-1 use1-az1 - - - - egress 8"
}
{
  echo "$HEADER"
  record 10.0.1.21 10.0.2.31 40001 8080 1764000000       # ui -> catalog: the window starts at 16:00
  record 10.0.2.10 203.0.113.50 40002 443 1764000100     # SNATed pod egress on ip-10-0-2-10
  record 10.0.2.10 203.0.113.50 40003 443 1764000200
  record 10.0.3.10 198.51.100.80 40004 443 1764000300    # the same on ip-10-0-3-10
  record 10.0.2.10 10.0.60.5 40005 5432 1764000400       # inside the VPC: the node's own, not SNAT
} >"$WORK/vpc.log"

# --- item 7: SNATed egress is what the default deny cuts off, per node, destination and port ---
run recommend "$WORK/vpc.log" --inventory "$INVENTORY" -A --default-deny --vpc-cidr 10.0.0.0/16
check "SNAT: recommend exits 0" exit_is 0
check "SNAT: the section says what breaks and the fix" \
  err_has "default-deny will cut off this pod egress, seen only as its node's address (the VPC CNI SNATs pod egress leaving the VPC, so no policy can name the pod; collect Hubble flows, or set AWS_VPC_K8S_CNI_EXTERNALSNAT=true so the VPC logs carry pod addresses, and run again) (2):"
check "SNAT: node, destination, port and the workloads that ran there" \
  err_has "node ip-10-0-2-10.ec2.internal (10.0.2.10) -> 203.0.113.50 TCP 443 (2 flows): from a pod of catalog/catalog[Deployment], checkout/checkout[Deployment], orders/orders-cleanup[CronJob], orders/orders[Deployment], ui/ui[Deployment]"
check "SNAT: the other node too" \
  err_has "node ip-10-0-3-10.ec2.internal (10.0.3.10) -> 198.51.100.80 TCP 443 (1 flow): from a pod of catalog/catalog-mysql[StatefulSet], checkout/checkout-redis[Deployment], kube-system/coredns[Deployment], orders/orders[Deployment]"
check "SNAT: a node's traffic inside the VPC is not SNAT" sh -c "! grep -q '10.0.60.5 TCP 5432' '$WORK/err'"

run recommend "$WORK/vpc.log" --inventory "$INVENTORY" -n ui --default-deny --vpc-cidr 10.0.0.0/16
check "SNAT -n ui: the node that runs ui is listed" \
  err_has "node ip-10-0-2-10.ec2.internal (10.0.2.10) -> 203.0.113.50 TCP 443 (2 flows): from a pod of ui/ui[Deployment]"
check "SNAT -n ui: a node without a covered pod is not (its traffic stays open)" \
  sh -c "! grep -q '198.51.100.80 TCP 443 (1 flow)' '$WORK/err'"

run recommend "$WORK/vpc.log" --inventory "$INVENTORY" -A --vpc-cidr 10.0.0.0/16
check "SNAT without --default-deny: reported as unattributable only" \
  sh -c "grep -q 'unattributable: node addresses' '$WORK/err' && ! grep -q 'default-deny will cut off this pod egress' '$WORK/err'"

# --- item 8: a CronJob whose Job or pod ran in the window is "ran, no traffic seen" ---
python3 - "$INVENTORY" "$WORK/inventory.json" <<'EOF'
import json, sys
inventory = json.load(open(sys.argv[1]))
def cron_job(name):
    return {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": name, "namespace": "orders"},
            "spec": {"schedule": "*/30 * * * *"}}
def job(name, owner, status):
    return {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name, "namespace": "orders",
            "ownerReferences": [{"apiVersion": "batch/v1", "kind": "CronJob", "name": owner, "controller": True}]},
            "spec": {}, "status": status}
inventory["items"] += [
    # started before the window, completed in it; its pods are gone; the CronJob keeps no status
    cron_job("reports"),
    job("reports-29380010", "reports", {"startTime": "2025-11-24T15:55:00Z", "completionTime": "2025-11-24T16:10:00Z"}),
    # only its finished pod is left
    cron_job("digest"),
    {"apiVersion": "v1", "kind": "Pod",
     "metadata": {"name": "digest-29380020-abcde", "namespace": "orders", "labels": {"job-name": "digest-29380020"},
                  "ownerReferences": [{"apiVersion": "batch/v1", "kind": "Job", "name": "digest-29380020", "controller": True}]},
     "spec": {"containers": [{"name": "digest", "image": "digest:1"}], "nodeName": "ip-10-0-3-10.ec2.internal"},
     "status": {"phase": "Succeeded", "podIP": "10.0.3.99", "podIPs": [{"ip": "10.0.3.99"}], "startTime": "2025-11-24T16:20:00Z"}},
    # its last Job completed the day before
    cron_job("stale"),
    job("stale-29378000", "stale", {"startTime": "2025-11-23T02:00:00Z", "completionTime": "2025-11-23T02:01:00Z"}),
    cron_job("fresh"),
]
json.dump(inventory, open(sys.argv[2], "w"), indent=1)
EOF
run recommend "$WORK/vpc.log" --inventory "$WORK/inventory.json" -A --default-deny
check "CronJobs: recommend exits 0" exit_is 0
check "a CronJob whose Job completed in the window ran" \
  err_has "orders/reports[CronJob]: ran 2025-11-24T16:10:00Z, no traffic seen: no policy allows what its next run needs"
check "a CronJob whose pod ran in the window ran" \
  err_has "orders/digest[CronJob]: ran 2025-11-24T16:20:00Z, no traffic seen: no policy allows what its next run needs"
check "a CronJob whose Job ran before the window" \
  err_has "orders/stale[CronJob]: last ran 2025-11-23T02:01:00Z, before the window: it will fail at its next run"
check "a CronJob without a Job has not run" err_has "orders/fresh[CronJob]: has not run yet: it will fail at its first run"
check "a CronJob's Jobs are not listed beside it" sh -c "! grep -q 'orders/reports-29380010\[Job\]' '$WORK/err'"

finish
