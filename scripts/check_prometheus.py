#!/usr/bin/env python3
"""Parses the Prometheus text the tests rendered (metrics-*.prom) with prometheus_client's own
parser and checks the LLM metric families are there with their samples.

usage: check_prometheus.py DIR
"""
import glob
import os
import sys

from prometheus_client.parser import text_string_to_metric_families

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from llm_metric_names import FAMILIES  # noqa: E402

EXPECTED = FAMILIES
# Every rendering has a model call's families; the agent, tool, streaming and evaluation ones
# need such spans, so each must be in at least one rendering.
EVERYWHERE = {name for name in FAMILIES if name.startswith(("gen_ai_client_operation_duration", "gen_ai_client_token", "llmtrace_gen_ai_requests", "llmtrace_gen_ai_errors", "llmtrace_gen_ai_cost"))}

files = sorted(glob.glob(os.path.join(sys.argv[1], "metrics-*.prom")))
if not files:
    print("prometheus: no rendered text found")
    sys.exit(1)
problems = []
seen = set()
for path in files:
    text = open(path, encoding="utf-8").read()
    families = {f.name: f for f in text_string_to_metric_families(text)}
    for name, kind in EXPECTED.items():
        family = families.get(name)
        if family is not None and family.samples:
            seen.add(name)
            if family.type != kind:
                problems.append(f"{os.path.basename(path)}: {name} is a {family.type}, not a {kind}")
        elif name in EVERYWHERE:
            problems.append(f"{os.path.basename(path)}: {name} ({kind}) missing or empty")
    for name in families:
        if name not in EXPECTED:
            problems.append(f"{os.path.basename(path)}: {name} is not a family the dashboard and rules know (scripts/llm_metric_names.py)")
    for family in families.values():
        if family.type == "histogram":
            for sample in family.samples:
                if sample.name.endswith("_bucket") and "le" not in sample.labels:
                    problems.append(f"{os.path.basename(path)}: bucket without le in {family.name}")
for name in sorted(set(EXPECTED) - seen):
    problems.append(f"{name} is in no rendering")
for problem in problems:
    print("prometheus:", problem)
print(f"prometheus: {len(files)} rendering(s) parsed by prometheus_client; the model-call families in each, all {len(EXPECTED)} families across them")
sys.exit(1 if problems else 0)
