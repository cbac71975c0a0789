#!/usr/bin/env python3
"""An HTTP CONNECT proxy for netobs's end-to-end tests (loopback only): tunnels each CONNECT to
127.0.0.1 and logs "CONNECT host:port" per tunnel, so a test can prove a client used it."""
import argparse
import select
import socket
import threading

from serve import write_port


def tunnel(client, log, lock):
    try:
        request = b""
        while b"\r\n\r\n" not in request and len(request) < 65536:
            chunk = client.recv(4096)
            if not chunk:
                return
            request += chunk
        line = request.split(b"\r\n", 1)[0].decode("latin-1")
        method, target, _ = line.split(" ", 2)
        host, _, port = target.rpartition(":")
        if method != "CONNECT" or host.strip("[]") not in ("127.0.0.1", "localhost", "kube.test"):
            client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return
        with lock:
            log.write(f"CONNECT {target}\n")
            log.flush()
        upstream = socket.create_connection(("127.0.0.1", int(port)), timeout=30)
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        sockets = [client, upstream]
        while True:
            readable, _, _ = select.select(sockets, [], [], 30)
            if not readable:
                return
            for s in readable:
                data = s.recv(65536)
                if not data:
                    return
                (upstream if s is client else client).sendall(data)
    except (OSError, ValueError):
        pass
    finally:
        client.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--lifetime", type=float, default=300)
    args = parser.parse_args()
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(args.lifetime)
    write_port(args.port_file, server.getsockname()[1])
    log = open(args.log, "a", encoding="utf-8")
    lock = threading.Lock()
    try:
        while True:
            client, _ = server.accept()
            threading.Thread(target=tunnel, args=(client, log, lock), daemon=True).start()
    except socket.timeout:
        pass


if __name__ == "__main__":
    main()
