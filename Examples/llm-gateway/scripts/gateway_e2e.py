#!/usr/bin/env python3
"""End-to-end check of the llm-gateway executable, run under ../shared/otlp/accept.sh.

usage: gateway_e2e.py GATEWAY_EXECUTABLE SPANS_JSONL

Starts a fake OpenAI-compatible upstream and the gateway (pointed at it, with an API key),
sends what a caller sends (a traceparent, baggage, bad input, a request the upstream refuses),
parses /metrics with prometheus_client, stops the gateway with SIGTERM and checks, in the spans
the strict receiver decoded: one trace per request with the caller's trace id, the chain
SERVER -> rag_pipeline -> chat -> CLIENT unbroken, the upstream called with a traceparent of
that trace under the CLIENT span, the allow-listed baggage on the spans, no key anywhere.
"""
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client.parser import text_string_to_metric_families

EXE, SPANS = sys.argv[1], sys.argv[2]
KEY = "sk-e2e-secret-%d" % os.getpid()
TRACE = "%032x" % (int(time.time() * 1e6) | 1)
PARENT = "00f067aa0ba902b7"
UPSTREAM_HEADERS = []
problems = []


def check(ok, what):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        problems.append(what)


class Upstream(BaseHTTPRequestHandler):
    """Answers chat completions; the model name picks a failure."""

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        UPSTREAM_HEADERS.append(dict(self.headers))
        if body["model"] == "refuse-429":
            return self.reply(429, {"error": {"message": "rate limit"}}, {"Retry-After": "2"})
        if body["model"] == "fail-503":
            return self.reply(503, {"error": {"message": "overloaded"}})
        self.reply(200, {
            "id": "chatcmpl-e2e", "model": body["model"],
            "choices": [{"message": {"role": "assistant", "content": "Port 4318."}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 200, "completion_tokens": 4},
        })

    def reply(self, status, obj, headers=None):
        data = json.dumps(obj).encode()
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def call(port, method, path, body=None, headers=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


upstream = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
threading.Thread(target=upstream.serve_forever, daemon=True).start()
env = dict(os.environ, OPENAI_BASE_URL=f"http://127.0.0.1:{upstream.server_address[1]}/v1", OPENAI_API_KEY=KEY,
           OTEL_SERVICE_NAME="llm-gateway", OTEL_METRIC_EXPORT_INTERVAL="600000")
gateway = subprocess.Popen([EXE, "--port", "0"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
output = []
port = None
for line in gateway.stdout:
    output.append(line)
    match = re.match(r"llm-gateway: listening on http://127\.0\.0\.1:(\d+)", line)
    if match:
        port = int(match.group(1))
        break
check(port is not None, "the gateway printed the port it listens on")
drain = threading.Thread(target=lambda: output.extend(gateway.stdout), daemon=True)
drain.start()

status, _, _ = call(port, "GET", "/healthz")
check(status == 200, "GET /healthz answers 200")

status, headers, body = call(port, "POST", "/ask", json.dumps({"question": "What port does OTLP over HTTP use?"}).encode(), {
    "Content-Type": "application/json", "traceparent": f"00-{TRACE}-{PARENT}-01",
    "baggage": "session.id=sess-1,enduser.id=user-9,tenant=acme",
})
answer = json.loads(body)
check(status == 200 and answer.get("answer") == "Port 4318.", f"POST /ask answers 200 with the upstream's answer ({status})")
check(set(answer) == {"answer", "model", "latency_s", "input_tokens", "output_tokens", "cost_usd", "trace_id"}, "the answer has its seven fields")
check(answer.get("trace_id") == TRACE and answer.get("input_tokens") == 200, "the answer names the caller's trace and the tokens")

for body, expected in [(b"{", 400), (b'{"question": ""}', 400), (json.dumps({"question": "x" * 70000}).encode(), 413)]:
    status, headers, data = call(port, "POST", "/ask", body, {"Content-Type": "application/json"})
    check(status == expected and "error" in json.loads(data), f"bad input answers {expected} with a JSON error ({status})")
for model, error_type in [("refuse-429", "rate_limit_exceeded"), ("fail-503", "503")]:
    status, _, data = call(port, "POST", "/ask", json.dumps({"question": "Why?", "model": model}).encode())
    check(status == 502 and json.loads(data)["error"]["type"] == error_type, f"an upstream {model} answers 502 {error_type} ({status})")

status, headers, data = call(port, "GET", "/metrics")
check(headers.get("Content-Type", "").startswith("text/plain; version=0.0.4"), "GET /metrics is the Prometheus text format")
families = {f.name: f for f in text_string_to_metric_families(data.decode())}
requests = families.get("llm_gateway_http_requests")
counts = {(s.labels.get("http_route"), s.labels.get("http_response_status_code"), s.labels.get("error_type", "")): s.value
          for s in (requests.samples if requests else []) if s.name.endswith("_total")}
check(counts.get(("/ask", "200", "")) == 1, "prometheus_client reads the answered request in /metrics")
check(counts.get(("/ask", "413", "body_too_large")) == 1 and counts.get(("/ask", "502", "rate_limit_exceeded")) == 1, "the failures are counted by type")
check("gen_ai_client_operation_duration_seconds" in families and "gen_ai_client_token_usage" in families, "the LLM metrics are in /metrics")

gateway.send_signal(signal.SIGTERM)
check(gateway.wait(timeout=60) == 0, "SIGTERM stops the gateway with status 0")
drain.join(timeout=10)
text = "".join(output)
check(re.search(r"llm-gateway: stopped; spans exported: \d+, dropped: 0", text) is not None, "every span was exported before exit")
check(KEY not in text, "the API key is in no log line")

time.sleep(1)
spans = [json.loads(line) for line in open(SPANS, encoding="utf-8") if line.strip()]
check(KEY not in json.dumps(spans), "the API key is on no span")
trace = {s["spanId"]: s for s in spans if s["traceId"] == TRACE}
by_name = {}
for span in trace.values():
    by_name.setdefault(span["name"], span)


def attrs(span):
    return span.get("attributes") or {}


server = next((s for s in trace.values() if s.get("kind") == 2), None)
workflow = next((s for s in trace.values() if s["name"].startswith("invoke_workflow")), None)
chat = next((s for s in trace.values() if attrs(s).get("gen_ai.operation.name") == "chat"), None)
client = next((s for s in trace.values() if s.get("kind") == 3 and "http.request.method" in attrs(s)), None)
check(None not in (server, workflow, chat, client), f"the trace has SERVER, workflow, chat and CLIENT spans ({sorted(by_name)})")
if None not in (server, workflow, chat, client):
    check(server.get("parentSpanId") == PARENT, "the SERVER span continues the caller's traceparent")
    check(workflow.get("parentSpanId") == server["spanId"] and chat.get("parentSpanId") == workflow["spanId"]
          and client.get("parentSpanId") == chat["spanId"], "SERVER -> rag_pipeline -> chat -> CLIENT is unbroken")
    sent = UPSTREAM_HEADERS[0]
    check(sent.get("traceparent", "").startswith(f"00-{TRACE}-{client['spanId']}-"), "the upstream got a traceparent under the CLIENT span")
    check("session.id=sess-1" in sent.get("baggage", ""), "the caller's baggage went upstream")
    check(attrs(server).get("session.id") == "sess-1" and attrs(chat).get("enduser.id") == "user-9"
          and "tenant" not in attrs(server), "allow-listed baggage is on the spans, the rest is not")
    check("What port" not in json.dumps(list(trace.values())), "the question is on no span (content capture is off)")

upstream.shutdown()
if problems:
    print(f"gateway end to end: {len(problems)} problem(s)")
    sys.exit(1)
print("gateway end to end: every check passed")
