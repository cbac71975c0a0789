#!/usr/bin/env bash
# `netobs graph` end to end: Graphviz's real dot accepts the DOT output and renders the SVG and
# the HTML page (checked as XML and HTML, with every end and edge); without dot, a clear error and
# no file; bad options and policies fail with the right codes.
source "$(dirname "$0")/lib.sh"

FLOWS="$SAMPLES/flows"
INVENTORY="$FLOWS/inventory.json"
POLICIES="$NETOBS_SOURCE_DIR/tests/golden/graph/overlay-json/policies.yaml"

command -v dot >/dev/null || skip_suite "Graphviz's dot is not installed (scripts/install-test-tools.sh installs it)"

run graph "$FLOWS" --inventory "$INVENTORY" -q
check "dot output" exit_is 0
cp "$WORK/out" "$WORK/graph.dot"
dot -Tsvg "$WORK/graph.dot" >"$WORK/direct.svg" 2>"$WORK/dot.err"
code=$?
check "real dot accepts the DOT output" exit_is 0
check "real dot accepts the DOT output without a warning" test ! -s "$WORK/dot.err"
# dot renders empty input as an empty SVG without a word: the drawing must have the graph's
# edges, one SVG edge per DOT edge statement, and there are many.
dot_edges=$(grep -c -- ' -> ' "$WORK/graph.dot")
svg_edges=$(grep -c 'class="edge"' "$WORK/direct.svg")
check "the DOT output is a digraph" grep -q '^digraph' "$WORK/graph.dot"
check "the DOT output has the sample's edges ($dot_edges)" test "$dot_edges" -ge 10
check "dot drew every edge ($svg_edges of $dot_edges)" test "$svg_edges" -eq "$dot_edges"

run graph "$FLOWS" --inventory "$INVENTORY" --policies "$POLICIES" --format json -q
cp "$WORK/out" "$WORK/graph.json"
run graph "$FLOWS" --inventory "$INVENTORY" --policies "$POLICIES" --format svg -o "$WORK/graph.svg"
check "svg exits 0" exit_is 0
check "svg: stdout is empty with -o" out_empty
# Every node of the JSON graph is a node of the SVG (dot titles nodes by id), every edge an edge.
check "svg is XML with every node and edge" python3 - "$WORK/graph.svg" "$WORK/graph.json" <<'PY'
import json, sys, xml.etree.ElementTree as ET
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(sys.argv[1]).getroot()
graph = json.load(open(sys.argv[2]))
titles = {g.find("s:title", ns).text for g in root.iter("{http://www.w3.org/2000/svg}g") if g.find("s:title", ns) is not None}
for node in graph["nodes"]:
    assert node["id"] in titles, node
pairs = {(e["source"], e["target"]) for e in graph["edges"]}
for a, b in pairs:
    assert f"{a}->{b}" in titles, (a, b)
clusters = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "cluster"]
assert len(clusters) == len({n["namespace"] for n in graph["nodes"] if n["kind"] == "workload"}), len(clusters)
assert "#cf222e" in open(sys.argv[1]).read(), "no blocked edge drawn in red"
PY

run graph "$FLOWS" --inventory "$INVENTORY" --policies "$POLICIES" --format html -o "$WORK/graph.html"
check "html exits 0" exit_is 0
check "html is one page: the SVG inline, a legend, a row per edge" python3 - "$WORK/graph.html" "$WORK/graph.json" <<'PY'
import json, sys
from html.parser import HTMLParser
class Page(HTMLParser):
    def __init__(self):
        super().__init__(); self.tags = []; self.rows = 0; self.fetches = []
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr": self.rows += 1
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("#"): self.fetches.append(value)
text = open(sys.argv[1]).read()
page = Page(); page.feed(text)
graph = json.load(open(sys.argv[2]))
assert text.startswith("<!DOCTYPE html>"), text[:40]
assert "<?xml" not in text and "<!DOCTYPE svg" not in text
assert "svg" in page.tags and "table" in page.tags and "ul" in page.tags
assert page.rows == len(graph["edges"]) + 1, (page.rows, len(graph["edges"]))
assert text.count('class="blocked"') == sum(e["state"] == "blocked" for e in graph["edges"])
assert not page.fetches, page.fetches  # self-contained
PY

# Without dot: an error that names the package, exit 3, and no file.
mkdir -p "$WORK/empty-path"
PATH="$WORK/empty-path" "$NETOBS" graph "$FLOWS" --inventory "$INVENTORY" --format svg -o "$WORK/none.svg" >"$WORK/out" 2>"$WORK/err"
code=$?
check "no dot: exit 3" exit_is 3
check "no dot: the message names the package" err_has "apt install graphviz"
check "no dot: no file written" test ! -e "$WORK/none.svg"

run graph "$FLOWS" --inventory "$INVENTORY" --format xml
check "unknown --format: usage error" exit_is 2
check "unknown --format: lists the allowed" err_has "dot, mermaid, json, svg, html"
run graph --inventory "$INVENTORY"
check "no flows: usage error" exit_is 2
run graph "$FLOWS" --inventory "$INVENTORY" --policies "$WORK/missing.yaml"
check "missing --policies: exit 3" exit_is 3
check "missing --policies: names the file" err_has "$WORK/missing.yaml"
printf 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x\n' >"$WORK/broken.yaml"
run graph "$FLOWS" --inventory "$INVENTORY" --policies "$WORK/broken.yaml"
check "broken --policies: exit 3" exit_is 3
check "broken --policies: file and line" err_has "broken.yaml:"
run graph "$FLOWS" --inventory "$INVENTORY" --policies "$INVENTORY"
check "--policies without a NetworkPolicy: exit 3" exit_is 3
check "--policies without a policy: says so" err_has "no policy netobs evaluates in $INVENTORY"
# Policies of any kind the engine reads colour the edges: the cilium kind's recommendation allows
# every observed edge; a Baseline deny-all blocks them, named at its rule.
"$NETOBS" recommend "$FLOWS" --inventory "$INVENTORY" -q --output-kind cilium >"$WORK/cilium.yaml" 2>/dev/null
run graph "$FLOWS" --inventory "$INVENTORY" --policies "$WORK/cilium.yaml" --format json
check "--policies of the cilium kind: drawn" exit_is 0
check "--policies of the cilium kind: observed edges allowed" out_has '"state": "allowed"'
check "--policies of the cilium kind: none blocked" out_lacks '"state": "blocked"'
printf 'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: default}\nspec:\n  subject: {namespaces: {}}\n  egress: [{name: deny-all, action: Deny, to: [{namespaces: {}}]}]\n' >"$WORK/banp.yaml"
run graph "$FLOWS" --inventory "$INVENTORY" --policies "$WORK/banp.yaml" --format json
check "--policies of a Baseline tier only: drawn" exit_is 0
check "--policies of a Baseline tier: the deny rule is named" out_has "egress rule 1 (deny-all)"
run graph "$FLOWS" --inventory "$INVENTORY" --format mermaid -q -n orders
check "mermaid focus" exit_is 0
check "mermaid focus keeps the outside peer of orders" out_has '{{"10.0.4.50"}}'
check "mermaid focus drops what orders does not touch" out_lacks "catalog-mysql"
finish
