import Foundation
@testable import LLMTrace
import LLMTraceSupport

/// Encodes test batches in both OTLP encodings and saves the pair in `LLMTRACE_PAYLOAD_DIR`
/// (`payload-pair-<label>.json` and `.pb`, or `metrics-pair-...`): the conformance replay posts
/// both to the strict receiver, and scripts/check_protobuf_pairs.py checks that each pair
/// decodes to equal requests with the official schema.
enum ProtobufPairs {
    /// The protobuf body of `spans`, after saving the pair.
    static func encode(_ spans: [SpanData], label: String) -> [UInt8] {
        var json = ByteWriter()
        OTLPJSONEncoder.encode(spans, into: &json)
        var protobuf = ByteWriter()
        OTLPProtobufEncoder.encode(spans, into: &protobuf)
        save(json: json.bytes, protobuf: protobuf.bytes, name: "payload-pair-\(label)")
        return protobuf.bytes
    }

    /// The protobuf body of metric `points`, after saving the pair.
    static func encode(_ points: [MetricPoint], resource: Resource, startTimeUnixNano: UInt64, label: String) -> [UInt8] {
        var json = ByteWriter()
        OTLPMetricsEncoder.encode(points, resource: resource, startTimeUnixNano: startTimeUnixNano, into: &json)
        var protobuf = ByteWriter()
        OTLPMetricsEncoder.encodeProtobuf(points, resource: resource, startTimeUnixNano: startTimeUnixNano, into: &protobuf)
        save(json: json.bytes, protobuf: protobuf.bytes, name: "metrics-pair-\(label)")
        return protobuf.bytes
    }

    static func save(json: [UInt8], protobuf: [UInt8], name: String) {
        guard let directory = ProcessInfo.processInfo.environment["LLMTRACE_PAYLOAD_DIR"] else { return }
        let base = URL(fileURLWithPath: directory).appendingPathComponent(name)
        try? Data(json).write(to: base.appendingPathExtension("json"))
        try? Data(protobuf).write(to: base.appendingPathExtension("pb"))
    }
}
