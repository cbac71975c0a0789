#!/usr/bin/env bash
# Manifests that hold pods and their owners (`kubectl get pods,deployments,replicasets,jobs,
# cronjobs,... -o json`), given as PATH: each workload counts once, under its root owner, as
# --inventory counts it. A Deployment, its ReplicaSets and pods are one Deployment; a CronJob, its
# Job and pod one CronJob; a workload object stands for pods only when the file lists none.
source "$(dirname "$0")/lib.sh"
file_lacks() { ! grep -qE -- "$2" "$1"; }

DATA="$NETOBS_SOURCE_DIR/tests/data/owners"
CLUSTER="$DATA/cluster.json"
# The same cluster as pods only (and the CronJob, without which no pod says it is one's), as an
# inventory: there a ReplicaSet's name says its Deployment. (As PATH, pods alone keep naming their
# ReplicaSet, as np-guard's suite has them.)
python3 -c 'import json, sys
items = [i for i in json.load(open(sys.argv[1]))["items"] if i["kind"] in ("Namespace", "Node", "Pod", "CronJob")]
json.dump({"apiVersion": "v1", "kind": "List", "items": items}, open(sys.argv[2], "w"))' "$CLUSTER" "$WORK/pods.json"

run connectivity "$DATA/policies.yaml" --inventory "$CLUSTER"
check "connectivity --inventory exits 0" exit_is 0
cp "$WORK/out" "$WORK/inventory.txt"
run connectivity "$DATA/policies.yaml" "$CLUSTER"
check "connectivity of the List as PATH exits 0" exit_is 0
cp "$WORK/out" "$WORK/path.txt"
run connectivity "$DATA/policies.yaml" --inventory "$WORK/pods.json"
cp "$WORK/out" "$WORK/pods.txt"
check "the List as PATH lists what --inventory lists" cmp -s "$WORK/path.txt" "$WORK/inventory.txt"
check "the List as PATH lists what its pods list as --inventory" cmp -s "$WORK/path.txt" "$WORK/pods.txt"
check "the same number of lines (each workload once)" test "$(wc -l <"$WORK/path.txt")" -eq "$(wc -l <"$WORK/inventory.txt")"
check "the Deployment is one workload" grep -qF "shop/web[Deployment] => shop/db[StatefulSet] : TCP 5432" "$WORK/path.txt"
check "the CronJob is one workload" grep -qF "shop/report[CronJob] => shop/web[Deployment] : All Connections" "$WORK/path.txt"
check "no ReplicaSet stands beside its Deployment" file_lacks "$WORK/path.txt" '\[ReplicaSet\]'
check "no Job stands beside its CronJob" file_lacks "$WORK/path.txt" '\[Job\]'
check "connectivity lists the workloads, not the pods" file_lacks "$WORK/path.txt" "web-5d8f7c9b4"

# diff --live: the same changes from the List as PATH as from --inventory.
run diff "$DATA/proposed.yaml" --live "$DATA/policies.yaml" --inventory "$CLUSTER"
check "diff --live with --inventory finds the changes" exit_is 1
grep '^diff-type' "$WORK/out" >"$WORK/diff-inventory.txt"
run diff "$DATA/proposed.yaml" --live "$DATA/policies.yaml" --live "$CLUSTER"
check "diff --live of the List as PATH finds the changes" exit_is 1
grep '^diff-type' "$WORK/out" >"$WORK/diff-path.txt"
check "diff --live: changes to compare" test -s "$WORK/diff-inventory.txt"
check "diff --live: the List as PATH gives the changes --inventory gives" cmp -s "$WORK/diff-path.txt" "$WORK/diff-inventory.txt"
check "diff --live: no ReplicaSet or Job of its own" file_lacks "$WORK/diff-path.txt" '\[(ReplicaSet|Job)\]'
check "diff --live: six changes, as the cluster gives" test "$(wc -l <"$WORK/diff-path.txt")" -eq 6

# explain: the CronJob and the Deployment are the names, as the inventory has them.
run explain "$DATA/policies.yaml" "$CLUSTER" --from shop/report --to shop/db --port 5432/TCP
check "explain: the CronJob is denied by the db policy" exit_is 1
check "explain names the CronJob" out_has "shop/report[CronJob]"
run explain "$DATA/policies.yaml" "$CLUSTER" --from shop/web --to shop/db --port 5432/TCP
check "explain: the Deployment reaches db" exit_is 0

# lint: workloads not isolated are the three workloads, each once.
run lint "$DATA/policies.yaml" "$CLUSTER" --format json
check "lint: the not-isolated workloads are the root owners" python3 - "$WORK/out" <<'PY'
import json, re, sys
found = sorted(re.match(r"(\S+) is not isolated", d["message"]).group(1)
               for d in json.load(open(sys.argv[1]))["diagnostics"] if d["rule"] == "workload-not-isolated")
assert found == ["shop/db[StatefulSet]", "shop/report[CronJob]", "shop/web[Deployment]"], found
PY
finish
