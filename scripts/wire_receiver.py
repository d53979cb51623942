#!/usr/bin/env python3
"""A minimal OTLP/HTTP receiver that keeps every request body as sent, for scripts/compare_wire.py.

usage: wire_receiver.py OUT_DIR PORT_FILE

Listens on 127.0.0.1 (a free port, written to PORT_FILE), answers every POST to /v1/traces,
/v1/metrics and /v1/logs with an empty success response in the request's encoding, and saves its
body as OUT_DIR/NNNNN-<signal>.<json|pb>[.gz]. It checks nothing: conformance is the strict
receiver's job (../shared/otlp); this one only records what the exporter wrote.
"""
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

out_dir, port_file = sys.argv[1], sys.argv[2]
os.makedirs(out_dir, exist_ok=True)
lock = threading.Lock()
count = 0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_POST(self):
        global count
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        signal_name = {"/v1/traces": "traces", "/v1/metrics": "metrics", "/v1/logs": "logs"}.get(self.path)
        if signal_name is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        is_json = self.headers.get("Content-Type", "").startswith("application/json")
        suffix = (".json" if is_json else ".pb") + (".gz" if self.headers.get("Content-Encoding") == "gzip" else "")
        with lock:
            count += 1
            name = f"{count:05d}-{signal_name}{suffix}"
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(body)
        reply = b"{}" if is_json else b""
        self.send_response(200)
        self.send_header("Content-Type", "application/json" if is_json else "application/x-protobuf")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
