#!/usr/bin/env python3
"""Checks a sampled rag-demo run: every failed question's trace arrived whole, and the demo's
summary agrees with what the receiver got.

usage: check_demo_run.py SPANS.jsonl DEMO_OUTPUT.txt
"""
import json
import sys
from collections import defaultdict

spans_path, output_path = sys.argv[1], sys.argv[2]
traces = defaultdict(list)
with open(spans_path, encoding="utf-8") as f:
    for line in f:
        if line.strip():
            span = json.loads(line)
            traces[span["traceId"]].append(span)
summary = {}
with open(output_path, encoding="utf-8") as f:
    for line in f:
        if ": " in line and not line.startswith(("==", " ")):
            key, value = line.rstrip("\n").split(": ", 1)
            summary[key] = value

problems = []
errors = int(summary.get("errors", "-1"))
kept_error = int(summary.get("traces_kept_error", "0"))
kept_ratio = int(summary.get("traces_kept_ratio", "0"))
failed = [t for t, spans in traces.items() if any(s["status"]["code"] == 2 for s in spans)]
if errors <= 0:
    problems.append(f"the run had no failed questions (errors: {errors}); raise --failure-rate")
if len(failed) != errors or kept_error != errors:
    problems.append(f"errors: {errors}, traces_kept_error: {kept_error}, error traces received: {len(failed)}")
for trace_id, spans in traces.items():
    if len(spans) != 4:
        problems.append(f"trace {trace_id} arrived with {len(spans)} spans, expected 4")
    roots = [s for s in spans if not s.get("parentSpanId")]
    rule = roots[0]["attributes"].get("llmtrace.sampling.rule") if roots else None
    # Traces the ratio kept carry no mark; failed ones say which rule applied.
    expected = "error" if trace_id in failed else None
    if rule != expected:
        problems.append(f"trace {trace_id}: root says llmtrace.sampling.rule={rule}, expected {expected}")
if len(traces) != kept_error + kept_ratio:
    problems.append(f"received {len(traces)} traces, the summary says {kept_error} + {kept_ratio} kept")
questions = int(summary.get("questions", "0"))
print(f"demo run: {questions} questions, {errors} failed: all {len(failed)} error traces whole; "
      f"{kept_ratio} of {questions - errors} others kept by the ratio")
if problems:
    for p in problems:
        print(f"demo run: {p}")
    sys.exit(1)
