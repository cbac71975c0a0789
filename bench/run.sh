#!/usr/bin/env bash
# Benchmark of `netobs recommend` as a whole process on generated VPC flow logs with an
# inventory: wall time against `wc -l` on the same (cached) file, and peak RSS at several input
# sizes to show memory stays flat (state per distinct edge, not per record).
# Bar on the 2-core reference machine: 3 million records in under 1 s wall, under 100 MB RSS.
# Usage: bench/run.sh [RECORDS...]   (default: 1000000 3000000 6000000)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target netobs flowgen >/dev/null
data=${NETOBS_BENCH_DIR:-bench/data}
mkdir -p "$data"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 3000000 6000000)
status=0
printf '%-10s %8s %10s %10s %10s\n' records MB "wc -l s" "netobs s" "RSS MB"
for records in "${sizes[@]}"; do
  flows="$data/flows-$records.log"
  inventory="$data/inventory.json"
  [ -f "$flows" ] || ./build/release/tools/flowgen bench "$records" "$flows" "$inventory"
  cat "$flows" >/dev/null  # both commands read from the page cache
  mb=$(( $(stat -c %s "$flows") / 1000000 ))
  wc_s=$( { /usr/bin/time -f '%e' wc -l "$flows" >/dev/null; } 2>&1 )
  best_s=""
  rss_kb=0
  for _ in 1 2 3; do
    out=$( { /usr/bin/time -f '%e %M' ./build/release/cli/netobs recommend "$flows" --inventory "$inventory" \
             -q -o "$data/policies.yaml"; } 2>&1 | tail -n 1)
    s=${out% *}
    kb=${out#* }
    if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; fi
    [ "$kb" -gt "$rss_kb" ] && rss_kb=$kb
  done
  printf '%-10s %8s %10s %10s %10s\n' "$records" "$mb" "$wc_s" "$best_s" "$((rss_kb / 1024))"
  if [ "$records" -eq 3000000 ]; then
    awk "BEGIN{exit !($best_s < 1.0)}" || { echo "FAIL: 3M records took ${best_s}s (bar: < 1 s)"; status=1; }
    [ $((rss_kb / 1024)) -lt 100 ] || { echo "FAIL: 3M records used $((rss_kb / 1024)) MB (bar: < 100 MB)"; status=1; }
  fi
done
exit $status
