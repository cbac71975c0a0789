#!/usr/bin/env bash
# The libFuzzer targets under fuzz/, built in the asan preset (clang, ASan + UBSan + libFuzzer).
#   scripts/fuzz.sh                   lists the targets, one per line
#   scripts/fuzz.sh TARGET SECONDS    builds what is missing and fuzzes TARGET for SECONDS
#   scripts/fuzz.sh --all SECONDS     every target for SECONDS, as many at once as there are
#                                     cores (what CI runs)
# Seeds come from the project's samples, the golden cases and ../shared/samples (when present),
# plus fuzz/regressions/TARGET/, the inputs of earlier findings. The growing corpus stays in
# build/asan/fuzz/corpus/TARGET; a new crash is written to build/asan/fuzz/findings/TARGET/: copy
# it into fuzz/regressions/TARGET/ with the fix, and ctest replays it from then on.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"  # the presets are found from here
build=$root/build/asan
targets=$(sed -n "s/^set(netobs_fuzz_targets \(.*\))$/\1/p" "$root/fuzz/CMakeLists.txt" | tr " " "\n")

if [ $# -eq 0 ]; then
  echo "$targets"
  exit 0
fi

usage() {
  echo "usage: scripts/fuzz.sh [TARGET SECONDS | --all SECONDS]" >&2
  exit 2
}

# Copies the first 8 KiB of each file given into the seed directory $1: short inputs keep the
# executions per second high, and every reader works line by line or document by document.
seed_from() {
  local into=$1
  shift
  local file
  for file in "$@"; do
    [ -f "$file" ] || continue
    head -c 8192 "$file" > "$into/$(echo "$file" | md5sum | cut -c1-16)"
  done
}

seeds_for() {
  local target=$1 into=$2
  local shared=$root/../shared/samples
  shopt -s nullglob globstar
  case $target in
    fuzz_vpc) seed_from "$into" "$root"/samples/flows/vpc/* "$root"/fuzz/seeds/fuzz_vpc/* "$shared"/vpc/*.log ;;
    fuzz_hubble) seed_from "$into" "$root"/samples/flows/hubble/* "$root"/tests/data/hubble-dns/*.jsonl "$shared"/hubble/* "$shared"/vpc/*.json ;;
    fuzz_flow_sniff) seed_from "$into" "$root"/samples/flows/*/* "$shared"/*/* ;;
    fuzz_document | fuzz_manifest) seed_from "$into" "$root"/tests/golden/**/*.yaml "$root"/tests/golden/**/*.json "$root"/tests/data/oracle/**/*.yaml ;;
    fuzz_inventory) seed_from "$into" "$root"/samples/flows/inventory.json "$root"/tests/data/**/*.json ;;
    fuzz_kubeconfig) seed_from "$into" "$root"/fuzz/seeds/fuzz_kubeconfig/* ;;
    fuzz_kube_answers) seed_from "$into" "$root"/fuzz/seeds/fuzz_kube_answers/* ;;
    fuzz_scalars) seed_from "$into" "$root"/fuzz/seeds/fuzz_scalars/* ;;
    fuzz_edge_file) seed_from "$into" "$root"/fuzz/seeds/fuzz_edge_file/* ;;
    fuzz_edge_rows) seed_from "$into" "$root"/fuzz/seeds/fuzz_edge_rows/* ;;
    fuzz_agent_logs) seed_from "$into" "$root"/fuzz/seeds/fuzz_agent_logs/* ;;
    fuzz_flow_metrics) seed_from "$into" "$root"/fuzz/seeds/fuzz_flow_metrics/* ;;
    fuzz_address_book) seed_from "$into" "$root"/tests/data/addresses/*.json ;;
  esac
  shopt -u nullglob globstar
}

run_one() {
  local target=$1 seconds=$2
  if ! grep -qx "$target" <<<"$targets"; then
    echo "scripts/fuzz.sh: no target '$target'; the targets are:" >&2
    echo "$targets" >&2
    exit 2
  fi
  if [ -z "${built:-}" ]; then
    [ -f "$build/build.ninja" ] || cmake --preset asan >/dev/null
    cmake --build "$build" --target "$target" >/dev/null
  fi
  local corpus=$build/fuzz/corpus/$target seeds=$build/fuzz/seeds/$target findings=$build/fuzz/findings/$target
  mkdir -p "$corpus" "$seeds" "$findings"
  seeds_for "$target" "$seeds"
  local dirs=("$corpus" "$seeds")
  [ -d "$root/fuzz/regressions/$target" ] && dirs+=("$root/fuzz/regressions/$target")
  echo "== $target: $seconds s" >&2
  # -rss_limit_mb and -timeout turn unbounded memory or time into findings, not a stuck run.
  "$build/fuzz/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="$findings/" "${dirs[@]}" 2> "$build/fuzz/$target.log" || {
    tail -n 60 "$build/fuzz/$target.log" >&2
    echo "scripts/fuzz.sh: $target found a problem; the input is in $findings/" >&2
    return 1
  }
  grep -E '^stat::number_of_executed_units|^Done' "$build/fuzz/$target.log" >&2 || true
}

case $1 in
  --all)
    [ $# -eq 2 ] || usage
    # Build first, in one go, so the parallel runs below do not race on the build tree.
    [ -f "$build/build.ninja" ] || cmake --preset asan >/dev/null
    cmake --build --preset fuzz >/dev/null
    built=1
    status=0
    running=0
    for target in $targets; do
      run_one "$target" "$2" &
      running=$((running + 1))
      if [ "$running" -ge "$(nproc)" ]; then
        wait -n || status=1
        running=$((running - 1))
      fi
    done
    while [ "$running" -gt 0 ]; do
      wait -n || status=1
      running=$((running - 1))
    done
    exit $status
    ;;
  -*) usage ;;
  *)
    [ $# -eq 2 ] || usage
    run_one "$1" "$2"
    ;;
esac
