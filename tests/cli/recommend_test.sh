#!/usr/bin/env bash
# netobs recommend end to end: exit codes, messages, inputs (stdin, gzip, directories) and
# atomic output files.
source "$(dirname "$0")/lib.sh"

INVENTORY="$SAMPLES/flows/inventory.json"
VPC=$(ls "$SAMPLES"/flows/vpc/*.log)
HUBBLE=$(ls "$SAMPLES"/flows/hubble/*.jsonl)

run --version
check "--version exits 0" exit_is 0
# The version, then the build's git revision (or "unknown" outside a git checkout).
check "--version names the version and the git revision" grep -qE '^netobs [0-9]+\.[0-9]+\.[0-9]+ \(git ([0-9a-f]{7,}(-dirty)?|unknown)\)$' "$WORK/out"
if git -C "$NETOBS_SOURCE_DIR" rev-parse --short=12 HEAD >/dev/null 2>&1; then
  check "--version's revision is this checkout's" out_has "(git $(git -C "$NETOBS_SOURCE_DIR" rev-parse --short=12 HEAD)"
fi
# Enumerated options are parsed into their values: an unknown one is a usage error naming the
# allowed ones; names are case-insensitive, and `text` is the text format everywhere (`txt` too).
run recommend --format xml "$SAMPLES/flows/hubble"
check "unknown --format: exit 2" exit_is 2
check "unknown --format: the allowed values" err_has "--format: 'xml' is not one of yaml, yml, json"
run diff --ipblock-scope everywhere x.yaml
check "unknown --ipblock-scope: the allowed values" err_has "'everywhere' is not one of all, external"
check "help shows the values and the default" sh -c "'$NETOBS' connectivity --help | grep -qF -- '--format text|json|csv|md|dot=text'"
run recommend --format JSON "$SAMPLES/flows/hubble/shop-hubble-flows.jsonl" --inventory "$SAMPLES/flows/inventory.json" -q
check "--format JSON (any case) is json" out_has '"apiVersion": "networking.k8s.io/v1"'
"$NETOBS" connectivity "$NETOBS_SOURCE_DIR/tests/golden/connectivity/manifests.yaml" --format txt >"$WORK/txt.out" 2>/dev/null
run connectivity "$NETOBS_SOURCE_DIR/tests/golden/connectivity/manifests.yaml" --format text
check "connectivity --format text is txt" cmp -s "$WORK/txt.out" "$WORK/out"
run recommend --help
check "help exits 0" exit_is 0
check "help lists --inventory" out_has "--inventory"

run
check "no subcommand is a usage error" exit_is 2
run recommend
check "no source is a usage error" exit_is 2
run recommend "$VPC" --format xml
check "bad --format is a usage error" exit_is 2
run recommend "$VPC" --no-such-flag
check "unknown flag is a usage error" exit_is 2
run recommend "$VPC" --cluster-cidr 10.0.0.0/99
check "bad --cluster-cidr is a usage error" exit_is 2
check "bad --cluster-cidr is named" err_has "--cluster-cidr '10.0.0.0/99'"
run recommend "$VPC" --vpc-format 'srcaddr $dstaddr'
check "bad --vpc-format is a usage error" exit_is 2

run recommend "$WORK/missing.log"
check "missing source is an input error" exit_is 3
check "missing source is named" err_has "missing.log: cannot read"
check "nothing on stdout after an error" out_empty

run recommend "$SAMPLES/flows" --inventory "$INVENTORY"
check "sample directory exits 0" exit_is 0
check "sample directory writes policies" out_has "kind: NetworkPolicy"
check "inventory beside the flows is not read as flows" err_lacks "malformed"
cp "$WORK/out" "$WORK/first.yaml"
run recommend "$SAMPLES/flows" --inventory "$INVENTORY"
check "output is deterministic" cmp -s "$WORK/out" "$WORK/first.yaml"

"$NETOBS" recommend - --inventory "$INVENTORY" <"$VPC" >"$WORK/out" 2>"$WORK/err"
code=$?
check "stdin source exits 0" exit_is 0
check "stdin source is named" err_has "<stdin> (vpc)"

gzip -c "$VPC" >"$WORK/flows.log.gz"
run recommend "$WORK/flows.log.gz" --inventory "$INVENTORY"
check "gzip source exits 0" exit_is 0
check "gzip is detected" err_has "(vpc, gzip)"
gzip -c "$HUBBLE" | cat - <(gzip -c "$VPC") >"$WORK/two-members.gz"
run recommend "$WORK/two-members.gz" --input-format hubble --inventory "$INVENTORY" -q
check "forced format reads what it is told" exit_is 0

head -c 3000 "$WORK/flows.log.gz" >"$WORK/truncated.gz"
echo "previous policies" >"$WORK/policies.yaml"
run recommend "$WORK/truncated.gz" --inventory "$INVENTORY" -o "$WORK/policies.yaml"
check "truncated gzip is an input error" exit_is 3
check "truncated gzip is named" err_has "truncated.gz: truncated gzip stream"
check "failed run leaves the output file alone" grep -qx "previous policies" "$WORK/policies.yaml"

run recommend "$SAMPLES/flows" --inventory "$INVENTORY" -o "$WORK/policies.yaml"
check "-o exits 0" exit_is 0
check "-o writes nothing to stdout" out_empty
check "-o writes the policies" cmp -s "$WORK/policies.yaml" "$WORK/first.yaml"
check "-o leaves no temporary file" test "$(ls -A "$WORK" | grep -c '^\.policies')" -eq 0

run recommend "$SAMPLES/flows" --inventory "$INVENTORY" -o "$WORK/no-such-dir/policies.yaml"
check "unwritable output is an input error" exit_is 3
check "unwritable output is named" err_has "no-such-dir/policies.yaml"

printf '{"kind": "List", "items": [\n' >"$WORK/broken.json"
run recommend "$VPC" --inventory "$WORK/broken.json"
check "broken inventory is an input error" exit_is 3
check "broken inventory names file and line" err_has "broken.json:2: invalid JSON"

printf 'not a flow record\n' >"$WORK/garbage.log"
run recommend "$WORK/garbage.log"
check "no usable record is an input error" exit_is 3
check "no usable record says what was read" err_has "no usable flow record in 1 source: read 1 record, 1 malformed"

run recommend "$VPC"
check "no inventory gives a hint" err_has "need --inventory"

run recommend "$SAMPLES/flows" --inventory "$INVENTORY" --namespace orders --format json -q
check "json output is a List" out_has '"kind": "List"'
check "--quiet prints no summary" test ! -s "$WORK/err"

# Address names: --aggregate-aws needs the ranges; a broken file names its line, before any flow is read.
ADDRESSES="$NETOBS_SOURCE_DIR/tests/data/addresses"
run recommend "$SAMPLES/flows" --inventory "$INVENTORY" --aggregate-aws
check "--aggregate-aws alone: exit 2" exit_is 2
check "--aggregate-aws alone: names what it needs" err_has "--aggregate-aws needs --aws-ip-ranges"
printf '[\n  {"ip": "10.0.4.50", "name": "db"},\n  {"ip": "10.0.4", "name": "cache"}\n]\n' >"$WORK/vpc.json"
run recommend "$SAMPLES/flows" --inventory "$INVENTORY" --vpc-resources "$WORK/vpc.json" -o "$WORK/never.yaml"
check "broken --vpc-resources: exit 3" exit_is 3
check "broken --vpc-resources: file and line" err_has "$WORK/vpc.json:3: '10.0.4' is not an IP address"
check "broken --vpc-resources: no output file" test ! -e "$WORK/never.yaml"
run recommend "$SAMPLES/flows" --inventory "$INVENTORY" --aws-ip-ranges "$WORK/none.json"
check "missing --aws-ip-ranges: an input error, as every unreadable file (exit 3)" exit_is 3
check "missing --aws-ip-ranges: named" err_has "netobs recommend: $WORK/none.json: cannot read"
run recommend "$SAMPLES/flows" --inventory "$INVENTORY" --aws-ip-ranges "$ADDRESSES/ip-ranges.json" -q
check "--aws-ip-ranges labels without widening" out_has 'netobs.io/addresses: "52.94.1.12/32 DYNAMODB us-east-1"'
check "--aws-ip-ranges keeps the /32" out_has 'cidr: "52.94.1.12/32"'

finish
