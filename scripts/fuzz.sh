#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer, with AddressSanitizer) of every parser of outside input:
# traceparent, tracestate (with the sampling threshold), baggage, the environment, Retry-After,
# export response bodies (JSON and protobuf), the pricing file and spool files. Each target runs over its seed
# corpus in Fuzz/Corpus/<target>/ for a fixed number of inputs; a crash, a broken invariant
# (the targets trap on one), a leak or a sanitizer report fails the run and leaves the input in
# Fuzz/.artifacts/.
#
#   scripts/fuzz.sh              1,000,000 inputs per target (the README's figures)
#   scripts/fuzz.sh 20000        a short run (what CI does)
#   scripts/fuzz.sh 1000000 FuzzBaggage   one target
#
# Environment: FUZZ_SCRATCH_PATH, the build directory (default: Fuzz/.build-fuzz).
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
runs="${1:-1000000}"
only="${2:-}"
scratch="${FUZZ_SCRATCH_PATH:-.build-fuzz}"
start=$SECONDS

swift build --scratch-path "$scratch" -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld 2>&1 \
    | grep -E "error|warning: |Build complete" | grep -v "Cannot export local symbol" || true
bin="$(swift build --scratch-path "$scratch" -c release --show-bin-path)"
echo "built in $((SECONDS - start)) s"

mkdir -p .artifacts
failed=0
for dir in Corpus/*/; do
    target="$(basename "$dir")"
    if [ -n "$only" ] && [ "$target" != "$only" ]; then continue; fi
    work="$(mktemp -d)"
    t0=$SECONDS
    # New inputs go to the first directory (a scratch copy), so the checked-in seeds stay as
    # they are; -max_len bounds an input at 4 KB (headers and bodies past that are cut or
    # refused before any parser sees them).
    if "$bin/$target" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix=".artifacts/$target-" -print_final_stats=1 "$work" "$dir" > "$work.log" 2>&1; then
        execs=$(grep -m1 "stat::number_of_executed_units" "$work.log" | awk '{print $2}' || true)
        done_line=$(grep -E "^#[0-9]+[[:space:]]+DONE" "$work.log" | head -1 || true)
        cov=$(echo "$done_line" | grep -o "cov: [0-9]*" | awk '{print $2}' || true)
        ft=$(echo "$done_line" | grep -o "ft: [0-9]*" | awk '{print $2}' || true)
        corpus=$(echo "$done_line" | grep -o "corp: [0-9]*" | awk '{print $2}' || true)
        elapsed=$((SECONDS - t0))
        echo "$target: ${execs:-?} inputs in ${elapsed} s ($(( ${execs:-0} / (elapsed > 0 ? elapsed : 1) ))/s), coverage ${cov:-?} edges / ${ft:-?} features, corpus ${corpus:-?}: ok"
    else
        echo "$target: FAILED after $((SECONDS - t0)) s"
        tail -40 "$work.log"
        failed=1
    fi
    rm -rf "$work" "$work.log"
done
echo "fuzzing took $((SECONDS - start)) s"
exit $failed
