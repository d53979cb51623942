#!/usr/bin/env bash
# Checks that a change leaves the wire alone: runs the same rag-demo questions with this tree's
# build and with REV's, each against a receiver that keeps every body, and compares what the two
# sent, decoded with the official OTLP schema, up to ids and clocks (scripts/compare_wire.py).
#
#   scripts/compare-wire.sh REV      # for example the commit before a performance change
#
# Four runs each: OTLP/JSON and http/protobuf with gzip, with every trace kept and the sampling
# rules on, once as a RAG pipeline and once as an agent (tool calls), with failures on purpose.
# One question at a time, so both builds answer the same questions in the same order. REV is built
# in a worktree under .build-wire/ (a debug build, a few minutes the first time). Needs
# ../shared/otlp for the schema (SHARED_OTLP overrides where it is).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
REV="${1:?usage: scripts/compare-wire.sh REV}"
SHARED_OTLP="${SHARED_OTLP:-$ROOT/../shared/otlp}"
PY="$("$SHARED_OTLP/setup.sh" "$ROOT/.venv-otlp" | tail -n 1)"
OLD_TREE="$ROOT/.build-wire/tree"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "== building rag-demo here and at $REV"
swift build --product rag-demo
OLD_COMMIT="$(git rev-parse --verify "$REV^{commit}")"
if [ ! -d "$OLD_TREE" ]; then
    mkdir -p "$ROOT/.build-wire"
    git worktree add --detach "$OLD_TREE" "$OLD_COMMIT" >/dev/null
else
    git -C "$OLD_TREE" checkout --quiet --detach "$OLD_COMMIT"
fi
(cd "$OLD_TREE" && swift build --product rag-demo --scratch-path "$ROOT/.build-wire/build")

# run NAME BINARY [rag-demo flags...]: one run against a fresh wire_receiver.py into $WORK/NAME.
run() {
    local name="$1" binary="$2" status=0
    shift 2
    "$PY" "$ROOT/scripts/wire_receiver.py" "$WORK/$name" "$WORK/$name.port" &
    local receiver=$!
    while [ ! -s "$WORK/$name.port" ]; do sleep 0.1; done
    OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$(cat "$WORK/$name.port")" OTEL_TRACES_SAMPLER=always_on \
        LLMTRACE_SAMPLING_COST_USD=0.00011 LLMTRACE_SAMPLING_KEEP_FAILED_EVALUATIONS=true \
        "$binary" --concurrency 1 --failure-rate 0.2 --latency-scale 0 "$@" >"$WORK/$name.out" 2>&1 || status=$?
    kill "$receiver"
    wait "$receiver" || true
    if [ "$status" != 0 ]; then
        cat "$WORK/$name.out"
        echo "compare-wire: $binary exited with $status"
        exit 1
    fi
}

failed=0
for encoding in json protobuf-gzip; do
    for shape in rag agent; do
        flags=(--questions 24 --seed 7)
        [ "$shape" = agent ] && flags=(--agent --questions 12 --seed 5)
        protocol=()
        [ "$encoding" = protobuf-gzip ] && protocol=(OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_EXPORTER_OTLP_COMPRESSION=gzip)
        echo "== $encoding, $shape: $REV against this tree"
        for side in old new; do
            binary="$ROOT/.build/debug/rag-demo"
            [ "$side" = old ] && binary="$ROOT/.build-wire/build/debug/rag-demo"
            ( [ ${#protocol[@]} -gt 0 ] && export "${protocol[@]}"; run "$encoding-$shape-$side" "$binary" "${flags[@]}" )
        done
        if [ "$encoding" = protobuf-gzip ] && find "$WORK/$encoding-$shape-old" "$WORK/$encoding-$shape-new" -type f ! -name '*.pb.gz' | grep -q .; then
            echo "compare-wire: a body of the $encoding runs is not protobuf with gzip"
            exit 1
        fi
        "$PY" "$ROOT/scripts/compare_wire.py" "$WORK/$encoding-$shape-old" "$WORK/$encoding-$shape-new" "$SHARED_OTLP" || failed=1
    done
done
[ "$failed" = 0 ] && echo "compare-wire: this tree sends what $REV sends" || echo "compare-wire: the runs differ"
exit "$failed"
