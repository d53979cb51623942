#!/usr/bin/env python3
"""Checks that each batch the tests encoded in both OTLP encodings decodes to the same request.

usage: check_protobuf_pairs.py PAYLOAD_DIR SHARED_OTLP_DIR

For every `*-pair-<label>.json` with a `.pb` twin (written by the tests' ProtobufPairs), the JSON
is decoded the way the strict receiver decodes OTLP/JSON (hex ids, then the official schema's
JSON mapping) and the protobuf with the official schema; the two messages must be equal.
"""
import glob
import json
import os
import sys

sys.path.insert(0, sys.argv[2])
import strict_receiver  # noqa: E402
from google.protobuf import json_format  # noqa: E402

pairs = sorted(glob.glob(os.path.join(sys.argv[1], "*-pair-*.json")))
if not pairs:
    print("protobuf pairs: none found")
    sys.exit(1)
failures = 0
for path in pairs:
    twin = path[:-len(".json")] + ".pb"
    name = os.path.basename(path)[:-len(".json")]
    if not os.path.exists(twin):
        print(f"FAIL {name}: no .pb twin")
        failures += 1
        continue
    if name.startswith("metrics-"):
        kind = strict_receiver.ExportMetricsServiceRequest
    elif name.startswith("logs-"):
        kind = strict_receiver.ExportLogsServiceRequest
    else:
        kind = strict_receiver.ExportTraceServiceRequest
    from_json, from_protobuf = kind(), kind()
    document = json.load(open(path, encoding="utf-8"))
    errors, warnings = [], []
    strict_receiver.walk_json(document, from_json.DESCRIPTOR, "", errors, warnings, False)
    if errors:
        print(f"FAIL {name}: the JSON form is not conformant: {errors[:3]}")
        failures += 1
        continue
    json_format.ParseDict(document, from_json)
    from_protobuf.ParseFromString(open(twin, "rb").read())
    if from_json != from_protobuf:
        print(f"FAIL {name}: the two encodings decode to different requests")
        a = json_format.MessageToDict(from_json)
        b = json_format.MessageToDict(from_protobuf)
        print("  json:    ", json.dumps(a, sort_keys=True)[:600])
        print("  protobuf:", json.dumps(b, sort_keys=True)[:600])
        failures += 1
    else:
        print(f"ok {name}: {from_protobuf.ByteSize()} bytes as protobuf, {os.path.getsize(path)} as JSON")
if failures:
    sys.exit(1)
print(f"protobuf pairs: {len(pairs)} batches decode equally from JSON and protobuf")
