import Foundation
import Testing
@testable import LLMTrace
import LLMTraceSupport

@Suite struct OTLPLogsEncoderTests {
    typealias Read = OTLPProtobufEncoderTests

    static func records() -> [LogRecordData] {
        let resource = Resource(attributes: ["service.name": "svc"])
        let scope = InstrumentationScope(name: "app.rag")
        let inSpan = SpanContext(traceID: TraceID(high: 1, low: 2), spanID: SpanID(3), isSampled: true)
        return [
            LogRecordData(
                timeUnixNano: 1_767_225_600_000_000_000, observedTimeUnixNano: 1_767_225_600_000_000_001, severity: .warn,
                severityText: "warning", body: "model slow ✓", attributes: ["http.status": "429", "n": 3, "ok": false],
                droppedAttributesCount: 2, spanContext: inSpan, resource: resource, scope: scope
            ),
            LogRecordData(
                timeUnixNano: 1_767_225_600_100_000_000, observedTimeUnixNano: 1_767_225_600_100_000_000, severity: .info,
                severityText: "INFO", body: nil, attributes: ["gen_ai.evaluation.name": "relevance", "gen_ai.evaluation.score.value": 0.75],
                spanContext: inSpan, eventName: "gen_ai.evaluation.result", resource: resource, scope: InstrumentationScope(name: "events")
            ),
            LogRecordData(
                timeUnixNano: 1_767_225_600_200_000_000, observedTimeUnixNano: 1_767_225_600_200_000_000, severity: .trace,
                severityText: "trace", body: "", attributes: [:], spanContext: nil, resource: resource, scope: scope
            ),
        ]
    }

    @Test func bothEncodingsCarryTheRecordsFieldsAndDecodeAlike() throws {
        var json = ByteWriter()
        OTLPLogsEncoder.encode(Self.records(), .httpJSON, into: &json)
        var protobuf = ByteWriter()
        OTLPLogsEncoder.encode(Self.records(), .httpProtobuf, into: &protobuf)
        ProtobufPairs.save(json: json.bytes, protobuf: protobuf.bytes, name: "logs-pair-records")

        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])
        let scopeLogs = try #require(((object["resourceLogs"] as? [[String: Any]])?.first?["scopeLogs"] as? [[String: Any]]))
        #expect(scopeLogs.count == 2, "grouped by scope")
        let first = try #require((scopeLogs[0]["logRecords"] as? [[String: Any]])?.first)
        #expect(first["traceId"] as? String == "00000000000000010000000000000002")
        #expect(first["spanId"] as? String == "0000000000000003")
        #expect(first["severityNumber"] as? Int == 13 && first["severityText"] as? String == "warning")
        #expect((first["body"] as? [String: Any])?["stringValue"] as? String == "model slow ✓")
        #expect(first["observedTimeUnixNano"] as? String == "1767225600000000001")
        #expect(first["flags"] as? Int == 1)

        let resourceLogs = try Read.messages(try Read.fields(protobuf.bytes[...]), 1)
        let records = try Read.messages(try Read.messages(resourceLogs[0], 2)[0], 2)
        #expect(records.count == 2, "the first scope's two records")
        #expect(Read.value(records[0], 2) == .varint(13))
        #expect(Read.value(records[0], 9) == .bytes([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2][...]))
        #expect(Read.value(records[0], 7) == .varint(2))
        #expect(Read.value(records[1], 9) == nil, "no span: no ids")
        let event = try Read.messages(try Read.messages(resourceLogs[0], 2)[1], 2)[0]
        #expect(Read.string(event, 12) == "gen_ai.evaluation.result")
        #expect(Read.value(event, 5) == nil, "no body")
    }
}
