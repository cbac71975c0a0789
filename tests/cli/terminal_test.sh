#!/usr/bin/env bash
# Text from inputs never reaches the terminal raw (issue 24, item 13): inputs come from untrusted
# pull requests, so control characters in file names, in the record text of malformed-line
# messages, and in names shown by text formats are escaped on stderr and stdout; JSON and YAML
# escape them by their own rules and stay valid.
source "$(dirname "$0")/lib.sh"

INVENTORY="$SAMPLES/flows/inventory.json"
VPC=$(ls "$SAMPLES"/flows/vpc/*.log)
ESC=$'\033'
BEL=$'\a'
CR=$'\r'
C1=$'\xc2\x9b'

# no_raw_controls FILE: FILE has no ESC, BEL, CR or C1 CSI (UTF-8 C2 9B).
no_raw_controls() { ! grep -q "[$ESC$BEL$CR]" "$1" && ! grep -q $'\xc2\x9b' "$1"; }

# A flow file named with an escape sequence, holding records whose fields carry them.
mkdir -p "$WORK/pr"
NAMED="$WORK/pr/flows${ESC}]0;owned${BEL}.log"
# record N VALUE: the sample's second line with field N (1-based) replaced by VALUE.
record() {
  local fields
  read -r -a fields <<<"$(sed -n 2p "$VPC")"
  fields[$1 - 1]=$2
  echo "${fields[*]}"
}
{
  head -n 20 "$VPC"
  record 20 "10.0.1.21${ESC}[2J${ESC}[H"
  record 6 "5379x${CR}ALL-CLEAR"
  record 8 "6${BEL}"
  record 8 "${C1}31m"
} >"$NAMED"
run recommend "$WORK/pr" --inventory "$INVENTORY"
check "recommend: exit 0" exit_is 0
check "recommend: stderr carries no raw control character" no_raw_controls "$WORK/err"
check "recommend: the file name is shown escaped" err_has 'flows\x1b]0;owned\x07.log (vpc)'
check "recommend: a malformed record's text is shown escaped" err_has "bad address '10.0.1.21\\x1b[2J\\x1b[H'"
check "recommend: a carriage return is shown as \\r" err_has 'ALL-CLEAR'
check "recommend: the carriage return cannot hide the message" err_has '5379x\rALL-CLEAR'
check "recommend: a C1 control is shown escaped" err_has "\\u009b31m"
check "recommend: the policies are written" out_has "kind: NetworkPolicy"
run recommend "$NAMED" --inventory "$INVENTORY" --strict
check "--strict: the error names the file escaped" err_has 'flows\x1b]0;owned\x07.log:21: bad address'
check "--strict: no raw control character" no_raw_controls "$WORK/err"

# Names in manifests: a text format on stdout escapes them; JSON escapes them its own way.
cat >"$WORK/manifests.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata: {name: "web\e]0;owned\a", namespace: shop, labels: {app: web}}
status: {podIP: 10.1.0.5}
---
apiVersion: v1
kind: Pod
metadata: {name: "db\r\e[2K", namespace: shop, labels: {app: db}}
status: {podIP: 10.1.0.6}
YAML
run connectivity "$WORK/manifests.yaml" --format text
check "connectivity text: exit 0" exit_is 0
check "connectivity text: stdout carries no raw control character" no_raw_controls "$WORK/out"
check "connectivity text: the pod name is shown escaped" out_has 'shop/web\x1b]0;owned\x07[Pod]'
check "connectivity text: a carriage return in a name is shown escaped" out_has 'shop/db\r\x1b[2K[Pod]'
run connectivity "$WORK/manifests.yaml" --format json
check "connectivity json: exit 0" exit_is 0
check "connectivity json: no raw control character" no_raw_controls "$WORK/out"
check "connectivity json: valid JSON that keeps the name" \
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(r["dst"] == "shop/web\x1b]0;owned\x07[Pod]" for r in d)' "$WORK/out"

# CLI11's own usage errors echo the argument: escaped as well.
run recommend "--no-such${ESC}[31m-flag"
check "usage error: exit 2" exit_is 2
check "usage error: the echoed argument is escaped" no_raw_controls "$WORK/err"

finish
