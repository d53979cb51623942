import Testing
@testable import LLMTrace
import LLMTraceSupport

@Suite struct OTLPMetricsEncoderProtobufTests {
    typealias Encoded = OTLPProtobufEncoderTests

    @Test func countersAndHistogramsHaveTheirFieldsByNumber() throws {
        var histogram = Histogram(bounds: [0.1, 1, 10])
        for value in [0.05, 0.5, 0.7, 20] { histogram.record(value) }
        let model = [("gen_ai.operation.name", "chat"), ("gen_ai.request.model", "gpt-4o-mini")]
        var points: [MetricPoint] = [
            .histogram(GenAI.clientOperationDuration, model, histogram),
            .histogram(GenAI.clientOperationDuration, model + [("error.type", "timeout")], Histogram(bounds: [1])),
            .counter(LLMTraceAttributes.requestsMetric, model, 4),
            .counter(LLMTraceAttributes.costMetric, model, 0.000123),
        ]
        for i in points.indices { points[i].timeUnixNano = 1_767_225_660_000_000_000 }
        let resource = Resource(attributes: ["service.name": "svc"])
        let body = ProtobufPairs.encode(points, resource: resource, startTimeUnixNano: 1_767_225_600_000_000_000, label: "llm-metrics")

        let scopeMetrics = try Encoded.messages(try Encoded.messages(try Encoded.fields(body[...]), 1)[0], 2)[0]
        let metrics = try Encoded.messages(scopeMetrics, 2)
        #expect(metrics.map { Encoded.string($0, 1) } == [GenAI.clientOperationDuration, LLMTraceAttributes.requestsMetric, LLMTraceAttributes.costMetric])
        #expect(Encoded.string(metrics[0], 3) == "s")

        let duration = try Encoded.messages(metrics[0], 9)[0]
        #expect(Encoded.value(duration, 2) == .varint(2), "cumulative")
        let first = try Encoded.messages(duration, 1)[0]
        #expect(Encoded.value(first, 2) == .fixed64(1_767_225_600_000_000_000))
        #expect(Encoded.value(first, 3) == .fixed64(1_767_225_660_000_000_000))
        #expect(Encoded.value(first, 4) == .fixed64(4))
        #expect(Encoded.value(first, 11) == .fixed64(0.05.bitPattern) && Encoded.value(first, 12) == .fixed64(20.0.bitPattern))
        guard case .bytes(let buckets)? = Encoded.value(first, 6) else { Issue.record("bucket_counts"); return }
        #expect(buckets.count == 4 * 8, "packed: one fixed64 per bucket")
        let empty = try Encoded.messages(duration, 1)[1]
        #expect(Encoded.value(empty, 4) == nil && Encoded.value(empty, 11) == nil, "no count, min or max without values")

        let requests = try Encoded.messages(metrics[1], 7)[0]
        #expect(Encoded.value(requests, 3) == .varint(1), "monotonic")
        #expect(Encoded.value(try Encoded.messages(requests, 1)[0], 6) == .fixed64(4), "as_int, sfixed64")
        let cost = try Encoded.messages(try Encoded.messages(metrics[2], 7)[0], 1)[0]
        #expect(Encoded.value(cost, 4) == .fixed64(0.000123.bitPattern), "as_double")
    }
}
