"""TLS checks: certificate verification stays on for https endpoints, and
OTEL_EXPORTER_OTLP_CERTIFICATE / _CLIENT_CERTIFICATE / _CLIENT_KEY are honoured (mTLS).

Makes a throwaway CA, a server certificate for 127.0.0.1 and a client certificate with the
openssl command, starts two HTTPS receivers on 127.0.0.1 (one that asks for a client
certificate), runs the quick-start example against them with different settings and checks
what arrived.

usage: check_tls.py EXAMPLE_BINARY
"""
import http.server
import json
import os
import re
import ssl
import subprocess
import sys
import tempfile
import threading


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_certificates(directory):
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=llmtrace test CA",
            "-keyout", "ca.key", "-out", "ca.pem", cwd=directory)
    with open(os.path.join(directory, "san.cnf"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\n")
    for name, extra in (("server", ["-extfile", "san.cnf"]), ("client", [])):
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN=llmtrace {name}",
                "-keyout", f"{name}.key", "-out", f"{name}.csr", cwd=directory)
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-out", f"{name}.pem", *extra, cwd=directory)


class Receiver(http.server.ThreadingHTTPServer):
    def __init__(self, directory, require_client_certificate):
        super().__init__(("127.0.0.1", 0), Handler)
        self.spans = 0
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(os.path.join(directory, "server.pem"), os.path.join(directory, "server.key"))
        if require_client_certificate:
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(os.path.join(directory, "ca.pem"))
        self.socket = context.wrap_socket(self.socket, server_side=True)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def handle_error(self, request, client_address):
        pass  # refused handshakes are the point of some cases


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/v1/traces":
            document = json.loads(body)
            self.server.spans += sum(len(s.get("spans", [])) for r in document["resourceSpans"] for s in r["scopeSpans"])
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def run_example(example, receiver, **settings):
    environment = dict(os.environ, OTEL_EXPORTER_OTLP_ENDPOINT=f"https://127.0.0.1:{receiver.server_address[1]}",
                       OTEL_EXPORTER_OTLP_TIMEOUT="1500", OTEL_METRICS_EXPORTER="none", OTEL_SERVICE_NAME="tls-check")
    environment.update(settings)
    before = receiver.spans
    result = subprocess.run([example], env=environment, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        sys.exit(f"example exited with {result.returncode}: {result.stderr[-500:]}")
    match = re.search(r"exported=(\d+)", result.stdout)
    return int(match.group(1)) if match else -1, receiver.spans - before


def main():
    example = sys.argv[1]
    with tempfile.TemporaryDirectory() as directory:
        make_certificates(directory)
        path = lambda name: os.path.join(directory, name)
        tls, mtls = Receiver(directory, False), Receiver(directory, True)
        cases = [
            ("https, CA not given: certificate not trusted, nothing sent", tls, {}, 0),
            ("https, OTEL_EXPORTER_OTLP_CERTIFICATE given: delivered", tls, {"OTEL_EXPORTER_OTLP_CERTIFICATE": path("ca.pem")}, 4),
            ("https, per-signal TRACES_CERTIFICATE given: delivered", tls, {"OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE": path("ca.pem")}, 4),
            ("mTLS receiver, no client certificate: refused", mtls, {"OTEL_EXPORTER_OTLP_CERTIFICATE": path("ca.pem")}, 0),
            ("mTLS receiver, client certificate and key given: delivered", mtls,
             {"OTEL_EXPORTER_OTLP_CERTIFICATE": path("ca.pem"), "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE": path("client.pem"),
              "OTEL_EXPORTER_OTLP_CLIENT_KEY": path("client.key")}, 4),
        ]
        failures = 0
        for name, receiver, settings, expected in cases:
            exported, arrived = run_example(example, receiver, **settings)
            ok = exported == expected and arrived == expected
            failures += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {name}: example exported {exported}, receiver got {arrived}")
        tls.shutdown()
        mtls.shutdown()
        if failures:
            sys.exit(f"{failures} TLS case(s) failed")


if __name__ == "__main__":
    main()
