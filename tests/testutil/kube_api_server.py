#!/usr/bin/env python3
"""A Kubernetes API test server for netobs's end-to-end tests (loopback only).

Serves recorded objects (JSON `kind: List` files) the way the API server does: discovery
(/api, /apis, /api/v1, /apis/GROUP/VERSION), lists per resource, cluster-wide and per namespace,
with `limit`/`continue` pagination, single namespaces, and Status objects for errors. TLS with a
certificate the test made; bearer-token and client-certificate authentication; injected faults
(status codes with Retry-After, an expiring continue token, slow answers). Every request is
logged as one line "METHOD PATH?QUERY STATUS" (never a token) for the test to check.
"""
import argparse
import base64
import http.server
import json
import ssl
import sys
import threading
import time
import urllib.parse

from serve import serve

RESOURCES = {
    # plural: (group path, kind, namespaced)
    "namespaces": ("/api/v1", "Namespace", False),
    "nodes": ("/api/v1", "Node", False),
    "pods": ("/api/v1", "Pod", True),
    "services": ("/api/v1", "Service", True),
    "endpoints": ("/api/v1", "Endpoints", True),
    "endpointslices": ("/apis/discovery.k8s.io/v1", "EndpointSlice", True),
    "deployments": ("/apis/apps/v1", "Deployment", True),
    "replicasets": ("/apis/apps/v1", "ReplicaSet", True),
    "statefulsets": ("/apis/apps/v1", "StatefulSet", True),
    "daemonsets": ("/apis/apps/v1", "DaemonSet", True),
    "jobs": ("/apis/batch/v1", "Job", True),
    "cronjobs": ("/apis/batch/v1", "CronJob", True),
    "networkpolicies": ("/apis/networking.k8s.io/v1", "NetworkPolicy", True),
    # A CRD's policies (the other policy kinds netobs reads are not installed here: 404).
    "ciliumnetworkpolicies": ("/apis/cilium.io/v2", "CiliumNetworkPolicy", True),
}
GROUPS = ["apps/v1", "batch/v1", "cilium.io/v2", "discovery.k8s.io/v1", "networking.k8s.io/v1"]


class State:
    def __init__(self, args):
        self.objects = {}  # kind -> [object]
        for path in args.objects:
            with open(path, encoding="utf-8") as f:
                for item in json.load(f)["items"]:
                    self.objects.setdefault(item["kind"], []).append(item)
        self.tokens = set(args.token)
        self.faults = []  # [prefix, status, remaining, retry_after]
        for spec in args.fault:
            prefix, _, rest = spec.partition("=")
            parts = rest.split(",")
            status, _, count = parts[0].partition("x")
            retry_after = None
            for p in parts[1:]:
                if p.startswith("retry-after="):
                    retry_after = p.split("=", 1)[1]
            self.faults.append([prefix, int(status), int(count or 1), retry_after])
        self.expire_continue = set(args.expire_continue)
        self.slow = {}
        for spec in args.slow:
            prefix, _, seconds = spec.partition("=")
            self.slow[prefix] = float(seconds)
        self.watch_events = []
        if args.watch_events:
            with open(args.watch_events, encoding="utf-8") as f:
                self.watch_events = [json.loads(line) for line in f if line.strip()]
        self.watch_gone = args.watch_gone
        self.watch_hold = args.watch_hold
        self.max_limit = args.max_limit
        self.forbid = set(args.forbid)
        self.unserved = set(args.unserved)
        self.lock = threading.Lock()
        self.log = open(args.log, "a", encoding="utf-8") if args.log else None

    def fault_for(self, path):
        with self.lock:
            for fault in self.faults:
                if path.startswith(fault[0]) and fault[2] > 0:
                    fault[2] -= 1
                    return fault[1], fault[3]
        return None

    def record(self, line):
        if self.log:
            with self.lock:
                self.log.write(line + "\n")
                self.log.flush()


def status_body(code, reason, message):
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": message, "reason": reason, "code": code}


def resource_list(group_version):
    resources = []
    for plural, (group_path, kind, namespaced) in sorted(RESOURCES.items()):
        gv = "v1" if group_path == "/api/v1" else group_path[len("/apis/"):]
        if gv == group_version:
            resources.append({"name": plural, "singularName": kind.lower(), "namespaced": namespaced,
                              "kind": kind, "verbs": ["get", "list", "watch"]})
    return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": group_version, "resources": resources}


def make_handler(state):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # the request log is ours, without headers
            pass

        def send_json(self, code, body, extra=None):
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
            state.record(f"GET {self.path} {code}")

        def authenticated(self):
            auth = self.headers.get("Authorization", "")
            if auth.startswith("Bearer ") and auth[len("Bearer "):] in state.tokens:
                return True
            cert = self.connection.getpeercert() if hasattr(self.connection, "getpeercert") else None
            return bool(cert)

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            path = url.path.rstrip("/") or "/"
            query = urllib.parse.parse_qs(url.query)
            for prefix, seconds in state.slow.items():
                if path.startswith(prefix):
                    time.sleep(seconds)
            if not self.authenticated():
                return self.send_json(401, status_body(401, "Unauthorized", "Unauthorized"))
            fault = state.fault_for(path)
            if fault:
                code, retry_after = fault
                extra = {"Retry-After": retry_after} if retry_after else None
                return self.send_json(code, status_body(code, "InjectedFault", f"injected {code}"), extra)
            if path == "/version":
                return self.send_json(200, {"major": "1", "minor": "31", "gitVersion": "v1.31.0-netobs-test"})
            if path == "/api":
                return self.send_json(200, {"kind": "APIVersions", "versions": ["v1"],
                                            "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]})
            if path == "/apis":
                groups = []
                for gv in GROUPS:
                    name, version = gv.split("/")
                    entry = {"groupVersion": gv, "version": version}
                    groups.append({"name": name, "versions": [entry], "preferredVersion": entry})
                return self.send_json(200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
            if path == "/api/v1":
                return self.send_json(200, resource_list("v1"))
            if path.startswith("/apis/") and path.count("/") == 3:
                return self.send_json(200, resource_list(path[len("/apis/"):]))
            return self.serve_objects(path, query)

        def serve_objects(self, path, query):
            for plural, (group_path, kind, namespaced) in RESOURCES.items():
                namespace = None
                if path == f"{group_path}/{plural}":
                    pass
                elif namespaced and path.startswith(f"{group_path}/namespaces/") and path.endswith(f"/{plural}"):
                    namespace = path[len(f"{group_path}/namespaces/"):-len(f"/{plural}")]
                elif plural == "namespaces" and path.startswith("/api/v1/namespaces/") and path.count("/") == 4:
                    name = path.rsplit("/", 1)[1]
                    for item in state.objects.get("Namespace", []):
                        if item["metadata"]["name"] == name:
                            return self.send_json(200, dict(item, apiVersion="v1"))
                    return self.send_json(404, status_body(404, "NotFound", f'namespaces "{name}" not found'))
                else:
                    continue
                if plural in state.unserved:
                    return self.send_json(404, status_body(404, "NotFound", "the server could not find the requested resource"))
                if plural in state.forbid:
                    scope = f'in the namespace "{namespace}"' if namespace else "at the cluster scope"
                    return self.send_json(403, status_body(403, "Forbidden", f'{plural} is forbidden: User "test" cannot list resource "{plural}" {scope}'))
                if query.get("watch", ["0"])[0] in ("1", "true"):
                    return self.send_watch(path, query, kind)
                items = [i for i in state.objects.get(kind, [])
                         if namespace is None or i["metadata"].get("namespace", "default") == namespace]
                return self.send_list(path, query, kind, group_path, items)
            return self.send_json(404, status_body(404, "NotFound", "the server could not find the requested resource"))

        def send_watch(self, path, query, kind):
            """A watch stream: the recorded events newer than resourceVersion, then silence until
            --watch-hold ends it, as the API server's watch timeout does. The first --watch-gone
            watches get a 410 ERROR event instead (the version is too old: list again)."""
            since = int(query.get("resourceVersion", ["0"])[0] or 0)
            state.record(f"WATCH {self.path} 200")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()

            def chunk(data):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                self.wfile.flush()

            try:
                with state.lock:
                    gone = state.watch_gone > 0
                    if gone:
                        state.watch_gone -= 1
                if gone:
                    chunk(json.dumps({"type": "ERROR", "object": status_body(410, "Expired", "too old resource version")}).encode() + b"\n")
                else:
                    for event in state.watch_events:
                        if event["object"].get("kind", kind) == kind and int(event["object"]["metadata"]["resourceVersion"]) > since:
                            chunk(json.dumps(event).encode() + b"\n")
                    time.sleep(state.watch_hold)
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                pass

        def send_list(self, path, query, kind, group_path, items):
            start = 0
            token = query.get("continue", [""])[0]
            if token:
                if path in state.expire_continue:
                    state.expire_continue.discard(path)
                    return self.send_json(410, status_body(410, "Expired", "The provided continue parameter is too old"))
                start = int(base64.b64decode(token).decode())
            limit = int(query.get("limit", ["0"])[0] or 0)
            if state.max_limit and (limit == 0 or limit > state.max_limit):
                limit = state.max_limit
            end = len(items) if limit == 0 else min(len(items), start + limit)
            metadata = {"resourceVersion": "1000"}
            if end < len(items):
                metadata["continue"] = base64.b64encode(str(end).encode()).decode()
                metadata["remainingItemCount"] = len(items) - end
            page = []
            for item in items[start:end]:
                item = dict(item)
                item.pop("kind", None)
                item.pop("apiVersion", None)
                page.append(item)
            api_version = "v1" if group_path == "/api/v1" else group_path[len("/apis/"):]
            return self.send_json(200, {"kind": kind + "List", "apiVersion": api_version, "metadata": metadata, "items": page})

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--objects", action="append", default=[])
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--client-ca")
    parser.add_argument("--token", action="append", default=[])
    parser.add_argument("--fault", action="append", default=[], help="PATH=STATUS[xN][,retry-after=S]")
    parser.add_argument("--expire-continue", action="append", default=[], help="PATH whose first continue gets 410")
    parser.add_argument("--slow", action="append", default=[], help="PATH=SECONDS")
    parser.add_argument("--forbid", action="append", default=[], help="a resource (plural) that answers 403")
    parser.add_argument("--unserved", action="append", default=[],
                        help="a resource (plural) the server does not serve: 404, as an older or trimmed server")
    parser.add_argument("--max-limit", type=int, default=0, help="page size the server imposes")
    parser.add_argument("--watch-events", help="JSON lines of watch events ({type, object}) to stream")
    parser.add_argument("--watch-gone", type=int, default=0, help="watches answered with a 410 ERROR event first")
    parser.add_argument("--watch-hold", type=float, default=30, help="seconds a watch stays open after its events")
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log")
    parser.add_argument("--lifetime", type=float, default=600, help="seconds before the server stops by itself")
    args = parser.parse_args()
    state = State(args)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    server.daemon_threads = True
    serve(server, args.port_file, args.lifetime, args.cert, args.key, args.client_ca, ssl.CERT_OPTIONAL)

if __name__ == "__main__":
    sys.exit(main())
