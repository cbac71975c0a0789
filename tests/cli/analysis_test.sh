#!/usr/bin/env bash
# connectivity, explain and lint end to end: exit codes, formats, messages.
source "$(dirname "$0")/lib.sh"

MANIFESTS="$NETOBS_SOURCE_DIR/tests/golden/connectivity/manifests.yaml"
LINT_CASES="$NETOBS_SOURCE_DIR/tests/golden/lint"

run connectivity "$MANIFESTS"
check "connectivity exits 0" exit_is 0
check "connectivity lists web => db" out_has "shop/web[Deployment] => shop/db[StatefulSet] : TCP 5432"
run connectivity "$WORK/missing.yaml"
check "connectivity of a missing path is an input error" exit_is 3
check "connectivity names the missing path" err_has "missing.yaml"
printf 'kind: List\nitems: [\n' >"$WORK/broken.yaml"
run connectivity "$WORK/broken.yaml" --strict-input
check "broken YAML with --strict-input is an input error" exit_is 3
check "broken YAML names file and line" err_has "broken.yaml:3: invalid YAML"
# Without --strict-input a file that does not parse is reported and the others are analysed.
mkdir -p "$WORK/repo/templates"
cp "$WORK/broken.yaml" "$WORK/repo/broken.yaml"
printf 'apiVersion: v1\nkind: NetworkPolicy\nmetadata:\n  name: {{ .Values.name }}\n  labels: {{- include "x" . }}\n' \
  >"$WORK/repo/templates/np.yaml"
printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: shop, labels: {app: db}}\n---\nkind: List\napiVersion: v1\nitems:\n' \
  >"$WORK/repo/pods.yaml"
run connectivity "$WORK/repo"
check "connectivity goes on past files that do not parse" exit_is 0
check "connectivity still lists the other files' workloads" out_has "shop/web[Pod] => shop/db[Pod] : All Connections"
check "connectivity reports the broken file with its line" err_has "broken.yaml:3: invalid YAML"
check "a Helm template gets a hint" err_has "it looks like a Helm or Go template"
check "an empty List is not called unused" err_lacks "kind List is not used"
run explain "$WORK/repo" --from shop/web --to shop/db --port 80
check "explain goes on past files that do not parse" exit_is 0
check "explain reports them" err_has "broken.yaml:3"
run lint "$WORK/repo" --format json
check "lint reports a file that does not parse as a finding" exit_is 1
check "lint names the unparsable-file rule" out_has '"rule": "unparsable-file"'
run lint "$WORK/repo" --strict-input
check "lint --strict-input stops at it" exit_is 3
run connectivity "$MANIFESTS" --format svg
check "unknown connectivity format is a usage error" exit_is 2
run connectivity "$MANIFESTS" -o "$WORK/conn.txt"
check "connectivity -o writes the file" grep -q "=> shop/db" "$WORK/conn.txt"
mkdir -p "$WORK/dir"
echo "# notes" >"$WORK/dir/README.md"
cp "$MANIFESTS" "$WORK/dir/m.yaml"
run connectivity "$WORK/dir"
check "files that are not manifests are skipped with a note" err_has "README.md: skipped"

run explain "$MANIFESTS" --from shop/web --to shop/db --port 5432
check "allowed connection exits 0" exit_is 0
check "explain says ALLOWED" out_has "ALLOWED: shop/web[Deployment] => shop/db[StatefulSet] TCP 5432"
run explain "$MANIFESTS" --from shop/db --to shop/web --port 8080
check "denied connection exits 1" exit_is 1
check "explain says DENIED" out_has "DENIED"
run explain "$MANIFESTS" --from shop/web --to shop/db --port 80/icmp
check "bad --port is a usage error" exit_is 2
run explain "$MANIFESTS" --from web --to shop/db --port 80
check "bad --from is a usage error" exit_is 2
run explain "$MANIFESTS" --from shop/nope --to shop/db --port 80
check "unknown workload is an input error" exit_is 3

run lint "$LINT_CASES/clean/policies.yaml"
check "clean policies exit 0" exit_is 0
run lint "$LINT_CASES/protocol-omitted/policies.yaml"
check "warnings alone exit 0 by default" exit_is 0
run lint "$LINT_CASES/protocol-omitted/policies.yaml" --fail-on warning
check "warnings exit 1 with --fail-on warning" exit_is 1
run lint "$LINT_CASES/invalid-port/policies.yaml"
check "errors exit 1" exit_is 1
check "diagnostics read like a compiler's" out_has "policies.yaml:11:14: error: port 70000 is not in 1-65535 [invalid-port]"
run lint "$LINT_CASES/invalid-port/policies.yaml" --format sarif
check "sarif names its version" out_has '"version": "2.1.0"'
check "sarif carries regions" out_has '"startLine": 11'
run lint "$LINT_CASES/invalid-port/policies.yaml" --format github
check "github annotations" out_has "::error file="
run lint "$LINT_CASES/invalid-port/policies.yaml" --format markdown
check "markdown without --list-rules is a usage error" exit_is 2
run lint
check "lint without paths is a usage error" exit_is 2
run lint --list-rules --format markdown
check "--list-rules --format markdown is docs/lint-rules.md" cmp -s "$WORK/out" "$NETOBS_SOURCE_DIR/docs/lint-rules.md"
run lint "$WORK/missing.yaml"
check "lint of a missing path is an input error" exit_is 3

# diff shows a policy as it was written: an ingress-only policy without egress has no egress field.
cat >"$WORK/ingress-only.yaml" <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ingress-only, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {}}]}]
YAML
run diff "$WORK/ingress-only.yaml" --live "$SAMPLES/flows/inventory.json"
check "diff: an ingress-only policy is added" out_has "+++ proposed/shop/ingress-only"
check "diff: its ingress is shown" out_has "+  ingress:"
check "diff: no egress field it was written without" out_lacks "egress"
finish
