# Helpers for suites that need a Kubernetes API test server: makes a CA and certificates with
# openssl, starts tests/testutil/kube_api_server.py on 127.0.0.1 and writes kubeconfigs.
# Sourced after lib.sh; every server started here is stopped when the suite exits.
KUBE_SERVER="$NETOBS_SOURCE_DIR/tests/testutil/kube_api_server.py"
KUBE_TOKEN="netobs-test-token-5f2c"
KUBE_PIDS=()
trap 'for pid in "${KUBE_PIDS[@]}"; do kill "$pid" 2>/dev/null; done; rm -rf "$WORK"' EXIT

command -v python3 >/dev/null && command -v openssl >/dev/null ||
  skip_suite "python3 and openssl are needed for the API test server (scripts/install-test-tools.sh installs them)"

# make_pki: a CA, a server certificate for 127.0.0.1 and kube.test, a client CA and a client
# certificate, all in $WORK/pki.
make_pki() {
  local d="$WORK/pki"
  mkdir -p "$d"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=netobs test CA" \
    -keyout "$d/ca.key" -out "$d/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube.test" -keyout "$d/server.key" -out "$d/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:kube.test,IP:127.0.0.1\n' >"$d/server.ext"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 2 \
    -extfile "$d/server.ext" -out "$d/server.crt" 2>/dev/null
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=netobs test client CA" \
    -keyout "$d/client-ca.key" -out "$d/client-ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=tester/O=system:masters" -keyout "$d/client.key" \
    -out "$d/client.csr" 2>/dev/null
  openssl x509 -req -in "$d/client.csr" -CA "$d/client-ca.crt" -CAkey "$d/client-ca.key" -CAcreateserial \
    -days 2 -out "$d/client.crt" 2>/dev/null
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=some other CA" \
    -keyout "$d/other-ca.key" -out "$d/other-ca.crt" 2>/dev/null
}

# wait_for_file FILE: up to 30 s for a server to write its port. A server that never does fails
# the suite here: every later check would otherwise talk to an empty port and wait out netobs's
# retry budget.
wait_for_file() {
  local i
  for ((i = 0; i < 300; i++)); do
    [ -s "$1" ] && return 0
    sleep 0.1
  done
  echo "FAIL: no test server wrote $1 within 30 s (its stderr: ${1%.port}.stderr)"
  exit 1
}

# start_server NAME ARGS...: starts a server (objects: the sample inventory and the recorded
# policies) and sets ${NAME}_PORT and ${NAME}_LOG.
start_server() {
  local name=$1
  shift
  local port_file="$WORK/$name.port"
  python3 "$KUBE_SERVER" --cert "$WORK/pki/server.crt" --key "$WORK/pki/server.key" \
    --client-ca "$WORK/pki/client-ca.crt" --token "$KUBE_TOKEN" \
    --objects "$SAMPLES/flows/inventory.json" --objects "$NETOBS_SOURCE_DIR/tests/data/cluster/policies.json" \
    --port-file "$port_file" --log "$WORK/$name.log" --lifetime 300 "$@" 2>"$WORK/$name.stderr" &
  KUBE_PIDS+=($!)
  wait_for_file "$port_file"
  printf -v "${name}_PORT" '%s' "$(cat "$port_file")"
  printf -v "${name}_LOG" '%s' "$WORK/$name.log"
}

# start_proxy: an HTTP CONNECT proxy on 127.0.0.1; sets PROXY_PORT and PROXY_LOG.
start_proxy() {
  python3 "$NETOBS_SOURCE_DIR/tests/testutil/connect_proxy.py" --port-file "$WORK/proxy.port" \
    --log "$WORK/proxy.log" --lifetime 300 &
  KUBE_PIDS+=($!)
  wait_for_file "$WORK/proxy.port"
  PROXY_PORT=$(cat "$WORK/proxy.port")
  PROXY_LOG="$WORK/proxy.log"
}

# kubeconfig FILE SERVER_URL USER_YAML [CLUSTER_EXTRA_YAML]: writes a kubeconfig with the test CA.
kubeconfig() {
  local file=$1 server=$2 user=$3 extra=${4:-}
  cat >"$file" <<KUBECONFIG
apiVersion: v1
kind: Config
current-context: test
clusters:
- name: test
  cluster:
    server: $server
    certificate-authority-data: $(base64 -w0 "$WORK/pki/ca.crt")
$extra
contexts:
- name: test
  context:
    cluster: test
    user: tester
users:
- name: tester
  user:
$user
KUBECONFIG
}
