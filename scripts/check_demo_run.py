#!/usr/bin/env python3
"""Checks a sampled rag-demo run: every failed question's trace arrived whole, the demo's
summary agrees with what the receiver got, and the LLM metrics (counted from every span, before
sampling) carry the summary's token and cost totals exactly.

usage: check_demo_run.py SPANS.jsonl DEMO_OUTPUT.txt BODIES_DIR
           [--ratio-threshold TH] [--cost-threshold USD] [--keep-failed-evaluations]

With --ratio-threshold (the `th` the ratio writes, `f33333` for 5 %), the expected verdict of
every question is computed here, independently of LLMTrace, from the log records (which carry
every question's trace id, cost and evaluations, sampled or not): failed -> kept by `error`; else
kept by `ratio` when the trace id's rightmost 56 bits are at least the threshold; else by `cost`
at or over --cost-threshold; else by `evaluation` when one failed; else it must not arrive. The
traces that arrive must be exactly those, whole, their roots naming that rule, and the spans of
traces the ratio kept (only those, failed ones included) must carry `ot=th:TH` in their trace
state.
"""
import argparse
import glob
import gzip
import json
import os
import sys
from collections import defaultdict

parser = argparse.ArgumentParser()
parser.add_argument("spans")
parser.add_argument("output")
parser.add_argument("bodies")
parser.add_argument("--ratio-threshold")
parser.add_argument("--cost-threshold", type=float)
parser.add_argument("--keep-failed-evaluations", action="store_true")
args = parser.parse_args()
spans_path, output_path, bodies_dir = args.spans, args.output, args.bodies
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
kept_total = sum(int(v) for k, v in summary.items() if k.startswith("traces_kept_"))
failed = [t for t, spans in traces.items() if any(s["status"]["code"] == 2 for s in spans)]
if errors <= 0:
    problems.append(f"the run had no failed questions (errors: {errors}); raise --failure-rate")
if len(failed) != errors or kept_error != errors:
    problems.append(f"errors: {errors}, traces_kept_error: {kept_error}, error traces received: {len(failed)}")
# With --agent, generation runs under invoke_agent, and a planned tool call adds a planning chat
# and an execute_tool span.
agent_run = any(s["name"].startswith("invoke_agent ") for spans in traces.values() for s in spans)
tool_calls = 0
for trace_id, spans in traces.items():
    agents = sum(1 for s in spans if s["name"].startswith("invoke_agent "))
    tools = sum(1 for s in spans if s["name"].startswith("execute_tool "))
    tool_calls += tools
    expected_spans = 4 + agents + 2 * tools
    if len(spans) != expected_spans or agents != (1 if agent_run else 0):
        problems.append(f"trace {trace_id} arrived with {len(spans)} spans ({agents} agent, {tools} tool), expected {expected_spans}")
if len(traces) != kept_total:
    problems.append(f"received {len(traces)} traces, the summary says {kept_total} kept")

# The last metrics push holds the cumulative totals.
pushes = []
for path in sorted(glob.glob(os.path.join(bodies_dir, "req-*"))):
    raw = open(path, "rb").read()
    if path.endswith(".gz"):
        raw = gzip.decompress(raw)
    if b'"resourceMetrics"' in raw:
        pushes.append(json.loads(raw))
if not pushes:
    problems.append("no metrics push arrived")
else:
    tokens = {"input": 0, "output": 0}
    cost = 0.0
    requests = 0
    for rm in pushes[-1]["resourceMetrics"]:
        for sm in rm["scopeMetrics"]:
            for metric in sm["metrics"]:
                data = metric.get("sum") or metric.get("histogram")
                for point in data["dataPoints"]:
                    labels = {a["key"]: a["value"].get("stringValue") for a in point.get("attributes", [])}
                    if metric["name"] == "gen_ai.client.token.usage":
                        tokens[labels["gen_ai.token.type"]] += int(point["sum"])
                    elif metric["name"] == "llmtrace.gen_ai.cost":
                        cost += point["asDouble"]
                    elif metric["name"] == "llmtrace.gen_ai.requests":
                        requests += int(point["asInt"])
    if tokens["input"] != int(summary.get("input_tokens", "-1")) or tokens["output"] != int(summary.get("output_tokens", "-1")):
        problems.append(f"metrics tokens {tokens} != summary {summary.get('input_tokens')}/{summary.get('output_tokens')}")
    summary_nanos = int(summary.get("cost_usd", "-1").replace(".", ""))
    if round(cost * 1e9) != summary_nanos:
        problems.append(f"metrics cost {cost:.9f} != summary cost_usd {summary.get('cost_usd')}")
    if requests != int(summary.get("model_calls", summary.get("questions", "-1"))):
        problems.append(f"metrics requests {requests} != model calls {summary.get('model_calls')}")
    print(f"demo metrics: tokens in/out {tokens['input']}/{tokens['output']}, cost {cost:.9f} USD, "
          f"{requests} requests: equal to the summary, from every question, not only the sampled traces")

# Log records: one per question, each inside its question's workflow span.
records = []
for path in sorted(glob.glob(os.path.join(bodies_dir, "req-*"))):
    raw = open(path, "rb").read()
    if path.endswith(".gz"):
        raw = gzip.decompress(raw)
    if b'"resourceLogs"' in raw:
        for rl in json.loads(raw)["resourceLogs"]:
            for sl in rl["scopeLogs"]:
                records.extend(sl["logRecords"])
question_lines = [r for r in records if r.get("body", {}).get("stringValue") in ("answered", "generation failed")]
if len(question_lines) != int(summary.get("questions", "-1")):
    problems.append(f"{len(question_lines)} question log records arrived, expected one per question")
if int(summary.get("log_records_exported", "-1")) != len(records):
    problems.append(f"log_records_exported: {summary.get('log_records_exported')}, records received: {len(records)}")
workflow_span = {t: next((s["spanId"] for s in spans if s["name"].startswith("invoke_workflow")), None) for t, spans in traces.items()}
for record in question_lines:
    trace_id, span_id = record.get("traceId", ""), record.get("spanId", "")
    if len(trace_id) != 32 or len(span_id) != 16:
        problems.append(f"log record {record['body']} carries no span ids")
    elif trace_id in workflow_span and workflow_span[trace_id] != span_id:
        problems.append(f"log record of trace {trace_id} names span {span_id}, not its workflow span")
failures_logged = sum(1 for r in question_lines if r["body"]["stringValue"] == "generation failed")
if failures_logged != errors:
    problems.append(f"{failures_logged} failures logged, {errors} questions failed")
evaluations = [r for r in records if r.get("eventName") == "gen_ai.evaluation.result"]
answered = int(summary.get("answered", "-1"))
# Two evaluations per answered question: citation_grounding and groundedness.
LABELS = {"citation_grounding": ("grounded", "ungrounded"), "groundedness": ("pass", "fail")}
if len(evaluations) != 2 * answered:
    problems.append(f"{len(evaluations)} gen_ai.evaluation.result events arrived, {answered} questions were answered (expected 2 each)")
by_name = {}
for event in evaluations:
    attributes = {a["key"]: next(iter(a["value"].values())) for a in event.get("attributes", [])}
    name = attributes.get("gen_ai.evaluation.name")
    by_name[name] = by_name.get(name, 0) + 1
    if name not in LABELS or "gen_ai.evaluation.score.value" not in attributes \
            or attributes.get("gen_ai.evaluation.score.label") not in LABELS[name] or len(event.get("spanId", "")) != 16:
        problems.append(f"evaluation event without its name, score, label or span: {attributes}")
        break
if answered > 0 and by_name != {name: answered for name in LABELS}:
    problems.append(f"evaluations by name: {by_name}, expected {answered} of each of {sorted(LABELS)}")
print(f"demo logs: {len(question_lines)} question records, each in its workflow span "
      f"({sum(1 for r in question_lines if r.get('traceId') in workflow_span)} of them in sampled traces)")

# Which rule kept each trace: computed here from the log records when the rules are given.
def attribute_map(record):
    return {a["key"]: next(iter(a["value"].values()), None) for a in record.get("attributes", [])}

def root_rule(spans):
    roots = [s for s in spans if not s.get("parentSpanId")]
    return roots[0]["attributes"].get("llmtrace.sampling.rule") if roots else None

kept_by = {}
if args.ratio_threshold:
    threshold = int(args.ratio_threshold.ljust(14, "0"), 16)
    failed_evaluations = {r.get("traceId") for r in evaluations
                          if attribute_map(r).get("gen_ai.evaluation.score.label") in ("fail", "failed")}
    for record in question_lines:
        trace_id = record.get("traceId", "")
        attributes = attribute_map(record)
        if record["body"]["stringValue"] == "generation failed":
            expected = "error"
        elif int(trace_id[-14:], 16) >= threshold:
            expected = "ratio"
        elif args.cost_threshold is not None and float(attributes.get("gen_ai.usage.cost", 0)) >= args.cost_threshold:
            expected = "cost"
        elif args.keep_failed_evaluations and trace_id in failed_evaluations:
            expected = "evaluation"
        else:
            expected = None
        if expected:
            kept_by[trace_id] = expected
        elif trace_id in traces:
            problems.append(f"trace {trace_id} arrived, though no rule keeps it")
    for trace_id, expected in kept_by.items():
        if trace_id not in traces:
            problems.append(f"trace {trace_id} should have been kept by {expected}, and did not arrive")
            continue
        states = {s.get("traceState", "") for s in traces[trace_id]}
        # The ratio's threshold is on every trace the ratio kept, whatever rule its root names.
        wanted = {f"ot=th:{args.ratio_threshold}"} if int(trace_id[-14:], 16) >= threshold else {""}
        if states != wanted:
            problems.append(f"trace {trace_id} (kept by {expected}) carries trace states {states}, expected {wanted}")
for trace_id, spans in traces.items():
    # Every kept root names the rule that kept it: the ratio's too.
    expected = kept_by.get(trace_id) or ("error" if trace_id in failed else "ratio")
    if root_rule(spans) != expected:
        problems.append(f"trace {trace_id}: root says llmtrace.sampling.rule={root_rule(spans)}, expected {expected}")
# The root carries what the trace's model calls cost (llmtrace.trace.cost), equal to the cost the
# question's log line reports.
checked_totals = 0
for record in question_lines:
    cost = attribute_map(record).get("gen_ai.usage.cost")
    spans = traces.get(record.get("traceId", ""))
    if cost is None or not spans:
        continue
    roots = [s for s in spans if not s.get("parentSpanId")]
    total = roots[0]["attributes"].get("llmtrace.trace.cost") if roots else None
    if total is None or abs(float(total) - float(cost)) > 1e-9:
        problems.append(f"trace {record['traceId']}: root llmtrace.trace.cost={total}, the question cost {cost}")
    checked_totals += 1
rule_counts = {}
for rule in kept_by.values():
    rule_counts[rule] = rule_counts.get(rule, 0) + 1
if kept_by:
    print(f"demo rules: expected verdicts from the logs {rule_counts}; every one arrived whole, naming its rule, nothing else arrived")
print(f"demo totals: {checked_totals} answered traces arrived, each root's llmtrace.trace.cost equal to its question's cost")

questions = int(summary.get("questions", "0"))
print(f"demo run: {questions} questions, {errors} failed: all {len(failed)} error traces whole; "
      f"{kept_ratio} of {questions - errors} others kept by the ratio"
      + (f"; agent runs, {tool_calls} tool calls in the traces that arrived" if agent_run else ""))
if problems:
    for p in problems:
        print(f"demo run: {p}")
    sys.exit(1)
