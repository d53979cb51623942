#!/usr/bin/env python3
"""Checks that jaeger-compose.yml and collector-config/ parse and say what the README says.

usage: check_configs.py REPO_ROOT     (needs PyYAML; scripts/test.sh installs it)
Exit 1 with one line per problem.
"""
import re
import sys
from pathlib import Path

import yaml

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
check({"jaeger", "otel-collector"} <= set(services), f"services are {sorted(services)}, expected jaeger and otel-collector")
images = {name: s.get("image", "") for name, s in services.items()}
check(re.fullmatch(r"jaegertracing/jaeger:\d+\.\d+\.\d+", images.get("jaeger", "")) is not None,
      f"jaeger image not pinned to a 2.x.y version: {images.get('jaeger')}")
check(re.fullmatch(r"otel/opentelemetry-collector-contrib:\d+\.\d+\.\d+", images.get("otel-collector", "")) is not None,
      f"collector image not a pinned contrib version: {images.get('otel-collector')}")
published = {}
for name, service in services.items():
    for mapping in service.get("ports", []):
        host = str(mapping).split(":")[0]
        published[host] = name
for port, owner in [("16686", "jaeger"), ("14318", "jaeger"), ("4318", "otel-collector"), ("4317", "otel-collector")]:
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

# --- the README names what the files define
for text in ["docker compose -f jaeger-compose.yml up -d", "http://localhost:16686", "http://localhost:4318"]:
    check(text in readme, f"README does not mention {text!r}")
for port in re.findall(r"localhost:(\d+)", readme):
    check(port in published, f"README names localhost:{port}, which jaeger-compose.yml does not publish")
for component in ["memory_limiter", "tail_sampling", "batch"]:
    check(component in folder_readme, f"collector-config/README.md does not describe {component}")

if problems:
    for p in problems:
        print(f"config check: {p}")
    sys.exit(1)
print(f"config check: jaeger-compose.yml and {collector_path.relative_to(root)} parse and match the README")
