#!/usr/bin/env bash
# Builds the DocC reference of every library product with swift-docc-plugin, warnings as errors
# (an unresolved symbol link or an undocumented parameter fails the run). Archives land in
# .build/plugins/Swift-DocC/outputs/<Target>.doccarchive; `--preview` style hosting is left to
# the reader (`swift package --disable-sandbox preview-documentation --target LLMTrace`).
set -euo pipefail
cd "$(dirname "$0")/.."
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
for target in LLMTrace LLMTraceGenAI LLMTraceDistributedTracing LLMTraceServiceLifecycle LLMTraceTesting RAGDemoKit; do
    if swift package --disable-sandbox generate-documentation --target "$target" --warnings-as-errors > "$LOG" 2>&1; then
        echo "$target: $(grep -o '/.*doccarchive' "$LOG" | tail -n 1)"
    else
        cat "$LOG"
        echo "DocC: $target failed (warnings count as errors)"
        exit 1
    fi
done
