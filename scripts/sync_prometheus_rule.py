#!/usr/bin/env python3
"""Rewrites spec.groups of collector-config/kubernetes/prometheus-rule.yaml from the rule files
Prometheus loads in the compose set-up: the groups of alerts.yml, then those of
recording-rules.yml, copied as text so their comments come along. Everything in the manifest up
to the `  groups:` line under `spec:` (comments, metadata, labels) is kept as it is.

usage: sync_prometheus_rule.py [REPO_ROOT]
scripts/check_configs.py fails when the manifest's groups differ from the files'.
"""
import sys
from pathlib import Path

RULE_FILES = ["collector-config/prometheus/alerts.yml", "collector-config/prometheus/recording-rules.yml"]
MANIFEST = "collector-config/kubernetes/prometheus-rule.yaml"

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
manifest_lines = (root / MANIFEST).read_text().splitlines()
try:
    end = manifest_lines.index("  groups:")
except ValueError:
    sys.exit(f"{MANIFEST}: no `  groups:` line under spec:")
out = manifest_lines[: end + 1]
for path in RULE_FILES:
    lines = (root / path).read_text().splitlines()
    try:
        start = lines.index("groups:")
    except ValueError:
        sys.exit(f"{path}: no top-level `groups:` line")
    out.append(f"    # from {path}")
    out += [("  " + line) if line.strip() else "" for line in lines[start + 1:]]
(root / MANIFEST).write_text("\n".join(out).rstrip("\n") + "\n")
print(f"{MANIFEST}: spec.groups rewritten from {', '.join(RULE_FILES)}")
