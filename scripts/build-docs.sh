#!/usr/bin/env bash
# Builds the DocC reference of every library product with swift-docc-plugin, warnings as errors
# (an unresolved symbol link or an undocumented parameter fails the run). Archives land in
# .build/plugins/Swift-DocC/outputs/<Target>.doccarchive; `--preview` style hosting is left to
# the reader (`swift package --disable-sandbox preview-documentation --target LLMTrace`).
set -euo pipefail
cd "$(dirname "$0")/.."
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
targets=(LLMTrace LLMTraceGenAI LLMTraceDistributedTracing LLMTraceServiceLifecycle LLMTraceTesting RAGDemoKit)
# One invocation for all of them: one build and one symbol-graph pass instead of six (15 s
# instead of 38 here); a warning in any catalog still fails it.
if swift package --disable-sandbox generate-documentation "${targets[@]/#/--target=}" --warnings-as-errors > "$LOG" 2>&1; then
    for target in "${targets[@]}"; do
        archive="$(grep -o "/[^ ]*/$target.doccarchive" "$LOG" | tail -n 1)"
        if [ -z "$archive" ]; then
            cat "$LOG"
            echo "DocC: no archive for $target"
            exit 1
        fi
        echo "$target: $archive"
    done
else
    cat "$LOG"
    echo "DocC failed (warnings count as errors)"
    exit 1
fi
