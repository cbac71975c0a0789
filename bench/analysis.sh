#!/usr/bin/env bash
# Benchmark of policy analysis at cluster scale (issue 28): on `flowgen bench RECORDS FLOWS
# INVENTORY WORKLOADS` (WORKLOADS workloads of 4 pods, 25 a namespace: by default 1,000
# workloads, 4,000 pods, 40 namespaces) with the NetworkPolicies `recommend` writes for it, the
# times of, side by side, in one run:
# - `recommend` reading the records and writing the policies;
# - `connectivity` of those policies with the inventory's pods;
# - `diff` of the set against itself less one policy (both states evaluated, then compared).
# Targets, printed as PASS or FAIL (exit 1 when one fails): connectivity and diff each at most 2x
# recommend's time, at every size. Each time is the best of three runs (wall seconds), with the
# peak RSS.
# Usage: bench/analysis.sh [RECORDS [WORKLOADS]]   (default 1000000 1000)
#   WORKLOADS may also come from NETOBS_BENCH_WORKLOADS. A multiple of 25; issue 28's scale case
#   is 10000 (400 namespaces), where 2000000 records are the fewest that show each of its
#   40,000 workload-to-workload calls (1000000 misses about 80 of them).
#   NETOBS=path/to/netobs FLOWGEN=path/to/flowgen bench/analysis.sh   measures those binaries
#   instead of building the release preset.
#   Data goes to NETOBS_BENCH_DIR (default bench/data), named by records and workloads.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh time
if [ -z "${NETOBS:-}" ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target netobs flowgen >/dev/null
fi
netobs=${NETOBS:-build/release/cli/netobs}
flowgen=${FLOWGEN:-build/release/tools/flowgen}
records=${1:-1000000}
workloads=${2:-${NETOBS_BENCH_WORKLOADS:-1000}}
data=${NETOBS_BENCH_DIR:-bench/data}
mkdir -p "$data"
# Named apart from run.sh's flows-RECORDS.log and inventory.json, which share the directory.
flows="$data/flows-$records-w$workloads.log"
inventory="$data/inventory-w$workloads.json"
if [ ! -f "$flows" ] || [ ! -f "$inventory" ]; then
  "$flowgen" bench "$records" "$flows" "$inventory" "$workloads"
fi
cat "$flows" >/dev/null # every command reads from the page cache

# shellcheck source=bench/lib.sh
. bench/lib.sh

policies="$data/policies-$records-w$workloads.yaml"
"$netobs" recommend "$flows" --inventory "$inventory" --dns none -q -o "$policies"
# The same set less its first policy: diff evaluates both and shows what that one allowed.
less_one="$data/policies-$records-w$workloads-less-one.yaml"
awk 'BEGIN{doc=0} /^---$/{doc++} doc!=1' "$policies" >"$less_one"
count=$(grep -c '^kind: NetworkPolicy' "$policies")

rec=$(best_of "$netobs" recommend "$flows" --inventory "$inventory" --dns none -q -o /dev/null)
con=$(best_of "$netobs" connectivity "$policies" --inventory "$inventory")
# diff exits 1 when the states differ, which is its answer here, not a failure.
dif=$(best_of --answer-exit 1 "$netobs" diff "$less_one" --live "$policies" --inventory "$inventory" -q)
read -r rec_s rec_kb <<<"$rec"
read -r con_s con_kb <<<"$con"
read -r dif_s dif_kb <<<"$dif"

printf 'flowgen bench %s records, %s workloads: %s policies\n' "$records" "$workloads" "$count"
printf '%-13s %8s %8s %8s\n' command "wall s" "x rec" "RSS MB"
for row in "recommend $rec_s $rec_kb" "connectivity $con_s $con_kb" "diff $dif_s $dif_kb"; do
  read -r name s kb <<<"$row"
  printf '%-13s %8s %8.1f %8d\n' "$name" "$s" "$(awk "BEGIN{print $s / ($rec_s > 0 ? $rec_s : 0.01)}")" $((kb / 1024))
done
status=0
for row in "connectivity $con_s" "diff $dif_s"; do
  read -r name s <<<"$row"
  if awk "BEGIN{exit !($s <= 2 * $rec_s)}"; then echo "PASS: $name at most 2x recommend ($workloads workloads)"; else
    echo "FAIL: $name at most 2x recommend ($workloads workloads)"
    status=1
  fi
done
exit $status
