#!/usr/bin/env bash
# Checks every Prometheus rule file with Prometheus's own tool (scripts/test.sh runs it after
# check_configs.py):
#   - promtool check rules: collector-config/prometheus/alerts.yml, recording-rules.yml and the
#     groups of the Kubernetes PrometheusRule (collector-config/kubernetes/prometheus-rule.yaml),
#     extracted to a temporary file;
#   - promtool check config: prometheus.yml, with its /etc/prometheus/ rule paths pointed at
#     copies of the rule files, so the rule_files list is checked too;
#   - promtool test rules: collector-config/prometheus/rules-test.yml (the availability ratio,
#     the latency filter, the quality alert firing after a drop and not before).
# usage: scripts/check_rules.sh     PYTHON: a python3 with PyYAML (default python3)
# promtool comes with Debian's `prometheus` package (.ci/run and scripts/install-deps.sh install it).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
RULES=collector-config/prometheus
MANIFEST=collector-config/kubernetes/prometheus-rule.yaml

if ! command -v promtool > /dev/null; then
    echo "promtool not found: install Debian's prometheus package (scripts/install-deps.sh does)" >&2
    exit 1
fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

"$PYTHON" - "$MANIFEST" "$TMP/prometheus-rule-groups.yml" <<'EOF'
import sys
import yaml
manifest = yaml.safe_load(open(sys.argv[1]))
if manifest.get("kind") != "PrometheusRule" or not (manifest.get("spec") or {}).get("groups"):
    sys.exit(f"{sys.argv[1]}: not a PrometheusRule with spec.groups")
with open(sys.argv[2], "w") as out:
    yaml.safe_dump({"groups": manifest["spec"]["groups"]}, out, sort_keys=False)
EOF
promtool check rules "$RULES/alerts.yml" "$RULES/recording-rules.yml" "$TMP/prometheus-rule-groups.yml"

cp "$RULES/alerts.yml" "$RULES/recording-rules.yml" "$TMP/"
sed "s|/etc/prometheus/|$TMP/|g" "$RULES/prometheus.yml" > "$TMP/prometheus.yml"
promtool check config "$TMP/prometheus.yml"

promtool test rules "$RULES/rules-test.yml"
