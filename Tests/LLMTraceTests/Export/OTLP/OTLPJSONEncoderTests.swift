import Foundation
import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct OTLPJSONEncoderTests {
    func encodeOne(_ span: SpanData) throws -> [String: Any] {
        let body = OTLPJSONEncoder.encode([span])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let resourceSpans = try #require(json["resourceSpans"] as? [[String: Any]])
        let scopeSpans = try #require(resourceSpans.first?["scopeSpans"] as? [[String: Any]])
        return try #require((scopeSpans.first?["spans"] as? [[String: Any]])?.first)
    }

    func text(_ span: SpanData) -> String {
        String(decoding: OTLPJSONEncoder.encode([span]), as: UTF8.self)
    }

    @Test func idsAreLowercaseHexAndRootHasNoParent() throws {
        var span = SpanData.stub(name: "op", traceID: TraceID(high: 0xABCD, low: 0xEF), spanID: 0xFF)
        let root = try encodeOne(span)
        #expect(root["traceId"] as? String == "000000000000abcd00000000000000ef")
        #expect(root["spanId"] as? String == "00000000000000ff")
        #expect(root["parentSpanId"] == nil)
        span.parentSpanID = SpanID(0x10)
        #expect(try encodeOne(span)["parentSpanId"] as? String == "0000000000000010")
    }

    @Test func sixtyFourBitIntegersAreDecimalStrings() throws {
        var span = SpanData.stub(name: "op")
        span.attributes = ["big": .int(Int.max), "neg": .int(-5)]
        let json = text(span)
        #expect(json.contains("\"startTimeUnixNano\":\"1767225600000000000\""))
        #expect(json.contains("\"endTimeUnixNano\":\"1767225601000000000\""))
        #expect(json.contains("{\"intValue\":\"9223372036854775807\"}"))
        #expect(json.contains("{\"intValue\":\"-5\"}"))
    }

    @Test func enumsAreNumbers() throws {
        var span = SpanData.stub(name: "op")
        span.kind = .client
        span.status = .error(description: "boom")
        let encoded = try encodeOne(span)
        #expect(encoded["kind"] as? Int == 3)
        let status = try #require(encoded["status"] as? [String: Any])
        #expect(status["code"] as? Int == 2)
        #expect(status["message"] as? String == "boom")
        span.status = .ok
        #expect((try encodeOne(span)["status"] as? [String: Any])?["message"] == nil)
    }

    @Test func keysAreLowerCamelCase() {
        var span = SpanData.stub(name: "op")
        span.events = [SpanEvent(name: "e", timeUnixNano: 1_767_225_600_500_000_000, droppedAttributesCount: 1)]
        span.droppedAttributesCount = 2
        let json = text(span)
        for key in ["resourceSpans", "scopeSpans", "traceId", "spanId", "startTimeUnixNano", "timeUnixNano", "droppedAttributesCount"] {
            #expect(json.contains("\"\(key)\""))
        }
        #expect(!json.contains("_unix_nano"))
        #expect(!json.contains("trace_id"))
    }

    @Test func flagsCarryTraceFlagsAndRemoteness() throws {
        var span = SpanData.stub(name: "op")
        #expect(try encodeOne(span)["flags"] as? Int == 257)
        span.parentSpanID = SpanID(7)
        span.parentIsRemote = true
        #expect(try encodeOne(span)["flags"] as? Int == 769)
    }

    @Test func stringsAreEscaped() throws {
        let nasty = "quote\" backslash\\ newline\n tab\t nul\u{0} bell\u{7} é 漢字 👍"
        var span = SpanData.stub(name: nasty)
        span.attributes = ["k\"ey": .string(nasty)]
        let raw = text(span)
        #expect(raw.contains("\\u0000"))
        #expect(raw.contains("\\u0007"))
        #expect(raw.contains("\\n"))
        let encoded = try encodeOne(span)
        #expect(encoded["name"] as? String == nasty)
        let attribute = try #require((encoded["attributes"] as? [[String: Any]])?.first)
        #expect(attribute["key"] as? String == "k\"ey")
        #expect((attribute["value"] as? [String: Any])?["stringValue"] as? String == nasty)
    }

    @Test func nonFiniteDoublesAreStrings() {
        var span = SpanData.stub(name: "op")
        span.attributes = ["nan": .double(.nan), "inf": .double(.infinity), "ninf": .double(-.infinity), "x": .double(0.87), "tiny": .double(1e-7), "whole": .double(2)]
        let json = text(span)
        #expect(json.contains("{\"doubleValue\":\"NaN\"}"))
        #expect(json.contains("{\"doubleValue\":\"Infinity\"}"))
        #expect(json.contains("{\"doubleValue\":\"-Infinity\"}"))
        #expect(json.contains("{\"doubleValue\":0.87}"))
        // Exponent form is valid JSON, and the shorter text for tiny values.
        #expect(json.contains("{\"doubleValue\":1e-07}"))
        #expect(json.contains("{\"doubleValue\":2}"))
    }

    @Test func arraysUseArrayValue() throws {
        var span = SpanData.stub(name: "op")
        span.attributes = ["reasons": .stringArray(["stop"]), "empty": .intArray([]), "flags": .boolArray([true, false])]
        let json = text(span)
        #expect(json.contains("{\"arrayValue\":{\"values\":[{\"stringValue\":\"stop\"}]}}"))
        #expect(json.contains("{\"key\":\"empty\",\"value\":{\"arrayValue\":{}}}"))
        #expect(json.contains("[{\"boolValue\":true},{\"boolValue\":false}]"))
    }

    @Test func defaultsAreOmitted() throws {
        let encoded = try encodeOne(.stub(name: "op"))
        for key in ["attributes", "events", "links", "status", "droppedAttributesCount", "traceState", "parentSpanId"] {
            #expect(encoded[key] == nil)
        }
    }

    @Test func spansAreGroupedByResourceAndScope() throws {
        let resource = Resource(attributes: ["service.name": "svc"])
        let scopeA = InstrumentationScope(name: "a", version: "1")
        let scopeB = InstrumentationScope(name: "b")
        func make(_ name: String, _ scope: InstrumentationScope) -> SpanData {
            var span = SpanData.stub(name: name)
            span.resource = resource
            span.scope = scope
            return span
        }
        let body = OTLPJSONEncoder.encode([make("1", scopeA), make("2", scopeB), make("3", scopeA)])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let resourceSpans = try #require(json["resourceSpans"] as? [[String: Any]])
        #expect(resourceSpans.count == 1)
        let scopeSpans = try #require(resourceSpans[0]["scopeSpans"] as? [[String: Any]])
        #expect(scopeSpans.count == 2)
        #expect((scopeSpans[0]["scope"] as? [String: Any])?["version"] as? String == "1")
        #expect((scopeSpans[0]["spans"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["1", "3"])
    }

    @Test func eventsAndLinksAreEncoded() throws {
        var span = SpanData.stub(name: "op")
        span.events = [SpanEvent(name: "exception", timeUnixNano: 1_767_225_600_500_000_000, attributes: ["exception.type": "E"])]
        let linked = SpanContext(traceID: TraceID(high: 5, low: 6), spanID: SpanID(7), traceFlags: [.sampled], traceState: TraceState(header: "a=b")!, isRemote: true)
        span.links = [SpanLink(context: linked, attributes: ["why": "retry"])]
        let encoded = try encodeOne(span)
        let event = try #require((encoded["events"] as? [[String: Any]])?.first)
        #expect(event["timeUnixNano"] as? String == "1767225600500000000")
        let link = try #require((encoded["links"] as? [[String: Any]])?.first)
        #expect(link["spanId"] as? String == "0000000000000007")
        #expect(link["traceState"] as? String == "a=b")
        #expect(link["flags"] as? Int == 769)
    }
}

extension OTLPJSONEncoderTests {
    @Test func resourceWithoutServiceNameGetsUnknownService() throws {
        let body = String(decoding: OTLPJSONEncoder.encode([.stub(name: "op")]), as: UTF8.self)
        #expect(body.contains("{\"key\":\"service.name\",\"value\":{\"stringValue\":\"unknown_service\"}}"))
    }
}
