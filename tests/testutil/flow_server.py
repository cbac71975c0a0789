#!/usr/bin/env python3
"""A flow agent test server for netobs's end-to-end tests (loopback only).

Serves recorded flow lines (Hubble JSON lines) over HTTP GET the way an agent's flow endpoint
streams them: chunked, one connection after another, each going on where the last one stopped.
Faults are injected per connection, in order, by --fault:

  cut       send the next --step lines and half of the one after, then drop the connection
  stall     send the next --step lines, then go silent for --stall seconds, then drop it
  503       answer 503 (with Retry-After: 0) before any line
  garbage   send --step lines with a garbage line between each two, then end cleanly
  ok        send the next --step lines and end cleanly

After the faults, connections get the remaining lines and end cleanly; once all lines are out,
a connection is held open silently (a live agent with no new flows). Options: --gzip
(Content-Encoding), --raw-gzip (a gzip body served as is), --token (bearer token required), --require-header, --cert/--key (TLS),
--client-ca (mTLS required). Every request is logged as "GET PATH STATUS AUTH" where AUTH is "token" or "none"
(never the token itself).

An agent rollout: --port (listen on this port, to come back on the port a stopped server had),
--skip N (the lines a stopped server sent already), --limit N (serve only the first N lines).
A token rotation: --rotate-token NEW makes the server refuse --token (401) once a connection
delivered lines, and after --rotate-after-401 such answers it writes NEW to --rotate-file (the
client's token file, rewritten late as kubelet's projected tokens can be).
"""
import argparse
import http.server
import os
import ssl
import threading
import time
import zlib

from serve import serve


class State:
    def __init__(self, args):
        with open(args.flows, "rb") as f:
            self.lines = [line for line in f.read().split(b"\n") if line.strip()]
        self.next = args.skip
        self.end = min(len(self.lines), args.limit) if args.limit is not None else len(self.lines)
        self.token = args.token
        self.refused = 0
        self.faults = list(args.fault)
        self.lock = threading.Lock()
        self.args = args
        self.log = open(args.log, "a", encoding="utf-8") if args.log else None

    def record(self, path, status, auth):
        if self.log:
            self.log.write(f"GET {path} {status} {auth}\n")
            self.log.flush()


def make_handler(state):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def send_chunk(self, data, encoder):
            if encoder is not None:
                data = encoder.compress(data) + encoder.flush(zlib.Z_SYNC_FLUSH)
            if data:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                self.wfile.flush()

        def do_GET(self):
            try:
                self.serve()
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                pass  # the client went away: expected when it stops collecting

        def serve(self):
            args = state.args
            auth = self.headers.get("Authorization", "")
            with state.lock:
                token = state.token
            allowed = not token or auth == "Bearer " + token
            if args.require_header:
                name, _, value = args.require_header.partition(":")
                allowed = allowed and self.headers.get(name.strip(), "") == value.strip()
            if not allowed:
                state.record(self.path, 401, "token" if auth else "none")
                with state.lock:
                    state.refused += 1
                    if args.rotate_token and state.token == args.rotate_token and state.refused == args.rotate_after_401:
                        with open(args.rotate_file + ".tmp", "w", encoding="utf-8") as f:
                            f.write(args.rotate_token + "\n")
                        os.replace(args.rotate_file + ".tmp", args.rotate_file)
                body = b'{"error":"unauthorized"}\n'
                self.send_response(401)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            with state.lock:
                fault = state.faults.pop(0) if state.faults else "rest"
            if fault == "503":
                state.record(self.path, 503, "token" if auth else "none")
                body = b"agent warming up\n"
                self.send_response(503)
                self.send_header("Retry-After", "0")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            state.record(self.path, 200, "token" if auth else "none")
            self.send_response(200)
            self.send_header("Content-Type", "application/x-ndjson")
            self.send_header("Transfer-Encoding", "chunked")
            encoder = None
            if args.gzip or args.raw_gzip:
                if args.gzip:
                    self.send_header("Content-Encoding", "gzip")
                encoder = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
            self.end_headers()
            with state.lock:
                start = state.next
                count = state.end - start if fault == "rest" else min(args.step, state.end - start)
                state.next = start + count
                if args.rotate_token and count > 0:
                    state.token = args.rotate_token  # the connection after this one needs the new token
            if fault == "rest" and count == 0:
                time.sleep(args.hold)  # nothing new: a live agent stays silent
                self.close_connection = True
                return
            for i, line in enumerate(state.lines[start:start + count]):
                self.send_chunk(line + b"\n", encoder)
                if fault == "garbage" and i + 1 < count:
                    self.send_chunk(b"{not json at all\n", encoder)
            if fault == "cut":
                with state.lock:
                    cut = state.lines[state.next] if state.next < state.end else b'{"flow":'
                self.send_chunk(cut[: len(cut) // 2], encoder)
                self.close_connection = True
                return  # no terminating chunk: the transfer breaks mid-line
            if fault == "stall":
                time.sleep(args.stall)
                self.close_connection = True
                return
            if encoder is not None:
                tail = encoder.flush(zlib.Z_FINISH)
                self.wfile.write(b"%x\r\n%s\r\n" % (len(tail), tail))
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--flows", required=True)
    parser.add_argument("--fault", action="append", default=[],
                        choices=["cut", "stall", "503", "garbage", "ok"])
    parser.add_argument("--step", type=int, default=100, help="lines per faulty connection")
    parser.add_argument("--stall", type=float, default=3)
    parser.add_argument("--hold", type=float, default=30, help="seconds a connection with nothing new stays open")
    parser.add_argument("--gzip", action="store_true")
    parser.add_argument("--raw-gzip", action="store_true", help="a gzip body without Content-Encoding (a .gz file)")
    parser.add_argument("--token")
    parser.add_argument("--require-header", help="'Name: value' every request must carry")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--client-ca")
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log")
    parser.add_argument("--lifetime", type=float, default=300)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--skip", type=int, default=0, help="lines already sent (by a server this one replaces)")
    parser.add_argument("--limit", type=int, help="serve only the first LIMIT lines")
    parser.add_argument("--rotate-token")
    parser.add_argument("--rotate-file")
    parser.add_argument("--rotate-after-401", type=int, default=2)
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(State(args)))
    server.daemon_threads = True
    serve(server, args.port_file, args.lifetime, args.cert, args.key, args.client_ca)

if __name__ == "__main__":
    main()
