#!/usr/bin/env python3
"""Checks that jaeger-compose.yml and collector-config/ parse and say what the README says.

usage: check_configs.py REPO_ROOT     (needs PyYAML; scripts/test.sh installs it)
Exit 1 with one line per problem.
"""
import json
import os
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from llm_metric_names import series_names  # noqa: E402

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


compose = yaml.safe_load((root / "jaeger-compose.yml").read_text())
collector_path = root / "collector-config" / "otel-collector-config.yaml"
collector = yaml.safe_load(collector_path.read_text())
readme = (root / "README.md").read_text()
folder_readme = (root / "collector-config" / "README.md").read_text()

# --- compose: pinned images, the ports the README names, the config mounted where contrib reads it
services = compose.get("services", {})
check({"jaeger", "otel-collector", "prometheus", "grafana"} <= set(services), f"services are {sorted(services)}, expected jaeger, otel-collector, prometheus, grafana")
images = {name: s.get("image", "") for name, s in services.items()}
check(re.fullmatch(r"jaegertracing/jaeger:\d+\.\d+\.\d+", images.get("jaeger", "")) is not None,
      f"jaeger image not pinned to a 2.x.y version: {images.get('jaeger')}")
check(re.fullmatch(r"otel/opentelemetry-collector-contrib:\d+\.\d+\.\d+", images.get("otel-collector", "")) is not None,
      f"collector image not a pinned contrib version: {images.get('otel-collector')}")
check(re.fullmatch(r"prom/prometheus:v\d+\.\d+\.\d+", images.get("prometheus", "")) is not None,
      f"prometheus image not pinned: {images.get('prometheus')}")
check(re.fullmatch(r"grafana/grafana:\d+\.\d+\.\d+", images.get("grafana", "")) is not None,
      f"grafana image not pinned: {images.get('grafana')}")
published = {}
for name, service in services.items():
    for mapping in service.get("ports", []):
        host = str(mapping).split(":")[0]
        published[host] = name
for port, owner in [("16686", "jaeger"), ("14318", "jaeger"), ("4318", "otel-collector"), ("4317", "otel-collector"),
                    ("8889", "otel-collector"), ("9090", "prometheus"), ("3000", "grafana")]:
    check(published.get(port) == owner, f"host port {port} should be published by {owner}, is {published.get(port)}")
mounts = services.get("otel-collector", {}).get("volumes", [])
check(any(str(m).startswith("./collector-config/otel-collector-config.yaml:/etc/otelcol-contrib/config.yaml") for m in mounts),
      "the collector config is not mounted at /etc/otelcol-contrib/config.yaml")

# --- collector: components the README promises, all defined, in a sound order
receivers, processors, exporters = collector.get("receivers", {}), collector.get("processors", {}), collector.get("exporters", {})
http = (receivers.get("otlp", {}).get("protocols", {}) or {}).get("http", {}) or {}
check(str(http.get("endpoint", "")).endswith(":4318") and str(http.get("endpoint", "")).startswith("0.0.0.0"),
      f"otlp http receiver must listen on 0.0.0.0:4318, is {http.get('endpoint')}")
for name in ["memory_limiter", "batch", "tail_sampling"]:
    check(name in processors, f"processor {name} missing")
policies = {p.get("type") for p in processors.get("tail_sampling", {}).get("policies", [])}
check({"status_code", "latency", "probabilistic"} <= policies, f"tail_sampling policies are {sorted(policies)}")
errors_policy = [p for p in processors.get("tail_sampling", {}).get("policies", []) if p.get("type") == "status_code"]
check(bool(errors_policy) and "ERROR" in errors_policy[0].get("status_code", {}).get("status_codes", []),
      "the status_code policy does not keep ERROR")
jaeger_exporters = [n for n in exporters if n.split("/")[0] in ("otlp", "otlp_grpc")]
check(any(exporters[n].get("endpoint") == "jaeger:4317" for n in jaeger_exporters), "no OTLP exporter to jaeger:4317")
pipelines = collector.get("service", {}).get("pipelines", {})
traces = pipelines.get("traces", {})
check(bool(traces), "no traces pipeline")
order = traces.get("processors", [])
check(order[:1] == ["memory_limiter"], f"memory_limiter must come first, order is {order}")
check(order[-1:] == ["batch"], f"batch must come last, order is {order}")
for kind, defined in [("receivers", receivers), ("processors", processors), ("exporters", exporters)]:
    for pipeline in pipelines.values():
        for component in pipeline.get(kind, []):
            check(component in defined, f"pipeline uses {kind[:-1]} {component} that is not defined")
for extension in collector.get("service", {}).get("extensions", []):
    check(extension in collector.get("extensions", {}), f"extension {extension} not defined")

# --- metrics: the Collector serves them to Prometheus, which loads the alert rules; Grafana is provisioned
metrics_pipeline = pipelines.get("metrics", {})
check("otlp" in metrics_pipeline.get("receivers", []) and "prometheus" in metrics_pipeline.get("exporters", []),
      "no metrics pipeline from otlp to the prometheus exporter")
check(str(exporters.get("prometheus", {}).get("endpoint", "")).endswith(":8889"), "prometheus exporter not on :8889")
logs_pipeline = pipelines.get("logs", {})
check("otlp" in logs_pipeline.get("receivers", []) and bool(logs_pipeline.get("exporters")),
      "no logs pipeline from otlp: LLMTrace's log records would be refused (404)")
for service, expected in [("prometheus", ["prometheus.yml:/etc/prometheus/prometheus.yml", "alerts.yml:/etc/prometheus/alerts.yml",
                                         "recording-rules.yml:/etc/prometheus/recording-rules.yml"]),
                          ("grafana", ["grafana/provisioning:/etc/grafana/provisioning", "grafana/dashboards:/var/lib/grafana/dashboards"])]:
    mounts = [str(m) for m in services.get(service, {}).get("volumes", [])]
    for fragment in expected:
        check(any(fragment in m for m in mounts), f"{service} does not mount {fragment}")
        source = next((m.split(":")[0] for m in mounts if fragment in m), None)
        check(source is not None and (root / source).exists(), f"{service} mounts {source}, which does not exist")
prometheus_config = yaml.safe_load((root / "collector-config/prometheus/prometheus.yml").read_text())
targets = [t for job in prometheus_config.get("scrape_configs", []) for sc in job.get("static_configs", []) for t in sc.get("targets", [])]
check("otel-collector:8889" in targets, f"Prometheus does not scrape otel-collector:8889 (targets {targets})")
for rule_file in ["/etc/prometheus/alerts.yml", "/etc/prometheus/recording-rules.yml"]:
    check(rule_file in prometheus_config.get("rule_files", []), f"Prometheus does not load {rule_file}")
datasources = yaml.safe_load((root / "collector-config/grafana/provisioning/datasources/prometheus.yml").read_text())
check(any(d.get("url") == "http://prometheus:9090" and d.get("uid") == "prometheus" for d in datasources.get("datasources", [])),
      "Grafana data source is not http://prometheus:9090 with uid prometheus")
providers = yaml.safe_load((root / "collector-config/grafana/provisioning/dashboards/llmtrace.yml").read_text())
check(any(p.get("options", {}).get("path") == "/var/lib/grafana/dashboards" for p in providers.get("providers", [])),
      "Grafana dashboard provider does not read /var/lib/grafana/dashboards")

known = series_names()
metric_token = re.compile(r"\b((?:gen_ai|llmtrace)_[a-z0-9_]+)\b")
# Recorded series are named level:metric:operations; a colon appears in no exported name.
recorded_token = re.compile(r"\b[a-zA-Z_][a-zA-Z0-9_]*(?::[a-zA-Z0-9_]+)+\b")
LABELS = ("gen_ai_request_model", "gen_ai_token_type", "gen_ai_operation_name", "gen_ai_provider_name",
          "gen_ai_evaluation_name", "gen_ai_agent_name", "gen_ai_tool_name", "gen_ai_tool_type")
rule_dir = root / "collector-config" / "prometheus"
alerts = yaml.safe_load((rule_dir / "alerts.yml").read_text())
recording = yaml.safe_load((rule_dir / "recording-rules.yml").read_text())
recorded = {r["record"] for f in (alerts, recording) for g in f.get("groups", []) for r in g.get("rules", []) if "record" in r}


def check_query(expr, where):
    """A query must name at least one series LLMTrace exports or a rule records, and only those."""
    used = recorded_token.findall(expr)
    for name in used:
        check(name in recorded, f"{where}: {name} is recorded by no rule in collector-config/prometheus/")
    # Taken out first: metric_token would match the metric part after a recorded name's colon.
    expr = recorded_token.sub(" ", expr)
    names = [n for n in metric_token.findall(expr) if not n.startswith(LABELS)]
    check(bool(names or used), f"{where}: query names no LLMTrace metric: {expr.strip()[:80]}")
    for name in names:
        check(name in known, f"{where}: {name} is not a metric LLMTrace exports")


dashboard = json.loads((root / "collector-config/grafana/dashboards/llm-overview.json").read_text())
check(dashboard.get("title") == "LLM overview", f"dashboard title is {dashboard.get('title')!r}")
titles = " | ".join(p.get("title", "") for p in dashboard.get("panels", [])).lower()
for needed in ["requests per second", "p50 / p95 / p99", "tokens per minute", "cost per hour", "error rate", "first chunk",
               "answer quality (evaluation score)", "output tokens per second", "tool and agent durations p95", "availability slo"]:
    check(needed in titles, f"dashboard has no panel for {needed!r}")
for panel in dashboard.get("panels", []):
    check(panel.get("datasource", {}).get("uid") == "prometheus", f"panel {panel.get('title')} does not use the provisioned data source")
    for target in panel.get("targets", []):
        check_query(target.get("expr", ""), f"panel {panel.get('title')!r}")
rules = [r for g in alerts.get("groups", []) for r in g.get("rules", [])]
alert_names = {r.get("alert") for r in rules}
for needed in ["LLMLatencyP95High", "LLMErrorRateHigh", "LLMHourlyCostHigh",
               "LLMAvailabilitySLOFastBurn", "LLMAvailabilitySLOSlowBurn", "LLMLatencyP99SLOBreached", "LLMAnswerQualityDegraded"]:
    check(needed in alert_names, f"alert rule {needed} is missing from alerts.yml")
for rule in rules:
    check("alert" in rule, f"alerts.yml holds a rule that is no alert: {rule.get('record')}")
    check(bool(rule.get("labels", {}).get("severity")) and bool(rule.get("annotations", {}).get("summary")),
          f"alert {rule.get('alert')} has no severity label or no summary")
    check_query(rule.get("expr", ""), f"alert {rule.get('alert')}")
recording_rules = [r for g in recording.get("groups", []) for r in g.get("rules", [])]
for rule in recording_rules:
    check("record" in rule, f"recording-rules.yml holds a rule that records nothing: {rule.get('alert')}")
    check(re.fullmatch(r"[a-z_]+:[a-z0-9_]+:[a-z0-9_]+", rule.get("record", "")) is not None,
          f"recorded name {rule.get('record')!r} does not follow level:metric:operations")
    check_query(rule.get("expr", ""), f"recording rule {rule.get('record')}")
for window in ["5m", "30m", "1h", "6h"]:
    check(f"gen_ai_request_model:llmtrace_gen_ai_availability:ratio_rate{window}" in recorded, f"no availability ratio over {window}")
for name in ["gen_ai_request_model:gen_ai_client_operation_duration_seconds:p99_rate5m",
             "gen_ai_request_model:gen_ai_client_operation_duration_seconds:p95_rate5m",
             "gen_ai_request_model:gen_ai_client_output_tokens:rate5m",
             "gen_ai_evaluation_name:llmtrace_gen_ai_evaluation_score:mean1h"]:
    check(name in recorded, f"recording rule {name} is missing")
check((rule_dir / "rules-test.yml").exists(), "collector-config/prometheus/rules-test.yml (promtool unit tests) is missing")

# --- the Kubernetes PrometheusRule carries exactly the groups of the two rule files
manifest_path = root / "collector-config/kubernetes/prometheus-rule.yaml"
manifest = yaml.safe_load(manifest_path.read_text())
check(manifest.get("apiVersion") == "monitoring.coreos.com/v1" and manifest.get("kind") == "PrometheusRule",
      f"{manifest_path.name} is {manifest.get('apiVersion')} {manifest.get('kind')}, expected monitoring.coreos.com/v1 PrometheusRule")
check(bool(manifest.get("metadata", {}).get("name")) and "release" in manifest.get("metadata", {}).get("labels", {}),
      f"{manifest_path.name} has no metadata.name or no release label (what kube-prometheus-stack's ruleSelector matches)")
in_files = {g["name"]: g for g in alerts.get("groups", []) + recording.get("groups", [])}
in_manifest = {g.get("name"): g for g in (manifest.get("spec") or {}).get("groups", [])}
check(len(in_files) == len(alerts.get("groups", [])) + len(recording.get("groups", [])), "alerts.yml and recording-rules.yml repeat a group name")
for name in sorted(set(in_files) | set(in_manifest), key=str):
    check(in_files.get(name) == in_manifest.get(name),
          f"{manifest_path.name}: group {name} differs from alerts.yml/recording-rules.yml (run scripts/sync_prometheus_rule.py)")

# --- the README names what the files define
for text in ["docker compose -f jaeger-compose.yml up -d", "http://localhost:16686", "http://localhost:4318"]:
    check(text in readme, f"README does not mention {text!r}")
# Ports of the programs that run on the host, beside the compose set-up, not in it.
HOST_PROGRAMS = {"8080": "the LLM gateway (Examples/llm-gateway)"}
for port in re.findall(r"localhost:(\d+)", readme):
    if port in HOST_PROGRAMS:
        check(port not in published, f"localhost:{port} is {HOST_PROGRAMS[port]}, but jaeger-compose.yml publishes it too")
        continue
    check(port in published, f"README names localhost:{port}, which jaeger-compose.yml does not publish")
for component in ["memory_limiter", "tail_sampling", "batch"]:
    check(component in folder_readme, f"collector-config/README.md does not describe {component}")
for name in sorted(alert_names - {None}):
    check(name in readme, f"README does not describe the alert {name}")
for text in ["recording-rules.yml", "collector-config/kubernetes/prometheus-rule.yaml", "promtool"]:
    check(text in readme, f"README does not mention {text}")
    check(text.split("/")[-1] in folder_readme, f"collector-config/README.md does not mention {text.split('/')[-1]}")

if problems:
    for p in problems:
        print(f"config check: {p}")
    sys.exit(1)
print(f"config check: jaeger-compose.yml, {collector_path.relative_to(root)}, the Prometheus, alert and Grafana files "
      f"parse, match the README, and query only metrics LLMTrace exports or rules record ({len(rules)} alert rules, "
      f"{len(recording_rules)} recording rules, the same {len(in_manifest)} groups in {manifest_path.name}, {len(dashboard['panels'])} panels)")
