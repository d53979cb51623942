#!/usr/bin/env bash
# The test command (README "Run the tests"; .ci/run calls it too).
#   1. swift test: unit tests and the integration tests against an HTTP receiver on 127.0.0.1;
#      every request body the tests produce is saved.
#      llmtrace-bench --quick runs as a smoke test and saves the bodies its sink received.
#      llmtrace-reliability runs its fault, load, signal and churn rows (README "What LLMTrace
#      survives") and fails on any duplicate, uncounted loss, blocked caller or leaked secret.
#      The micro-benchmarks (Benchmarks/, a release build) run once: their allocation counts must
#      equal the thresholds checked in under Benchmarks/Thresholds/; times are printed only.
#      Each fuzz target (Fuzz/: traceparent, tracestate, baggage, environment, Retry-After,
#      export responses, pricing file, spool files) runs 20,000 inputs from its seed corpus (scripts/fuzz.sh).
#      The DocC catalogs build with no warnings (scripts/build-docs.sh).
#      Examples/llm-gateway (its own package) is built and its integration tests run.
#   2. Conformance: each saved body (JSON or protobuf) is replayed to the strict OTLP receiver in
#      ../shared/otlp (the official protobuf schema plus the OTLP/JSON rules): spans to /v1/traces,
#      metrics to /v1/metrics; any rejection fails the run. Batches the tests encoded both ways
#      must decode to equal requests (scripts/check_protobuf_pairs.py). The Prometheus text the tests rendered is parsed
#      with prometheus_client.
#   3. The gateway runs end to end under ../shared/otlp/accept.sh (scripts/gateway_e2e.py: a
#      caller's trace through the gateway to a fake upstream, /metrics read by prometheus_client,
#      bad input, upstream failures, SIGTERM).
#      The README quick-start example runs under ../shared/otlp/accept.sh, which checks the tree,
#      and against HTTPS receivers (check_tls.py): verification on, CA and mTLS settings honoured.
#   4. jaeger-compose.yml and collector-config/ parse and match the README (PyYAML); promtool
#      checks every Prometheus rule file and runs the rule unit tests (scripts/check_rules.sh).
#   5. rag-demo runs under accept.sh at 5 % sampling with failures on purpose and the LLM rules
#      on (cost over 0.00011 USD, failed evaluations): the verdict of every question is computed
#      from its log records, independently of LLMTrace, and exactly those traces must arrive,
#      whole, with the RAG shape, their roots naming the rule and carrying the question's cost,
#      the ratio-kept ones (only those) with ot=th:f33333 in their trace state; the metrics pushed
#      must carry the summary's token and cost totals exactly; then once with no receiver at all, and once
#      with secrets in every setting, none of which may appear in its output; and once more over
#      http/protobuf with gzip, where every body must be protobuf.
# Steps 2 to 5 need ../shared/otlp (and python3); without it they are skipped with a note.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
SHARED_OTLP="${SHARED_OTLP:-$ROOT/../shared/otlp}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/payloads"

echo "== swift test"
LLMTRACE_PAYLOAD_DIR="$WORK/payloads" swift test 2>&1 | tee "$WORK/swift-test.log"

echo "== llmtrace-bench --quick (smoke; its request bodies join the conformance replay)"
swift build --product llmtrace-bench
"$ROOT/.build/debug/llmtrace-bench" --quick --payload-dir "$WORK/payloads"

echo "== reliability suite: receiver faults, load soak, signals, provider churn (one body per row joins the replay)"
swift build --product rag-demo
swift build --product llmtrace-reliability
"$ROOT/.build/debug/llmtrace-reliability" --payload-dir "$WORK/payloads"

echo "== micro-benchmarks (Benchmarks/, release): allocations per operation checked against Benchmarks/Thresholds/"
"$ROOT/scripts/run-benchmarks.sh"

echo "== fuzzing (Fuzz/, libFuzzer + AddressSanitizer): every parser of outside input, ${FUZZ_RUNS:-20000} inputs each"
"$ROOT/scripts/fuzz.sh" "${FUZZ_RUNS:-20000}"

echo "== DocC: the reference of every library product, no warnings"
"$ROOT/scripts/build-docs.sh"

echo "== Examples/llm-gateway: build and integration tests (Hummingbird and AsyncHTTPClient on 127.0.0.1; its exported bodies join the replay)"
swift build --package-path "$ROOT/Examples/llm-gateway" --build-tests
LLMTRACE_PAYLOAD_DIR="$WORK/payloads" swift test --package-path "$ROOT/Examples/llm-gateway" --skip-build 2>&1 | tee "$WORK/gateway-test.log"

if [ ! -x "$SHARED_OTLP/accept.sh" ]; then
    echo "note: $SHARED_OTLP not found; skipping the strict-receiver conformance checks"
    exit 0
fi

echo "== conformance: replaying $(ls "$WORK/payloads" | wc -l) test payloads to the strict OTLP receiver"
PY="$("$SHARED_OTLP/setup.sh" "$ROOT/.venv-otlp" | tail -n 1)"
"$PY" "$SHARED_OTLP/strict_receiver.py" 0 "$WORK/replayed.jsonl" --port-file "$WORK/port" \
    --summary-json "$WORK/summary.json" --quiet > /dev/null 2> "$WORK/receiver.log" &
RPID=$!
for _ in $(seq 1 100); do [ -s "$WORK/port" ] && break; sleep 0.1; done
PORT="$(cat "$WORK/port")"
REJECTED=0
for body in "$WORK"/payloads/*.json "$WORK"/payloads/*.pb; do
    [ -e "$body" ] || continue
    case "$(basename "$body")" in metrics-*) path=/v1/metrics ;; logs-*) path=/v1/logs ;; *) path=/v1/traces ;; esac
    case "$body" in *.pb) type=application/x-protobuf ;; *) type=application/json ;; esac
    code=$(curl -sS -o "$WORK/answer" -w '%{http_code}' -H "Content-Type: $type" \
        --data-binary "@$body" "http://127.0.0.1:$PORT$path")
    if [ "$code" != 200 ]; then
        REJECTED=$((REJECTED + 1))
        echo "rejected ($code): $(basename "$body"): $(head -c 400 "$WORK/answer")"
    fi
done
kill -TERM "$RPID"; wait "$RPID" 2>/dev/null || true
if [ "$REJECTED" != 0 ]; then
    echo "conformance: $REJECTED payload(s) rejected by the strict receiver"
    exit 1
fi
echo "conformance: every test payload accepted ($(ls "$WORK"/payloads/metrics-* 2>/dev/null | grep -v '\.prom$' | wc -l) of them metrics, $(ls "$WORK"/payloads/*.pb 2>/dev/null | wc -l) protobuf)"

echo "== protobuf and JSON encodings of the same batches decode to equal requests (official schema)"
"$PY" "$ROOT/scripts/check_protobuf_pairs.py" "$WORK/payloads" "$SHARED_OTLP"

echo "== Prometheus text exposition parsed by prometheus_client"
"$PY" -m pip install -q --disable-pip-version-check pyyaml==6.0.2 prometheus-client==0.21.1
"$PY" "$ROOT/scripts/check_prometheus.py" "$WORK/payloads"

echo "== llm-gateway end to end under accept.sh: caller -> gateway -> upstream in one trace, /metrics, bad input, SIGTERM"
ACCEPT_OUT="$WORK/accept-gateway" "$SHARED_OTLP/accept.sh" --strict --port "${ACCEPT_PORT:-4318}" --expect-error-span --allow-orphans --service llm-gateway -- \
    "$PY" "$ROOT/Examples/llm-gateway/scripts/gateway_e2e.py" "$ROOT/Examples/llm-gateway/.build/debug/llm-gateway" "$WORK/accept-gateway/spans.jsonl"

echo "== quick-start example under accept.sh"
swift build --product llmtrace-example
ACCEPT_OUT="$WORK/accept" OTEL_SERVICE_NAME=quickstart "$SHARED_OTLP/accept.sh" --strict --port "${ACCEPT_PORT:-4318}" -- \
    "$ROOT/.build/debug/llmtrace-example"

echo "== TLS: verification on, CA and client certificate (mTLS) settings honoured"
"$PY" "$ROOT/scripts/check_tls.py" "$ROOT/.build/debug/llmtrace-example"

echo "== collector and compose configuration"
"$PY" "$ROOT/scripts/check_configs.py" "$ROOT"

echo "== Prometheus rules: promtool check on every rule file (Kubernetes manifest included), promtool unit tests"
PYTHON="$PY" "$ROOT/scripts/check_rules.sh"

echo "== rag-demo under accept.sh: 5 % sampling, 20 % failures, cost and evaluation rules: every trace a rule keeps arrives whole"
swift build --product rag-demo
ACCEPT_OUT="$WORK/accept-demo" OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG=0.05 \
    LLMTRACE_SAMPLING_COST_USD=0.00011 LLMTRACE_SAMPLING_KEEP_FAILED_EVALUATIONS=true \
    "$SHARED_OTLP/accept.sh" --strict --port "${ACCEPT_PORT:-4318}" --expect-rag --expect-error-span -- \
    "$ROOT/.build/debug/rag-demo" --questions 60 --concurrency 4 --failure-rate 0.2 --latency-scale 0 --seed 7 \
    | tee "$WORK/demo.txt"
"$PY" "$ROOT/scripts/check_demo_run.py" "$WORK/accept-demo/spans.jsonl" "$WORK/demo.txt" "$WORK/accept-demo/bodies" \
    --ratio-threshold f33333 --cost-threshold 0.00011 --keep-failed-evaluations

echo "== rag-demo under accept.sh over http/protobuf with gzip: the same checks, protobuf bodies"
# accept.sh sets OTEL_EXPORTER_OTLP_PROTOCOL=http/json; the per-signal variables win over it.
ACCEPT_OUT="$WORK/accept-demo-protobuf" OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf OTEL_EXPORTER_OTLP_METRICS_PROTOCOL=http/protobuf OTEL_EXPORTER_OTLP_LOGS_PROTOCOL=http/protobuf OTEL_EXPORTER_OTLP_COMPRESSION=gzip \
    OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG=0.05 \
    "$SHARED_OTLP/accept.sh" --strict --port "${ACCEPT_PORT:-4318}" --expect-rag --expect-error-span -- \
    "$ROOT/.build/debug/rag-demo" --questions 30 --concurrency 4 --failure-rate 0.2 --latency-scale 0 --seed 11 \
    | tee "$WORK/demo-protobuf.txt"
"$PY" -c 'import json,sys; s=json.load(open(sys.argv[1])); e=s.get("by_encoding",{}); print("bodies by encoding:", e); sys.exit(0 if any(k.startswith("protobuf+gzip") for k in e) and not any(k.startswith("json") for k in e) else 1)' \
    "$WORK/accept-demo-protobuf/summary.json"

echo "== rag-demo --agent under accept.sh: invoke_agent -> chat -> execute_tool -> chat, every trace kept"
ACCEPT_OUT="$WORK/accept-demo-agent" OTEL_TRACES_SAMPLER=always_on \
    "$SHARED_OTLP/accept.sh" --strict --port "${ACCEPT_PORT:-4318}" --expect-rag --expect-error-span -- \
    "$ROOT/.build/debug/rag-demo" --agent --questions 12 --concurrency 4 --failure-rate 0.2 --latency-scale 0 --seed 5 \
    > "$WORK/demo-agent.txt"
"$PY" "$ROOT/scripts/check_demo_run.py" "$WORK/accept-demo-agent/spans.jsonl" "$WORK/demo-agent.txt" "$WORK/accept-demo-agent/bodies" \
    | tee "$WORK/demo-agent-check.txt"
grep -q "agent runs, [1-9][0-9]* tool calls" "$WORK/demo-agent-check.txt"

echo "== rag-demo with no receiver listening"
OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:9" timeout 60 "$ROOT/.build/debug/rag-demo" --questions 3 --latency-scale 0 \
    > "$WORK/demo-down.txt" 2> "$WORK/demo-down.err"
cat "$WORK/demo-down.txt"
grep -q "^receiver: none at http://127.0.0.1:9/v1/traces" "$WORK/demo-down.txt"
grep -q "^questions: 3$" "$WORK/demo-down.txt"
echo "rag-demo without a receiver: ran, reported, exited 0"

echo "== rag-demo never prints a secret"
SECRET="sk-demo-$RANDOM$RANDOM-secret"
OTEL_EXPORTER_OTLP_ENDPOINT="http://user:$SECRET@127.0.0.1:9/?key=$SECRET" OTEL_EXPORTER_OTLP_HEADERS="x-api-key=$SECRET,broken" \
    OPENAI_API_KEY="$SECRET" OTEL_LOG_LEVEL=debug timeout 60 "$ROOT/.build/debug/rag-demo" --questions 2 --latency-scale 0 \
    > "$WORK/demo-secret.txt" 2>&1
if grep -q "$SECRET" "$WORK/demo-secret.txt"; then
    echo "rag-demo printed a secret:"; grep -n "$SECRET" "$WORK/demo-secret.txt"; exit 1
fi
echo "rag-demo output (stdout and stderr, debug logging) holds none of the secrets it was given"
