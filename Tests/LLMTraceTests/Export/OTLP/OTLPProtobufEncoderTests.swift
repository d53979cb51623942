import Foundation
import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

/// The protobuf form of spans, read back with `ProtobufReader` by field number (the numbers of
/// `opentelemetry/proto/trace/v1/trace.proto`). `ProtobufPairs` saves each batch in both
/// encodings too, and scripts/test.sh checks with the official schema that the two decode to
/// equal requests.
@Suite struct OTLPProtobufEncoderTests {
    typealias Fields = [(field: Int, value: ProtobufReader.Value)]

    static func fields(_ bytes: ArraySlice<UInt8>) throws -> Fields { try #require(ProtobufReader.fields(bytes)) }

    static func messages(_ fields: Fields, _ number: Int) throws -> [Fields] {
        try fields.filter { $0.field == number }.map { field in
            guard case .bytes(let bytes) = field.value else { throw ProtobufTestError.notAMessage(number) }
            return try Self.fields(bytes)
        }
    }

    static func string(_ fields: Fields, _ number: Int) -> String? {
        guard case .bytes(let bytes)? = fields.first(where: { $0.field == number })?.value else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func value(_ fields: Fields, _ number: Int) -> ProtobufReader.Value? {
        fields.first { $0.field == number }?.value
    }

    /// The spans of a request, in order.
    static func spans(_ body: [UInt8]) throws -> [Fields] {
        try messages(try fields(body[...]), 1).flatMap { try messages($0, 2) }.flatMap { try messages($0, 2) }
    }

    @Test func aSpanHasItsFieldsByNumber() throws {
        var span = SpanData.stub(name: "chat gpt-4o-mini", traceID: TraceID(high: 0x0102_0304_0506_0708, low: 0x090A_0B0C_0D0E_0F10), spanID: 0x1122_3344_5566_7788)
        span.parentSpanID = SpanID(0x99)
        span.parentIsRemote = true
        span.kind = .client
        span.attributes = ["gen_ai.usage.input_tokens": 120, "gen_ai.request.model": "gpt-4o-mini"]
        span.droppedAttributesCount = 2
        span.status = .error(description: "429 Too Many Requests")
        let encoded = try #require(try Self.spans(ProtobufPairs.encode([span], label: "one-span")).first)
        #expect(Self.value(encoded, 1) == .bytes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16][...]))
        #expect(Self.value(encoded, 2) == .bytes([0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88][...]))
        #expect(Self.value(encoded, 4) == .bytes([0, 0, 0, 0, 0, 0, 0, 0x99][...]))
        #expect(Self.string(encoded, 5) == "chat gpt-4o-mini")
        #expect(Self.value(encoded, 6) == .varint(3))
        #expect(Self.value(encoded, 7) == .fixed64(1_767_225_600_000_000_000))
        #expect(Self.value(encoded, 8) == .fixed64(1_767_225_601_000_000_000))
        #expect(Self.value(encoded, 10) == .varint(2))
        #expect(Self.value(encoded, 16) == .fixed32(0x301))
        let attributes = try Self.messages(encoded, 9)
        #expect(attributes.map { Self.string($0, 1) } == ["gen_ai.usage.input_tokens", "gen_ai.request.model"])
        let tokens = try #require(try Self.messages(attributes[0], 2).first)
        #expect(Self.value(tokens, 3) == .varint(120))
        let status = try #require(try Self.messages(encoded, 15).first)
        #expect(Self.string(status, 2) == "429 Too Many Requests" && Self.value(status, 3) == .varint(2))
    }

    @Test func defaultsAreLeftOutButAnEmptyStringValueIsKept() throws {
        var span = SpanData.stub(name: "root")
        span.kind = .internal
        span.attributes = ["empty": ""]
        let encoded = try #require(try Self.spans(ProtobufPairs.encode([span], label: "defaults")).first)
        #expect(Self.value(encoded, 4) == nil, "a root has no parent_span_id")
        #expect(Self.value(encoded, 3) == nil && Self.value(encoded, 10) == nil && Self.value(encoded, 15) == nil)
        let value = try #require(try Self.messages(try Self.messages(encoded, 9)[0], 2).first)
        #expect(Self.value(value, 1) == .bytes([][...]), "the oneof is set, to the empty string")
    }

    @Test func everyAttributeKindEventsLinksAndGroupsMatchTheJSONForm() throws {
        let resource = Resource(attributes: ["service.name": "svc", "deployment.environment.name": "test"])
        let scopes = [InstrumentationScope(name: "a", version: "1.0"), InstrumentationScope(name: "b")]
        var spans: [SpanData] = []
        for i in 0..<6 {
            var span = SpanData.stub(name: "op-\(i) ✓ ünïcode \"quoted\"", spanID: UInt64(i + 1))
            span.resource = i == 5 ? Resource(attributes: ["no": "service name"]) : resource
            span.scope = scopes[i % 2]
            span.parentSpanID = i == 0 ? nil : SpanID(1)
            span.kind = SpanKind(rawValue: i % 6) ?? .internal
            span.attributes = [
                "s": "text\n\u{1}", "b": .bool(i % 2 == 0), "i": .int(-i * 1_000_000_007), "d": .double(0.1 * Double(i) - 3e-7),
                "sa": .stringArray(["a", "", "c"]), "ba": .boolArray([true, false]), "ia": .intArray([Int.min, 0, Int.max]),
                "da": .doubleArray([1e300, -0.0, 2.5]), "empty-array": .stringArray([]),
                "long": .string(String(repeating: "é", count: 9000)),
            ]
            span.events = [SpanEvent(name: "exception", timeUnixNano: 1_767_225_600_500_000_000, attributes: ["exception.type": "E"], droppedAttributesCount: 1)]
            let linked = SpanContext(traceID: TraceID(high: 5, low: 6), spanID: SpanID(7), traceFlags: [.sampled], traceState: TraceState(header: "a=b,c=d")!, isRemote: true)
            span.links = [SpanLink(context: linked, attributes: ["why": "retry"], droppedAttributesCount: 3)]
            span.droppedEventsCount = i
            span.droppedLinksCount = i
            span.status = [SpanStatus.unset, .ok, .error(description: ""), .error(description: "boom")][i % 4]
            spans.append(span)
        }
        let body = ProtobufPairs.encode(spans, label: "every-kind")
        let resourceSpans = try Self.messages(try Self.fields(body[...]), 1)
        #expect(resourceSpans.count == 2)
        #expect(try Self.messages(resourceSpans[0], 2).count == 2, "two scopes under the first resource")
        #expect(try Self.spans(body).count == 6)
    }
}

enum ProtobufTestError: Error {
    case notAMessage(Int)
}
