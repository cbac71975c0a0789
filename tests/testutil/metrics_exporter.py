#!/usr/bin/env python3
"""A /metrics endpoint for the suites: the n-th GET gets the n-th --body file (the last one from
then on), as an exporter whose counters grow between scrapes. Logs "GET PATH STATUS" lines.

  metrics_exporter.py --body FIRST [--body LATER ...] --port-file F --log L [--lifetime S]
"""
import argparse
import http.server

from serve import serve


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--body", action="append", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--lifetime", type=float, default=300)
    args = parser.parse_args()
    bodies = []
    for path in args.body:
        with open(path, "rb") as f:
            bodies.append(f.read())
    served = [0]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = bodies[min(served[0], len(bodies) - 1)]
            served[0] += 1
            status = 200 if self.path.startswith("/metrics") else 404
            with open(args.log, "a", encoding="utf-8") as log:
                log.write(f"GET {self.path} {status}\n")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; version=0.0.4")
            self.send_header("Content-Length", str(len(body) if status == 200 else 0))
            self.end_headers()
            if status == 200:
                self.wfile.write(body)

        def log_message(self, *_):
            pass

    serve(http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler), args.port_file, args.lifetime)


if __name__ == "__main__":
    main()
