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

files = sorted(glob.glob(os.path.join(sys.argv[1], "metrics-*.prom")))
if not files:
    print("prometheus: no rendered text found")
    sys.exit(1)
problems = []
for path in files:
    text = open(path, encoding="utf-8").read()
    families = {f.name: f for f in text_string_to_metric_families(text)}
    for name, kind in EXPECTED.items():
        family = families.get(name)
        if family is None or family.type != kind or not family.samples:
            problems.append(f"{os.path.basename(path)}: {name} ({kind}) missing or empty")
    for family in families.values():
        if family.type == "histogram":
            for sample in family.samples:
                if sample.name.endswith("_bucket") and "le" not in sample.labels:
                    problems.append(f"{os.path.basename(path)}: bucket without le in {family.name}")
for problem in problems:
    print("prometheus:", problem)
print(f"prometheus: {len(files)} rendering(s) parsed by prometheus_client, {len(EXPECTED)} families each")
sys.exit(1 if problems else 0)
