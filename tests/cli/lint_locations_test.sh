#!/usr/bin/env bash
# Where lint findings are: objects the API server lists (--from-cluster) are in no file, so each
# finding names its object (Kind namespace/name and the field) in text, JSON and SARIF; several
# objects on one line (minified JSON) keep their columns. The same defect on three objects is
# three findings, never one.
source "$(dirname "$0")/lib.sh"
source "$NETOBS_SOURCE_DIR/tests/cli/kube_server.sh"

# Three policies with one defect (a port out of range at the same field), beside the sample
# inventory and the recorded policies the test server always serves.
SAME_DEFECT="$NETOBS_SOURCE_DIR/tests/data/lint/same-defect.json"
make_pki
start_server main --objects "$SAME_DEFECT"
kubeconfig "$WORK/token.kubeconfig" "https://127.0.0.1:$main_PORT" "    token: $KUBE_TOKEN"

run lint --from-cluster --kubeconfig "$WORK/token.kubeconfig" -n demo
check "lint --from-cluster: the defects are errors" exit_is 1
check "text: three findings of the defect" test "$(grep -c 'port 70000 is not in 1-65535 \[invalid-port\]' "$WORK/out")" -eq 3
for name in first second third; do
  check "text: the finding on $name names its object and field" \
    out_has "cluster test (https://127.0.0.1:$main_PORT): NetworkPolicy demo/$name spec.ingress[0].ports[0].port: error: port 70000 is not in 1-65535 [invalid-port]"
done
check "text: the summary counts the three errors (of the three policies in demo)" out_has "(3 in the namespaces reported on): 3 errors"
check "text: no line of a pseudo-file" out_lacks "):1:"

run lint --from-cluster --kubeconfig "$WORK/token.kubeconfig" -n demo --format json
check "json: exit 1" exit_is 1
check "json: three findings, each naming its object and field, none a file" python3 - "$WORK/out" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
found = [d for d in report["diagnostics"] if d["rule"] == "invalid-port"]
assert report["errors"] == 3, report
assert sorted(d["object"]["name"] for d in found) == ["first", "second", "third"], found
for d in found:
    assert d["object"] == {"kind": "NetworkPolicy", "namespace": "demo", "name": d["object"]["name"]}, d
    assert d["field"] == "spec.ingress[0].ports[0].port", d
    assert d["origin"].startswith("cluster test (https://127.0.0.1:"), d
    assert "file" not in d and "line" not in d and "column" not in d, d
PY

run lint --from-cluster --kubeconfig "$WORK/token.kubeconfig" -n demo --format sarif
check "sarif: exit 1" exit_is 1
check "sarif: three results located by logicalLocations only, shaped as SARIF 2.1.0 says" python3 - "$WORK/out" <<'PY'
import json, sys
sarif = json.load(open(sys.argv[1]))
assert sarif["version"] == "2.1.0" and len(sarif["runs"]) == 1
run = sarif["runs"][0]
rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
results = [r for r in run["results"] if r["ruleId"] == "invalid-port"]
assert len(results) == 3, results
names = []
for r in run["results"]:
    assert rules[r["ruleIndex"]] == r["ruleId"] and r["level"] in ("error", "warning", "note", "none")
    assert isinstance(r["message"]["text"], str)
    for location in r.get("locations", []):
        assert isinstance(location, dict) and location, location
        # §3.28: a location is physical, logical or both; §3.33: name, fullyQualifiedName, kind are strings.
        assert "physicalLocation" not in location, location  # no artifact holds a cluster object
        for logical in location["logicalLocations"]:
            assert set(logical) <= {"name", "fullyQualifiedName", "kind"}, logical
            assert all(isinstance(value, str) and value for value in logical.values()), logical
for r in results:
    (location,) = r["locations"]
    obj, fld = location["logicalLocations"]
    assert obj["kind"] == "resource" and fld["kind"] == "property", location
    assert obj["fullyQualifiedName"] == "NetworkPolicy demo/" + obj["name"], obj
    assert fld["name"] == "spec.ingress[0].ports[0].port", fld
    assert fld["fullyQualifiedName"] == obj["fullyQualifiedName"] + " spec.ingress[0].ports[0].port", fld
    names.append(obj["name"])
assert sorted(names) == ["first", "second", "third"], names
PY
check "sarif: no URI made of the cluster's name" out_lacks '"uri": "cluster'

run lint --from-cluster --kubeconfig "$WORK/token.kubeconfig" -n demo --format github
check "github: three annotations without a file, each naming its object" test "$(grep -c \
  "^::error title=invalid-port::cluster test (https://127.0.0.1:$main_PORT): NetworkPolicy demo/" "$WORK/out")" -eq 3
check "github: no file= for a cluster object" out_lacks "file=cluster"

# A file of minified JSON: the three policies on one line are three findings, each at its column
# and naming its object.
python3 -c 'import json, sys; json.dump(json.load(open(sys.argv[1])), open(sys.argv[2], "w"), separators=(",", ":"))' \
  "$SAME_DEFECT" "$WORK/minified.json"
run lint "$WORK/minified.json"
check "minified: exit 1" exit_is 1
check "minified: three findings" test "$(grep -c '\[invalid-port\]' "$WORK/out")" -eq 3
check "minified: three columns on line 1" test "$(grep '\[invalid-port\]' "$WORK/out" | cut -d: -f2,3 | sort -u | grep -c '^1:')" -eq 3
run lint "$WORK/minified.json" --format json
check "minified json: each finding at its column, naming its object" python3 - "$WORK/out" <<'PY'
import json, sys
found = [d for d in json.load(open(sys.argv[1]))["diagnostics"] if d["rule"] == "invalid-port"]
assert len(found) == 3, found
assert len({d["column"] for d in found}) == 3 and all(d["line"] == 1 for d in found), found
assert sorted(d["object"]["name"] for d in found) == ["first", "second", "third"], found
PY
run lint "$WORK/minified.json" --format sarif
check "minified sarif: a region and the object for each" python3 - "$WORK/out" <<'PY'
import json, sys
results = [r for r in json.load(open(sys.argv[1]))["runs"][0]["results"] if r["ruleId"] == "invalid-port"]
assert len(results) == 3, results
columns = {r["locations"][0]["physicalLocation"]["region"]["startColumn"] for r in results}
names = sorted(r["locations"][0]["logicalLocations"][0]["name"] for r in results)
assert len(columns) == 3 and names == ["first", "second", "third"], (columns, names)
PY
finish
