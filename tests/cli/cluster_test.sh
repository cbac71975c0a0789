#!/usr/bin/env bash
# The cluster as a live source, end to end against a Kubernetes API test server on 127.0.0.1:
# kubeconfig (token, client certificate, exec plugin, KUBECONFIG lists, tls-server-name),
# pagination, retries, a 410 on continue, errors, the real kubectl, and --from-cluster in every
# command giving what the same objects give offline.
source "$(dirname "$0")/lib.sh"
source "$NETOBS_SOURCE_DIR/tests/cli/kube_server.sh"

INVENTORY="$SAMPLES/flows/inventory.json"
POLICIES="$NETOBS_SOURCE_DIR/tests/data/cluster/policies.json"
make_pki
# Pages of 4 items, one expired continue token on pods, one 429 (Retry-After: 1) on services
# and one 500 on deployments: the client must get the same objects as a clean read.
start_server main --max-limit 4 --expire-continue /api/v1/pods --fault "/api/v1/services=429x1,retry-after=1" \
  --fault "/apis/apps/v1/deployments=500x1"
URL="https://127.0.0.1:$main_PORT"
kubeconfig "$WORK/token.kubeconfig" "$URL" "    token: $KUBE_TOKEN"

run connectivity "$POLICIES" --inventory "$INVENTORY"
cp "$WORK/out" "$WORK/offline.txt"
check "offline connectivity of the recorded objects" exit_is 0
run connectivity --from-cluster --kubeconfig "$WORK/token.kubeconfig"
check "connectivity --from-cluster exits 0" exit_is 0
check "connectivity --from-cluster equals the same objects offline" cmp -s "$WORK/out" "$WORK/offline.txt"
check "policy kinds whose CRD is not installed (404) are said nowhere" err_lacks "adminnetworkpolicies"

# The policies of CRDs the cluster serves are read with the NetworkPolicies: a Cilium deny rule.
printf '%s\n' '{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "cilium.io/v2", "kind": "CiliumNetworkPolicy",' \
  '"metadata": {"name": "orders-deny", "namespace": "orders"},' \
  '"spec": {"endpointSelector": {}, "ingressDeny": [{"fromEntities": ["all"]}]}}]}' >"$WORK/cilium.json"
start_server with_cilium --objects "$WORK/cilium.json"
kubeconfig "$WORK/cilium.kubeconfig" "https://127.0.0.1:$with_cilium_PORT" "    token: $KUBE_TOKEN"
run connectivity "$POLICIES" "$WORK/cilium.json" --inventory "$INVENTORY"
cp "$WORK/out" "$WORK/offline-cilium.txt"
check "offline connectivity with the Cilium policy differs" sh -c "! cmp -s '$WORK/offline-cilium.txt' '$WORK/offline.txt'"
run connectivity --from-cluster --kubeconfig "$WORK/cilium.kubeconfig"
check "connectivity --from-cluster reads the cluster's Cilium policies" cmp -s "$WORK/out" "$WORK/offline-cilium.txt"
check "the Cilium policies were listed" grep -q "GET /apis/cilium.io/v2/ciliumnetworkpolicies?limit=500 200" "$with_cilium_LOG"
check "pods were read in pages" grep -q "GET /api/v1/pods?limit=500&continue=" "$main_LOG"
check "an expired continue token restarted the list" grep -q "/api/v1/pods?limit=500&continue=.* 410" "$main_LOG"
check "a 429 was retried" grep -q "GET /api/v1/services?limit=500 429" "$main_LOG"
check "after the 429 the list was read" grep -q "GET /api/v1/services?limit=500 200" "$main_LOG"
check "a 500 was retried" grep -q "GET /apis/apps/v1/deployments?limit=500 500" "$main_LOG"
check "the token is not in the output" err_lacks "$KUBE_TOKEN"

run recommend "$SAMPLES/flows/vpc" --inventory "$INVENTORY" -q
cp "$WORK/out" "$WORK/offline.yaml"
run recommend "$SAMPLES/flows/vpc" --from-cluster --kubeconfig "$WORK/token.kubeconfig" -q
check "recommend --from-cluster exits 0" exit_is 0
check "recommend --from-cluster equals recommend --inventory" cmp -s "$WORK/out" "$WORK/offline.yaml"

run explain --from-cluster --kubeconfig "$WORK/token.kubeconfig" --from ui/ui --to catalog/catalog --port 8080
check "explain --from-cluster: ui to catalog is allowed" exit_is 0
run explain --from-cluster --kubeconfig "$WORK/token.kubeconfig" --from orders/orders --to catalog/catalog --port 8080
check "explain --from-cluster: orders to catalog is denied by the live default deny" exit_is 1

run lint --from-cluster --kubeconfig "$WORK/token.kubeconfig" --format json
check "lint --from-cluster checks the live policies" out_has '"policies": 3'

# -n scopes what is reported, never what is read: catalog's ingress policies decide what carts may
# reach, and checkout's pods are the other end of carts' rows.
run connectivity --from-cluster --kubeconfig "$WORK/token.kubeconfig" -n carts
check "connectivity -n carts: exit 0" exit_is 0
check "connectivity -n carts: rows toward namespaces outside -n (their pods were read)" \
  out_has "carts/carts[Deployment] => checkout/checkout[Deployment] : All Connections"
check "connectivity -n carts: catalog's ingress policies (outside -n) deny carts" \
  out_lacks "carts/carts[Deployment] => catalog/catalog[Deployment]"
check "connectivity -n carts: rows without carts are not reported" out_lacks "ui/ui[Deployment] => catalog/catalog[Deployment]"
check "connectivity -n carts: the summary says the scope" err_has "reported: namespace carts (every namespace was read)"
run explain --from-cluster --kubeconfig "$WORK/token.kubeconfig" -n carts --from carts --to catalog/catalog --port 8080
check "explain -n carts: carts to catalog is denied by catalog's policies" exit_is 1
check "explain -n carts: a bare name is of the namespace" out_has "DENIED: carts/carts[Deployment] => catalog/catalog[Deployment]"

# diff against the cluster: the recommendation for the sample replaces the live policies.
"$NETOBS" recommend "$SAMPLES/flows" --inventory "$INVENTORY" -q -o "$WORK/proposed.yaml"
run diff "$WORK/proposed.yaml" --kubeconfig "$WORK/token.kubeconfig" --flows "$SAMPLES/flows" --prune
check "diff against the cluster finds differences" exit_is 1
check "diff lists the removed live policy" out_has "removed NetworkPolicy orders/allow-all-ingress"
check "diff ignores what the server adds (uid)" out_lacks "uid:"
check "diff ignores what the server adds (managedFields)" out_lacks "managedFields"
check "diff: the live default deny blocks catalog-mysql, the proposal fixes it" out_has "fixed: TCP 3306 from catalog/catalog[Deployment] to catalog/catalog-mysql[StatefulSet]"
check "diff: nothing observed would break" out_has "Observed flows: 0 would break"
run diff "$WORK/proposed.yaml" --kubeconfig "$WORK/token.kubeconfig" --format json
check "diff --format json" exit_is 1
check "diff json carries the objects" out_has '"objects": ['

# graph --from-cluster overlays the policies the cluster enforces (no default deny assumed).
run graph "$SAMPLES/flows" --from-cluster --kubeconfig "$WORK/token.kubeconfig" --format json -q
check "graph --from-cluster exits 0" exit_is 0
check "graph --from-cluster: the live default deny blocks catalog-mysql, allow-all-ingress lets orders in" \
  python3 - "$WORK/out" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))
assert g["overlay"] is True
label = {n["id"]: n["label"] for n in g["nodes"]}
state = {(label[e["source"]], label[e["target"]], e["port"]): e["state"] for e in g["edges"]}
assert state[("catalog (Deployment)", "catalog-mysql (StatefulSet)", 3306)] == "blocked", state
assert state[("ui (Deployment)", "orders (Deployment)", 8080)] == "allowed", state
PY

# The real kubectl reads the same objects from the server.
if command -v kubectl >/dev/null; then
  kubectl --kubeconfig "$WORK/token.kubeconfig" get pods -A -o json >"$WORK/kubectl-pods.json" 2>"$WORK/err"
  code=$?
  check "kubectl get pods against the test server" exit_is 0
  check "kubectl sees every pod netobs sees" test "$(grep -c '"kind": "Pod"' "$WORK/kubectl-pods.json")" -eq 14
  kubectl --kubeconfig "$WORK/token.kubeconfig" get networkpolicies -A -o name >"$WORK/kubectl-np.txt" 2>"$WORK/err"
  code=$?
  check "kubectl get networkpolicies against the test server" exit_is 0
  check "kubectl lists the three recorded policies" test "$(wc -l <"$WORK/kubectl-np.txt")" -eq 3
else
  skip "the real kubectl reads the same objects" "kubectl is not installed (Debian 12 has no package; see scripts/install-test-tools.sh)"
fi

# Client certificate authentication (from files, relative to the kubeconfig) and -data.
cp "$WORK/pki/client.crt" "$WORK/pki/client.key" "$WORK/"
kubeconfig "$WORK/cert.kubeconfig" "$URL" "    client-certificate: client.crt
    client-key: client.key"
run connectivity --from-cluster --kubeconfig "$WORK/cert.kubeconfig"
check "client certificate files authenticate" exit_is 0
kubeconfig "$WORK/certdata.kubeconfig" "$URL" "    client-certificate-data: $(base64 -w0 "$WORK/pki/client.crt")
    client-key-data: $(base64 -w0 "$WORK/pki/client.key")"
run connectivity --from-cluster --kubeconfig "$WORK/certdata.kubeconfig"
check "client certificate data authenticates" exit_is 0

# An exec credential plugin, run once per process (cached until it expires).
cat >"$WORK/plugin.sh" <<PLUGIN
#!/bin/sh
echo run >>"$WORK/plugin.calls"
case "\$KUBERNETES_EXEC_INFO" in *'"interactive":false'*) ;; *) echo "not told it is non-interactive" >&2; exit 1 ;; esac
[ "\$1" = "--cluster" ] && [ "\$2" = "test" ] && [ "\$NETOBS_TEST_ENV" = "yes" ] || { echo "bad args or env" >&2; exit 1; }
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"2099-01-01T00:00:00Z"}}\n' "$KUBE_TOKEN"
PLUGIN
chmod +x "$WORK/plugin.sh"
kubeconfig "$WORK/exec.kubeconfig" "$URL" "    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./plugin.sh
      args: [--cluster, test]
      env: [{name: NETOBS_TEST_ENV, value: 'yes'}]
      interactiveMode: Never"
run connectivity --from-cluster --kubeconfig "$WORK/exec.kubeconfig"
check "an exec plugin's token authenticates" exit_is 0
check "the exec plugin ran once for the whole read" test "$(wc -l <"$WORK/plugin.calls")" -eq 1
# A token the server rejects (401) makes netobs ask the plugin once more.
cat >"$WORK/rotating-plugin.sh" <<PLUGIN
#!/bin/sh
echo run >>"$WORK/rotating.calls"
token=stale-token
[ "\$(wc -l <"$WORK/rotating.calls")" -gt 1 ] && token=$KUBE_TOKEN
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}\n' "\$token"
PLUGIN
chmod +x "$WORK/rotating-plugin.sh"
kubeconfig "$WORK/rotating.kubeconfig" "$URL" "    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./rotating-plugin.sh"
run connectivity --from-cluster --kubeconfig "$WORK/rotating.kubeconfig"
check "a credential the server rejects is asked for again" exit_is 0
check "the plugin ran twice: the rejected token, then the fresh one" test "$(wc -l <"$WORK/rotating.calls")" -eq 2
# Manifests that declare pods the cluster also has: each pod once.
python3 -c 'import json, sys
items = [i for i in json.load(open(sys.argv[1]))["items"] if i["kind"] == "Pod"]
json.dump({"apiVersion": "v1", "kind": "List", "items": items}, open(sys.argv[2], "w"))' "$INVENTORY" "$WORK/pods.json"
run connectivity "$POLICIES" "$WORK/pods.json"
cp "$WORK/out" "$WORK/offline-pods.txt"
run connectivity --from-cluster --kubeconfig "$WORK/token.kubeconfig" "$WORK/pods.json"
check "manifests and the cluster together exit 0" exit_is 0
check "a pod both declare is counted once, as the file has it" cmp -s "$WORK/out" "$WORK/offline-pods.txt"
cat >"$WORK/bad-plugin.sh" <<'PLUGIN'
#!/bin/sh
echo "token expired, run aws sso login" >&2
exit 1
PLUGIN
chmod +x "$WORK/bad-plugin.sh"
kubeconfig "$WORK/badexec.kubeconfig" "$URL" "    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: ./bad-plugin.sh"
run connectivity --from-cluster --kubeconfig "$WORK/badexec.kubeconfig"
check "a failing exec plugin is an input error" exit_is 3
check "a failing exec plugin is named with its message" err_has "bad-plugin.sh' (from $WORK/badexec.kubeconfig)"
check "a failing exec plugin's stderr is shown" err_has "run aws sso login"

# KUBECONFIG as a path list: contexts in one file, the cluster and user in another.
cat >"$WORK/contexts.kubeconfig" <<KC
apiVersion: v1
kind: Config
current-context: second
contexts:
- name: second
  context: {cluster: test, user: tester}
KC
KUBECONFIG="$WORK/missing.kubeconfig:$WORK/contexts.kubeconfig:$WORK/token.kubeconfig" run connectivity --from-cluster
check "KUBECONFIG path lists are merged in order" exit_is 0
run connectivity --from-cluster --kubeconfig "$WORK/token.kubeconfig" --context nope
check "an unknown context is a usage error" exit_is 2
check "an unknown context is named" err_has "no context named 'nope'"

# tls-server-name: verified against the certificate instead of the address.
kubeconfig "$WORK/sni.kubeconfig" "$URL" "    token: $KUBE_TOKEN" "    tls-server-name: kube.test"
run connectivity --from-cluster --kubeconfig "$WORK/sni.kubeconfig"
check "tls-server-name in the certificate is accepted" exit_is 0
kubeconfig "$WORK/badsni.kubeconfig" "$URL" "    token: $KUBE_TOKEN" "    tls-server-name: other.test"
run connectivity --from-cluster --kubeconfig "$WORK/badsni.kubeconfig"
check "tls-server-name not in the certificate fails" exit_is 3
check "tls-server-name failure is a TLS failure" err_has "TLS failure"

# proxy-url: the requests go through the proxy (a CONNECT tunnel to the server).
start_proxy
kubeconfig "$WORK/proxy.kubeconfig" "$URL" "    token: $KUBE_TOKEN" "    proxy-url: http://127.0.0.1:$PROXY_PORT"
run connectivity --from-cluster --kubeconfig "$WORK/proxy.kubeconfig"
check "proxy-url: the cluster is read through the proxy" exit_is 0
check "proxy-url: the proxy tunnelled to the server" grep -q "CONNECT 127.0.0.1:$main_PORT" "$PROXY_LOG"

# Failures: bad token, wrong CA, forbidden, unreachable, slow.
kubeconfig "$WORK/badtoken.kubeconfig" "$URL" "    token: wrong-secret-token"
run connectivity --from-cluster --kubeconfig "$WORK/badtoken.kubeconfig"
check "a rejected token is an input error" exit_is 3
check "a rejected token says 401" err_has "unauthorized (401)"
check "a rejected token is never printed" err_lacks "wrong-secret-token"
sed "s|certificate-authority-data: .*|certificate-authority-data: $(base64 -w0 "$WORK/pki/other-ca.crt")|" \
  "$WORK/token.kubeconfig" >"$WORK/badca.kubeconfig"
run connectivity --from-cluster --kubeconfig "$WORK/badca.kubeconfig"
check "a server certificate from another CA fails" exit_is 3
check "a wrong CA is reported as a TLS failure" err_has "TLS failure"
sed "s|certificate-authority-data: .*|insecure-skip-tls-verify: true|" "$WORK/token.kubeconfig" >"$WORK/insecure.kubeconfig"
run connectivity --from-cluster --kubeconfig "$WORK/insecure.kubeconfig"
check "insecure-skip-tls-verify turns verification off" exit_is 0

start_server forbidding --forbid networkpolicies --forbid nodes
kubeconfig "$WORK/forbid.kubeconfig" "https://127.0.0.1:$forbidding_PORT" "    token: $KUBE_TOKEN"
run connectivity --from-cluster --kubeconfig "$WORK/forbid.kubeconfig"
check "forbidden policies are an input error" exit_is 3
check "403 names the verb and resource" err_has "forbidden (403): user 'tester' may not list networkpolicies in all namespaces"
run connectivity --from-cluster --kubeconfig "$WORK/forbid.kubeconfig" -n catalog
check "-n with a cluster-wide list forbidden: an input error" exit_is 3
check "-n with a cluster-wide list forbidden: every namespace is still read" \
  err_has "may not list networkpolicies in all namespaces"
check "-n with a cluster-wide list forbidden: says why every namespace is needed" \
  err_has "reporting on namespace catalog needs read access to every namespace"
check "-n with a cluster-wide list forbidden: no partial result" out_empty

# Optional resources (Endpoints, EndpointSlices, Jobs, CronJobs) the user may not list (403) or the
# server does not serve (404): a warning naming the resource and what is lost, not a failed run.
# Two servers, so each resource is seen both ways.
start_server optional_a --forbid endpoints --forbid jobs --unserved endpointslices --unserved cronjobs
start_server optional_b --unserved endpoints --unserved jobs --forbid endpointslices --forbid cronjobs
for server in optional_a optional_b; do
  port_var="${server}_PORT"
  kubeconfig "$WORK/$server.kubeconfig" "https://127.0.0.1:${!port_var}" "    token: $KUBE_TOKEN"
  run recommend "$SAMPLES/flows/vpc" --from-cluster --kubeconfig "$WORK/$server.kubeconfig" -q
  check "$server: recommend without optional resources exits 0" exit_is 0
  check "$server: the policies are written" out_has "kind: NetworkPolicy"
  run connectivity --from-cluster --kubeconfig "$WORK/$server.kubeconfig"
  check "$server: connectivity without optional resources exits 0" exit_is 0
  check "$server: jobs: what is lost" err_has "warning: jobs: "
  check "$server: cronjobs: what is lost" \
    err_has "; without them CronJobs that did not run in the window are not listed as cut off by a default deny"
done
run recommend "$SAMPLES/flows/vpc" --from-cluster --kubeconfig "$WORK/optional_a.kubeconfig" -q
check "403 on endpoints is a warning naming the resource, the user and what is lost" \
  err_has "netobs recommend: warning: endpoints: https://127.0.0.1:$optional_a_PORT: forbidden (403): user 'tester' may not list endpoints in all namespaces"
check "the endpoints warning says what is lost" \
  err_has "without them the addresses behind Services without a selector (the API server's, default/kubernetes) are known only where EndpointSlices list them"
check "404 on endpointslices is a warning naming the resource" \
  err_has "netobs recommend: warning: endpointslices: cluster test (https://127.0.0.1:$optional_a_PORT) does not serve them (404); without them"
check "404 on cronjobs is a warning" err_has "warning: cronjobs: cluster test (https://127.0.0.1:$optional_a_PORT) does not serve them (404)"
check "403 on jobs is a warning" err_has "warning: jobs: https://127.0.0.1:$optional_a_PORT: forbidden (403)"
check "a 404 on an optional resource does not ask whether this is an API server" err_lacks "is this a Kubernetes API server"
run recommend "$SAMPLES/flows/vpc" --from-cluster --kubeconfig "$WORK/optional_b.kubeconfig" -q
check "404 on endpoints is a warning" err_has "warning: endpoints: cluster test (https://127.0.0.1:$optional_b_PORT) does not serve them (404)"
check "403 on endpointslices is a warning" err_has "warning: endpointslices: https://127.0.0.1:$optional_b_PORT: forbidden (403)"
# Pods, namespaces and policies stay required, as 403 and as 404.
start_server required --forbid pods
kubeconfig "$WORK/required.kubeconfig" "https://127.0.0.1:$required_PORT" "    token: $KUBE_TOKEN"
run recommend "$SAMPLES/flows/vpc" --from-cluster --kubeconfig "$WORK/required.kubeconfig" -q
check "forbidden pods are an input error" exit_is 3
check "forbidden pods are named" err_has "may not list pods in all namespaces"
start_server required_ns --forbid namespaces
kubeconfig "$WORK/required_ns.kubeconfig" "https://127.0.0.1:$required_ns_PORT" "    token: $KUBE_TOKEN"
run connectivity --from-cluster --kubeconfig "$WORK/required_ns.kubeconfig"
check "forbidden namespaces are an input error" exit_is 3
check "forbidden namespaces are named" err_has "may not list namespaces"
start_server unserved_policies --unserved networkpolicies
kubeconfig "$WORK/unserved_policies.kubeconfig" "https://127.0.0.1:$unserved_policies_PORT" "    token: $KUBE_TOKEN"
run connectivity --from-cluster --kubeconfig "$WORK/unserved_policies.kubeconfig"
check "unserved networkpolicies are an input error" exit_is 3
check "unserved networkpolicies say 404" err_has "not found (404)"

start_server slow --slow /api/v1/namespaces=5
kubeconfig "$WORK/slow.kubeconfig" "https://127.0.0.1:$slow_PORT" "    token: $KUBE_TOKEN"
run connectivity --from-cluster --kubeconfig "$WORK/slow.kubeconfig" --request-timeout 1
check "a server slower than --request-timeout is an input error" exit_is 3
check "a timeout is reported" err_has "timed out"

kubeconfig "$WORK/closed.kubeconfig" "https://127.0.0.1:1" "    token: $KUBE_TOKEN"
run connectivity --from-cluster --kubeconfig "$WORK/closed.kubeconfig"
check "an unreachable server is an input error" exit_is 3
check "an unreachable server is named" err_has "https://127.0.0.1:1/"

HOME="$WORK/nohome" KUBECONFIG= KUBERNETES_SERVICE_HOST= run connectivity --from-cluster
check "no kubeconfig at all is an input error (nothing to read, not a wrong option)" exit_is 3
check "no kubeconfig says what to do" err_has "give --kubeconfig"
HOME="$WORK/nohome" KUBECONFIG= KUBERNETES_SERVICE_HOST= run diff "$NETOBS_SOURCE_DIR/tests/golden/lint/clean/policies.yaml"
check "diff without a kubeconfig is an input error" exit_is 3
check "diff without a kubeconfig points to an offline diff" err_has "--live"

finish
