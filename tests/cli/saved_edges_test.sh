#!/usr/bin/env bash
# Saved edges (--checkpoint, --edges) stand for the flows they were made of: denied and dropped
# connections (VPC REJECT, Hubble DROPPED, EKS agent DENY) survive a checkpoint, so a resumed or
# merged collection reports the same ones as one run over the flows, and --include-dropped
# (--include-denied) works on saved edges exactly as on the flows, whatever the saving run was
# given. The summary of edge rows (netobs sql's results) counts the records they stand for.
source "$(dirname "$0")/lib.sh"

INVENTORY="$SAMPLES/flows/inventory.json"
VPC=$(ls "$SAMPLES"/flows/vpc/*.log)
HUBBLE="$SAMPLES/flows/hubble/shop-hubble-flows.jsonl"
agent_line() {  # agent_line TIME SRC SPORT DST DPORT VERDICT: a zap line of the EKS agent
  printf '{"level":"info","ts":"2025-11-24T%s.000Z","caller":"events/events.go:200","msg":"Flow Info: Src IP: %s Src Port: %s Dest IP: %s Dest Port: %s Proto TCP Verdict %s Direction egress, Tier NETWORK_POLICY"}\n' "$@"
}
{
  agent_line 16:20:00 10.0.1.41 45100 10.0.3.31 3306 DENY    # carts -> catalog-mysql, twice
  agent_line 16:20:30 10.0.1.41 45101 10.0.3.31 3306 DENY
  agent_line 16:21:00 10.0.2.21 45200 10.0.2.31 8080 ACCEPT  # ui -> catalog
  agent_line 16:22:00 10.0.3.61 45300 10.0.3.51 6379 DENY    # orders -> checkout-redis
} >"$WORK/agent.log"

# summary FILE: what a run read and what it left out (from the first line to the graph's), without
# the sources, which name the files each run read.
summary() { sed -n '1p; /^  skipped:/,/^  graph:/p' "$1"; }
# recommend_to NAME ARGS...: recommend into NAME.yaml (policies) and NAME.err (summary).
recommend_to() {
  local name=$1
  shift
  run recommend "$@" --inventory "$INVENTORY" -o "$WORK/$name.yaml"
  cp "$WORK/err" "$WORK/$name.err"
}
# same_summary A B: the summaries of runs A and B agree (the differences are shown when not).
same_summary() { [ -s "$WORK/$1.err" ] && diff <(summary "$WORK/$1.err") <(summary "$WORK/$2.err"); }
same_policies() { cmp -s "$WORK/$1.yaml" "$WORK/$2.yaml"; }
differ() { [ -s "$WORK/$1.yaml" ] && ! cmp -s "$WORK/$1.yaml" "$WORK/$2.yaml"; }

# One run over the flows, saving a checkpoint; with and without --include-dropped.
recommend_to raw "$VPC" "$HUBBLE" "$WORK/agent.log" --checkpoint "$WORK/all.edges"
check "raw: exit 0" exit_is 0
check "raw: the VPC REJECTs are listed" err_has "action REJECT: 2"
check "raw: the Hubble drop is listed" err_has "hubble verdict DROPPED: 1"
check "raw: the EKS agent's DENYs are listed" err_has "policy verdict DENY: 3"
check "raw: by workload pair" err_has "carts/carts[Deployment] -> catalog/catalog-mysql[StatefulSet] TCP 3306 (DENY)  x2"
recommend_to raw-dropped "$VPC" "$HUBBLE" "$WORK/agent.log" --include-dropped --checkpoint "$WORK/all-dropped.edges"
check "raw --include-dropped: exit 0" exit_is 0
check "--include-dropped changes the policies (the drops become evidence)" differ raw raw-dropped
check "--include-dropped: the summary marks the drops it used as evidence" err_has "(DENY, used as evidence)  x2"
check "--include-dropped: the heading no longer says none is evidence" err_lacks "dropped connections, not used as evidence"
check "without it, no drop is marked as evidence" grep -qF "dropped connections, not used as evidence" "$WORK/raw.err"
check "the checkpoint is version 2" grep -q '^{"netobs_edges":2,' "$WORK/all.edges"
check "the checkpoint keeps the denied connections (one line each)" test "$(grep -c '"denied":{' "$WORK/all.edges")" -eq 5
check "the checkpoint does not depend on --include-dropped" cmp -s "$WORK/all.edges" "$WORK/all-dropped.edges"
check "the checkpoint keeps skip reasons under their ids" grep -q '"skipped":{[^}]*"log_status:NODATA":1' "$WORK/all.edges"
check "the checkpoint names what refused a connection by its id" grep -qF '"verdict_field":"policy_verdict"' "$WORK/all.edges"

# The checkpoint read back: the same summary and policies, with and without --include-dropped,
# also from the checkpoint the --include-dropped run saved.
recommend_to saved --edges "$WORK/all.edges"
check "--edges: exit 0" exit_is 0
check "--edges: the same rejected/dropped connections and counts" same_summary raw saved
check "--edges: the same policies" same_policies raw saved
recommend_to saved-dropped --edges "$WORK/all.edges" --include-dropped
check "--edges --include-dropped: the same summary" same_summary raw-dropped saved-dropped
check "--edges --include-dropped: the policies of the flows with --include-dropped" same_policies raw-dropped saved-dropped
recommend_to saved-denied --edges "$WORK/all-dropped.edges" --include-denied
check "--include-denied is the same flag" same_policies raw-dropped saved-denied
recommend_to saved-plain --edges "$WORK/all-dropped.edges"
check "a checkpoint saved with --include-dropped, read without it: no drop becomes evidence" same_policies raw saved-plain
check "... and the same summary" same_summary raw saved-plain

# --since/--until over saved edges: an edge seen only before the window leaves the summary's
# counts and its window (the header speaks for the whole file), as its records would.
vpc_line() { printf '2 123456789012 eni-0 %s %s %s %s 6 4 400 %s %s ACCEPT OK\n' "$@"; }
{
  vpc_line 10.0.1.41 10.0.3.31 45100 3306 1764000000 1764000060  # carts -> catalog-mysql, 16:00, twice
  vpc_line 10.0.1.41 10.0.3.31 45101 3306 1764000100 1764000160
  vpc_line 10.0.2.21 10.0.2.31 45200 8080 1764007200 1764007260  # ui -> catalog, 18:00
} >"$WORK/windowed.log"
recommend_to windowed-all "$WORK/windowed.log" --checkpoint "$WORK/windowed.edges"
recommend_to windowed-raw "$WORK/windowed.log" --since 2025-11-24T17:00:00Z
recommend_to windowed-saved --edges "$WORK/windowed.edges" --since 2025-11-24T17:00:00Z
check "--edges --since: exit 0" exit_is 0
check "--edges --since: the raw run's counts and window" \
  diff <(head -1 "$WORK/windowed-raw.err") <(head -1 "$WORK/windowed-saved.err")
check "--edges --since: one record used, from 18:00" err_has "used 1, observed 2025-11-24T18:00:00Z"
check "--edges --since: the records left out are listed as such" err_has "saved record outside --since/--until: 2"
check "--edges --since: the policies of the raw run" same_policies windowed-raw windowed-saved

# A collection resumed from its checkpoint, and one merged from three nodes' checkpoints.
recommend_to first "$VPC" "$HUBBLE" --checkpoint "$WORK/resumed.edges"
recommend_to resumed "$WORK/agent.log" --checkpoint "$WORK/resumed.edges"
check "resumed: the same summary" same_summary raw resumed
check "resumed: the same policies" same_policies raw resumed
for source in "$VPC" "$HUBBLE" "$WORK/agent.log"; do
  "$NETOBS" recommend "$source" --inventory "$INVENTORY" --checkpoint "$WORK/node-$(basename "$source").edges" -q \
    >/dev/null 2>&1
done
edges=()
for file in "$WORK"/node-*.edges; do edges+=(--edges "$file"); done
recommend_to merged "${edges[@]}"
check "merged: the same summary" same_summary raw merged
check "merged: the same policies" same_policies raw merged
recommend_to merged-dropped "${edges[@]}" --include-dropped
check "merged --include-dropped: the same summary" same_summary raw-dropped merged-dropped
check "merged --include-dropped: the same policies" same_policies raw-dropped merged-dropped

# A checkpoint of version 1 (before denied connections were kept) still reads.
printf '%s\n' '{"netobs_edges":1,"records_read":3,"records_used":2,"malformed":0,"first_seen":1764000000,"last_seen":1764000060,"skipped":{"action REJECT":1}}' \
  '{"client":"10.0.2.21","server":"10.0.2.31","port":8080,"protocol":"TCP","flows":[2,0,0],"packets":[2,0,0],"bytes":[0,0,0],"first_seen":1764000000,"last_seen":1764000060}' \
  >"$WORK/v1.edges"
run recommend --edges "$WORK/v1.edges" --inventory "$INVENTORY"
check "version 1: exit 0" exit_is 0
check "version 1: its counters" err_has "read 3 records, used 2"
check "version 1: its skips" err_has "action REJECT: 1"

# A version 2 checkpoint written before skip reasons had ids: their words are read as the reasons.
printf '%s\n' '{"netobs_edges":2,"records_read":4,"records_used":2,"malformed":0,"first_seen":1764000000,"last_seen":1764000060,"skipped":{"log-status NODATA":1}}' \
  '{"client":"10.0.2.21","server":"10.0.2.31","port":8080,"protocol":"TCP","flows":[2,0,0],"packets":[2,0,0],"bytes":[0,0,0],"first_seen":1764000000,"last_seen":1764000060,"records":2}' \
  '{"client":"10.0.1.21","server":"10.0.3.51","port":6379,"protocol":"TCP","flows":[1,0,0],"packets":[1,0,0],"bytes":[0,0,0],"first_seen":1764000000,"last_seen":1764000000,"denied":{"verdict_field":"hubble verdict","verdict":"DROPPED","may_be_evidence":true,"records":1}}' \
  >"$WORK/words.edges"
run recommend --edges "$WORK/words.edges" --inventory "$INVENTORY"
check "old words: exit 0" exit_is 0
check "old words: the skip reason" err_has "log-status NODATA: 1"
check "old words: the refusing verdict" err_has "hubble verdict DROPPED: 1"

# Edge rows count as the records they stand for, in every counter of the summary.
printf '%s\n' 'srcaddr,dstaddr,protocol,srcport,dstport,records,action,first_seen,last_seen' \
  '10.0.2.21,10.0.2.31,6,45200,8080,7,ACCEPT,1764000000,1764000060' \
  '10.0.1.21,10.0.3.51,6,45300,6379,3,REJECT,1764000000,1764000060' \
  '10.0.1.21,10.0.2.31,1,0,0,2,ACCEPT,1764000000,1764000060' >"$WORK/rows.csv"
run recommend --edges "$WORK/rows.csv" --inventory "$INVENTORY"
check "rows: exit 0" exit_is 0
check "rows: the records the rows stand for are read and used" err_has "read 12 records, used 7"
check "rows: rejected records are counted" err_has "action REJECT: 3"
check "rows: and listed with them" err_has "TCP 6379 (REJECT)  x3"
check "rows: records of other protocols are counted" err_has "protocol 1 (no NetworkPolicy can express it): 2"
run recommend --edges "$WORK/rows.csv" --inventory "$INVENTORY" --checkpoint "$WORK/rows.edges"
check "rows with a new --checkpoint: read once, not resumed from the checkpoint they were just saved to" \
  err_has "read 12 records, used 7"
check "rows with a --checkpoint: the rejected rows are saved as denied connections" grep -q '"verdict":"REJECT"' "$WORK/rows.edges"
run recommend --edges "$WORK/rows.edges" --inventory "$INVENTORY"
check "rows' checkpoint: the same counts" err_has "read 12 records, used 7"
check "rows' checkpoint: the same rejected records" err_has "TCP 6379 (REJECT)  x3"

finish
