#!/usr/bin/env python3
"""Checks that two runs of the same program sent the same OTLP requests, up to ids and clocks.

usage: compare_wire.py DIR_A DIR_B SHARED_OTLP_DIR

Each DIR holds the bodies scripts/wire_receiver.py saved. Every body is decoded with the official
schema (OTLP/JSON as the strict receiver decodes it: hex ids, then the schema's JSON mapping) and
reduced to what a back end shows and does not depend on when or with which random ids the run
happened:
- spans by trace, each with its parent's name instead of its parent's id, links by the linked
  span's name; the trace ids, span ids and every timestamp are left out;
- log records with the name of the span they belong to instead of its ids, times left out;
- metrics: each series' last data point (they are cumulative), values compared exactly except
  those of histograms in seconds, whose count and bounds are compared but not the measured sum
  and buckets;
- resource attributes that name the process (`process.pid`, `service.instance.id`) left out, and
  the values of attributes that the program draws at random or reads from a clock
  (`VOLATILE_VALUES`) compared by presence only.
How the items are split into requests and batches depends on timing and is not compared. Exit 1
when the two runs differ, with the first differences.
"""
import collections
import difflib
import glob
import gzip
import json
import os
import sys

sys.path.insert(0, sys.argv[3])
import strict_receiver  # noqa: E402
from google.protobuf import json_format  # noqa: E402

PROCESS_KEYS = {"process.pid", "service.instance.id"}
# Attribute values a run draws at random or reads from a clock (rag-demo's local generator names
# each answer with a random id; the time to the first chunk is measured): compared by presence.
VOLATILE_VALUES = {"gen_ai.response.id", "gen_ai.response.time_to_first_chunk"}
KINDS = {
    "traces": strict_receiver.ExportTraceServiceRequest,
    "metrics": strict_receiver.ExportMetricsServiceRequest,
    "logs": strict_receiver.ExportLogsServiceRequest,
}


def requests(directory):
    """Yields (signal, decoded request) for every body in `directory`, in arrival order."""
    paths = sorted(glob.glob(os.path.join(directory, "*-*.*")))
    if not paths:
        sys.exit(f"compare_wire: no bodies in {directory}")
    for path in paths:
        name = os.path.basename(path)
        signal_name = name.split("-", 1)[1].split(".", 1)[0]
        body = open(path, "rb").read()
        if name.endswith(".gz"):
            body = gzip.decompress(body)
        request = KINDS[signal_name]()
        if ".json" in name:
            document = json.loads(body)
            errors, warnings = [], []
            strict_receiver.walk_json(document, request.DESCRIPTOR, "", errors, warnings, False)
            if errors:
                sys.exit(f"compare_wire: {path} is not conformant OTLP/JSON: {errors[:3]}")
            json_format.ParseDict(document, request)
        else:
            request.ParseFromString(body)
        yield signal_name, request


def attributes(key_values, leave_out=()):
    return {kv.key: "(varies)" if kv.key in VOLATILE_VALUES else json_format.MessageToDict(kv.value)
            for kv in key_values if kv.key not in leave_out}


def resource_and_scope(resource_holder, scope_holder):
    return {
        "resource": attributes(resource_holder.resource.attributes, PROCESS_KEYS),
        "resource_schema": resource_holder.schema_url,
        "scope": [scope_holder.scope.name, scope_holder.scope.version, attributes(scope_holder.scope.attributes)],
        "scope_schema": scope_holder.schema_url,
    }


def reduce(directory):
    spans, logs, points = [], [], {}
    for signal_name, request in requests(directory):
        if signal_name == "traces":
            for rs in request.resource_spans:
                for ss in rs.scope_spans:
                    origin = resource_and_scope(rs, ss)
                    spans.extend((origin, span) for span in ss.spans)
        elif signal_name == "logs":
            for rl in request.resource_logs:
                for sl in rl.scope_logs:
                    origin = resource_and_scope(rl, sl)
                    logs.extend((origin, record) for record in sl.log_records)
        else:
            for rm in request.resource_metrics:
                for sm in rm.scope_metrics:
                    origin = resource_and_scope(rm, sm)
                    for metric in sm.metrics:
                        for key, point in metric_points(metric):
                            series = json.dumps([origin, key], sort_keys=True)
                            if series not in points or point[0] >= points[series][0]:
                                points[series] = point

    span_names = {(s.trace_id, s.span_id): s.name for _, s in spans}
    traces = collections.defaultdict(list)
    for origin, s in spans:
        traces[s.trace_id].append(json.dumps({
            **origin,
            "name": s.name,
            "kind": s.kind,
            "parent": span_names.get((s.trace_id, s.parent_span_id), "(none)" if not s.parent_span_id else "(not sent)"),
            "trace_state": s.trace_state,
            "flags": s.flags,
            "attributes": attributes(s.attributes),
            "dropped_attributes": s.dropped_attributes_count,
            "events": [[e.name, attributes(e.attributes), e.dropped_attributes_count] for e in s.events],
            "dropped_events": s.dropped_events_count,
            "links": [[span_names.get((l.trace_id, l.span_id), "(not sent)"), l.trace_state, attributes(l.attributes), l.flags]
                      for l in s.links],
            "dropped_links": s.dropped_links_count,
            "status": [s.status.code, s.status.message],
        }, sort_keys=True))
    reduced_logs = [json.dumps({
        **origin,
        "span": span_names.get((r.trace_id, r.span_id), "(none)" if not r.span_id else "(not sent)"),
        "flags": r.flags,
        "severity": [r.severity_number, r.severity_text],
        "body": json_format.MessageToDict(r.body),
        "attributes": attributes(r.attributes),
        "dropped_attributes": r.dropped_attributes_count,
        "event_name": r.event_name,
    }, sort_keys=True) for origin, r in logs]
    return {
        "traces": collections.Counter(json.dumps(sorted(t)) for t in traces.values()),
        "log records": collections.Counter(reduced_logs),
        "metric series": collections.Counter(json.dumps([series, point[1]], sort_keys=True) for series, point in points.items()),
    }


def metric_points(metric):
    """Yields ((metric's identity, point's attributes), (time, compared value)) for each data point."""
    kind = metric.WhichOneof("data")
    data = getattr(metric, kind)
    identity = [metric.name, metric.unit, metric.description, kind,
                getattr(data, "aggregation_temporality", 0), getattr(data, "is_monotonic", False)]
    for p in data.data_points:
        value = json_format.MessageToDict(p)
        for volatile in ("startTimeUnixNano", "timeUnixNano", "attributes", "exemplars"):
            value.pop(volatile, None)
        if kind == "histogram" and metric.unit == "s":
            value = {"count": value.get("count"), "explicitBounds": value.get("explicitBounds")}
        yield [identity, attributes(p.attributes)], (p.time_unix_nano, value)


def differences(a, b, path=""):
    """Yields (path, a's value, b's value) where two decoded items differ (a list of spans is
    compared span by span, each span's JSON text decoded)."""
    if isinstance(a, str) and isinstance(b, str) and a.startswith("{") and b.startswith("{"):
        a, b = json.loads(a), json.loads(b)
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            yield from differences(a.get(key, "(absent)"), b.get(key, "(absent)"), f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b)):
            yield from differences(x, y, f"{path}[{index}]")
    elif a != b:
        yield path or "(item)", json.dumps(a)[:300], json.dumps(b)[:300]


def main():
    a, b = reduce(sys.argv[1]), reduce(sys.argv[2])
    differs = False
    for what in a:
        only_a, only_b = a[what] - b[what], b[what] - a[what]
        total = sum(a[what].values())
        if not only_a and not only_b:
            print(f"same {what}: {total}")
            continue
        differs = True
        print(f"DIFFERENT {what}: {total} and {sum(b[what].values())}; "
              f"{sum(only_a.values())} only in the first run, {sum(only_b.values())} only in the second")
        for item in list(only_a)[:3]:
            twin = max(only_b, key=lambda other: difflib.SequenceMatcher(None, item, other).ratio(), default=None)
            if twin is None:
                print(f"  only in the first run: {item[:1500]}")
                continue
            for path, first, second in differences(json.loads(item), json.loads(twin)):
                print(f"  {path}: {first} in the first run, {second} in the second")
    sys.exit(1 if differs else 0)


if __name__ == "__main__":
    main()
