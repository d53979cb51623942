#!/usr/bin/env bash
# Runs the LLMTrace micro-benchmarks (Benchmarks/, package-benchmark) once, in release mode:
# prints wall clock (ns) and allocations per operation for each benchmark, then checks the
# allocation counts against the ones checked in under Benchmarks/Thresholds/.
#
#   scripts/run-benchmarks.sh           run, print the table, check (what CI calls)
#   scripts/run-benchmarks.sh --update  re-record Benchmarks/Thresholds/ after an intended change
#
# Exit status of the check: 0 when every allocation count equals its threshold; non-zero when
# one rose (a regression), when one fell (an improvement: re-record the thresholds with
# --update and commit them, so the next rise is caught), or when the build or a benchmark failed.
# Wall-clock times are printed, never checked.
#
# Environment: BENCH_SCRATCH_PATH, the build directory (default: Benchmarks/.build-bench).
set -euo pipefail

cd "$(dirname "$0")/../Benchmarks"
scratch=${BENCH_SCRATCH_PATH:-.build-bench}
# The thresholds and baseline files are read and written relative to this directory.
benchmark=(swift package --scratch-path "$scratch" --allow-writing-to-package-directory benchmark)
start=$SECONDS

case "${1:-}" in
--update)
    # Only mallocCountTotal is recorded: the check then compares nothing else.
    "${benchmark[@]}" thresholds update --metric mallocCountTotal --no-progress
    git status --short -- Thresholds || true
    exit 0
    ;;
"") ;;
*)
    echo "usage: $0 [--update]" >&2
    exit 64
    ;;
esac

# One run, kept as a baseline (in .benchmarkBaselines/, not committed) so that the table and the
# check see the same measurements.
baseline=current
"${benchmark[@]}" baseline update "$baseline" --no-progress
"${benchmark[@]}" baseline read "$baseline" --no-progress

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
"${benchmark[@]}" thresholds check "$baseline" --no-progress 2>&1 | tee "$log" || status=$?
echo "Benchmarks: build, run and check took $((SECONDS - start)) s."
if [ "$status" -ne 0 ]; then
    if grep -q "is WORSE than" "$log"; then
        echo "FAILED: an allocation count rose above Benchmarks/Thresholds/ (see the deviations above)." >&2
    elif grep -q "is BETTER than" "$log"; then
        echo "FAILED: allocation counts fell below Benchmarks/Thresholds/: if intended, run" \
            "'scripts/run-benchmarks.sh --update' and commit Benchmarks/Thresholds/." >&2
    else
        echo "FAILED: the threshold check did not run (status $status)." >&2
    fi
fi
exit "$status"
