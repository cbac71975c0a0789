#!/usr/bin/env bash
# The example records of docs/inputs.md ("One record of each format") are real: each is read as
# the format its paragraph names, and gives the sample inventory's workloads an edge.
source "$(dirname "$0")/lib.sh"
DOC="$NETOBS_SOURCE_DIR/docs/inputs.md"
INVENTORY="$SAMPLES/flows/inventory.json"

# Each "`FORMAT`: ..." paragraph of the section and the code block after it, as $WORK/FORMAT.rec.
awk -v dir="$WORK" '
  /^## One record of each format/ { on = 1; next }
  on && /^## / { on = 0 }
  on && /^`[a-z-]+`:/ { split($0, name, "`"); format = name[2]; next }
  on && /^```/ { if (block) { block = 0; format = "" } else if (format != "") { block = 1; printf "" > (dir "/" format ".rec") } next }
  on && block { print >> (dir "/" format ".rec") }
' "$DOC"

formats=$(cd "$WORK" && ls -- *.rec 2>/dev/null | sed 's/\.rec$//')
check "docs/inputs.md has an example of each format netobs detects" \
  test "$(echo $formats)" = "edge-rows eks-agent hubble nfm prometheus vpc"
for format in $formats; do
  run recommend "$WORK/$format.rec" --input-format "$format" --inventory "$INVENTORY" -o "$WORK/$format.yaml"
  check "the $format example is read (exit 0)" exit_is 0
  check "the $format example is a record netobs uses" grep -qE "used [1-9][0-9]*" "$WORK/err"
  check "the $format example gives a workload a policy" grep -q "^kind: NetworkPolicy" "$WORK/$format.yaml"
done
finish
