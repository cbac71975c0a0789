"""What the test servers share: TLS set-up, telling the suite the port, a bounded lifetime."""
import os
import ssl
import threading


def write_port(port_file, port):
    """Writes the port atomically: the suite waits for the file and must never read half of it."""
    with open(port_file + ".tmp", "w", encoding="utf-8") as f:
        f.write(str(port))
    os.replace(port_file + ".tmp", port_file)


def serve(server, port_file, lifetime, cert=None, key=None, client_ca=None, verify_mode=ssl.CERT_REQUIRED):
    """Serves `server` (TLS when `cert` is given, client certificates checked against `client_ca`
    with `verify_mode`) until `lifetime` seconds have passed."""
    if cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        if client_ca:
            context.load_verify_locations(client_ca)
            context.verify_mode = verify_mode
        server.socket = context.wrap_socket(server.socket, server_side=True)
    write_port(port_file, server.server_address[1])
    threading.Timer(lifetime, server.shutdown).start()
    server.serve_forever()
