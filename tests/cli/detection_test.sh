#!/usr/bin/env bash
# Inputs read as what they are (issue 24, item 11): the format is decided from the first several
# records, not the first line (a byte order mark, a banner ahead of the data); a Kubernetes List
# among the sources is the inventory; Markdown, binaries and manifests in a flow directory are
# skipped with a note; a source whose records are mostly malformed names --input-format.
source "$(dirname "$0")/lib.sh"

INVENTORY="$SAMPLES/flows/inventory.json"
VPC=$(ls "$SAMPLES"/flows/vpc/*.log)
HUBBLE=$(ls "$SAMPLES"/flows/hubble/*.jsonl)

"$NETOBS" recommend "$HUBBLE" --inventory "$INVENTORY" -q >"$WORK/hubble.yaml"
"$NETOBS" recommend "$VPC" --inventory "$INVENTORY" -q >"$WORK/vpc.yaml"
"$NETOBS" recommend "$SAMPLES/flows/vpc" "$SAMPLES/flows/hubble" --inventory "$INVENTORY" -q >"$WORK/both.yaml"
records=$(grep -c . "$HUBBLE")

# A UTF-8 byte order mark (PowerShell's Out-File, Windows editors) is not part of the first record.
printf '\xef\xbb\xbf' >"$WORK/bom.jsonl"
cat "$HUBBLE" >>"$WORK/bom.jsonl"
run recommend "$WORK/bom.jsonl" --inventory "$INVENTORY"
check "bom: exit 0" exit_is 0
check "bom: read as Hubble JSON" err_has "bom.jsonl (hubble)"
check "bom: every record read" err_has "read $records records"
check "bom: none malformed" err_lacks "malformed records skipped"
check "bom: the same policies as without it" cmp -s "$WORK/out" "$WORK/hubble.yaml"

# kubectl logs' banner ahead of the records costs that line, not the file.
{
  echo 'Defaulted container "hubble-exporter" out of: cilium-agent, hubble-exporter, config (init)'
  cat "$HUBBLE"
} >"$WORK/banner.jsonl"
run recommend "$WORK/banner.jsonl" --inventory "$INVENTORY"
check "banner: exit 0" exit_is 0
check "banner: read as Hubble JSON" err_has "banner.jsonl (hubble)"
check "banner: the banner line is skipped and counted" err_has "line ahead of the first flow record (a banner or heading): 1"
check "banner: no record is malformed" err_lacks "malformed records skipped"
check "banner: the same policies as without it" cmp -s "$WORK/out" "$WORK/hubble.yaml"
run recommend "$WORK/banner.jsonl" --inventory "$INVENTORY" --strict
check "banner: --strict is not stopped by it" exit_is 0
{
  echo 'Defaulted container "aws-node" out of: aws-node, aws-eks-nodeagent'
  cat "$VPC"
} >"$WORK/banner.log"
run recommend "$WORK/banner.log" --inventory "$INVENTORY" -q
check "banner before VPC records: the same policies as without it" cmp -s "$WORK/out" "$WORK/vpc.yaml"

# A Kubernetes List among the sources is the inventory when --inventory is absent.
mkdir -p "$WORK/collected/logs"
cp "$VPC" "$HUBBLE" "$WORK/collected/logs/"
cp "$INVENTORY" "$WORK/collected/cluster.json"
run recommend "$WORK/collected"
check "list among the sources: exit 0" exit_is 0
check "list among the sources: a note says it is read as the inventory" \
  err_has "note: $WORK/collected/cluster.json is a Kubernetes List: read as the inventory (no --inventory was given)"
check "list among the sources: the same policies as with --inventory" cmp -s "$WORK/out" "$WORK/both.yaml"
run recommend "$WORK/collected/logs" "$WORK/collected/cluster.json" -q
check "list named as a source: the same policies as with --inventory" cmp -s "$WORK/out" "$WORK/both.yaml"
run recommend "$WORK/collected" --inventory "$INVENTORY"
check "list beside --inventory: the same policies" cmp -s "$WORK/out" "$WORK/both.yaml"
check "list beside --inventory: skipped with a note" \
  err_has "note: $WORK/collected/cluster.json: a Kubernetes List, not flow records: skipped (give it with --inventory)"
run graph "$WORK/collected" --format json
check "graph: the list among the sources is its inventory too" err_has "is a Kubernetes List: read as the inventory"
# lint and diff take it as their inventory too: the flows are attributed and the policies checked.
"$NETOBS" lint "$WORK/both.yaml" --inventory "$INVENTORY" --flows "$WORK/collected/logs" --format json \
  >"$WORK/lint-with-inventory.json" 2>/dev/null
run lint "$WORK/both.yaml" --flows "$WORK/collected" --format json
check "lint --flows with a list among them: exit 0" exit_is 0
check "lint --flows with a list among them: a note says it is read as the inventory" \
  err_has "note: $WORK/collected/cluster.json is a Kubernetes List: read as the inventory (no --inventory was given)"
# The same findings, located in the list among the flows instead of the --inventory file.
sed "s|$INVENTORY|$WORK/collected/cluster.json|" "$WORK/lint-with-inventory.json" >"$WORK/lint-expected.json"
check "lint --flows with a list among them: the findings as with --inventory" cmp -s "$WORK/out" "$WORK/lint-expected.json"
run diff "$WORK/both.yaml" --live "$WORK/both.yaml" --flows "$WORK/collected"
check "diff --flows with a list among them: the flows are attributed and checked" exit_is 0
check "diff --flows with a list among them: read as the inventory" err_has "is a Kubernetes List: read as the inventory"

# Files that are plainly not flow records are skipped, one note each; the flows are read as before.
mkdir -p "$WORK/mixed"
cp "$VPC" "$HUBBLE" "$WORK/mixed/"
printf '# Flows of the shop\n\nCollected on 2025-11-24 from the VPC and Hubble.\n' >"$WORK/mixed/README.md"
printf 'Notes\n=====\nsee the runbook\n' >"$WORK/mixed/NOTES.markdown"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10' >"$WORK/mixed/diagram.png"
cat >"$WORK/mixed/policy.yaml" <<'YAML'
---
# the policy under review
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
YAML
printf '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap"\n}\n' >"$WORK/mixed/config.json"
run recommend "$WORK/mixed" --inventory "$INVENTORY"
check "mixed directory: exit 0" exit_is 0
check "mixed directory: the Markdown file is skipped with a note" \
  err_has "note: $WORK/mixed/README.md: a Markdown document, not flow records: skipped (--input-format reads it anyway)"
check "mixed directory: a .markdown file is skipped" err_has "$WORK/mixed/NOTES.markdown: a Markdown document, not flow records"
check "mixed directory: the binary is skipped" err_has "$WORK/mixed/diagram.png: binary data, not flow records: skipped"
check "mixed directory: the YAML manifest is skipped" err_has "$WORK/mixed/policy.yaml: a Kubernetes manifest (YAML), not flow records"
check "mixed directory: the JSON manifest is skipped" err_has "$WORK/mixed/config.json: a Kubernetes manifest (JSON), not flow records"
check "mixed directory: one note per file" [ "$(grep -c 'not flow records: skipped' "$WORK/err")" -eq 5 ]
check "mixed directory: nothing malformed" err_lacks "malformed records skipped"
"$NETOBS" recommend "$WORK/mixed" --inventory "$INVENTORY" -q >"$WORK/mixed.yaml" 2>/dev/null
check "mixed directory: the same policies as the flows alone" cmp -s "$WORK/mixed.yaml" "$WORK/both.yaml"
run lint "$NETOBS_SOURCE_DIR/tests/golden/connectivity/manifests.yaml" --flows "$WORK/mixed" --inventory "$INVENTORY"
check "lint --flows: the skipped files are noted too" err_has "$WORK/mixed/README.md: a Markdown document, not flow records"

# Mostly malformed records: the message suggests --input-format.
for i in 1 2 3 4 5 6; do echo "checked on node $i: nothing to report"; done >"$WORK/notes.txt"
run recommend "$WORK/notes.txt" --inventory "$INVENTORY"
check "mostly malformed: exit 3 (no usable record)" exit_is 3
check "mostly malformed: it suggests --input-format" \
  err_has "$WORK/notes.txt: 6 of 6 records are malformed as vpc records; if it holds another format, name it with --input-format (edges, nfm, eks-agent, hubble, prometheus, edge-rows, vpc)"
run recommend "$HUBBLE" --input-format vpc --inventory "$INVENTORY"
check "mostly malformed with --input-format: it asks whether the format is right" \
  err_has "records are malformed as vpc records; is --input-format vpc right?"
run recommend "$VPC" --inventory "$INVENTORY"
check "well-formed records: no suggestion" err_lacks "--input-format"

# Nothing at all on stdin (or in a file) is no format's records: it is said to be empty.
run recommend - --inventory "$INVENTORY" </dev/null
check "empty stdin: exit 3 (no usable record)" exit_is 3
check "empty stdin: said to be empty" err_has "note: <stdin>: empty: no flow records"
check "empty stdin: not detected as a format" err_lacks "<stdin> (vpc)"
: >"$WORK/empty.log"
run recommend "$WORK/empty.log" "$VPC" --inventory "$INVENTORY"
check "an empty file among flows: said to be empty" err_has "note: $WORK/empty.log: empty: no flow records"
check "an empty file among flows: the rest is read" exit_is 0

finish
