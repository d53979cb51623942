import Foundation
import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct JSONKeyFragmentsTests {
    /// The attributes of `attributes` as the encoder writes them, once with the body's key
    /// fragments (`keys`, carried from call to call as over a body) and once in full.
    private func both(_ attributes: Attributes, _ keys: inout JSONKeyFragments, _ withFragments: inout ByteWriter, _ inFull: inout ByteWriter) {
        OTLPJSONEncoder.attributes(attributes, dropped: 0, into: &withFragments, leadingComma: false, keys: &keys)
        OTLPJSONEncoder.attributes(attributes, dropped: 0, into: &inFull, leadingComma: false)
        withFragments.raw(UInt8(ascii: ";"))
        inFull.raw(UInt8(ascii: ";"))
    }

    /// Keys met again, keys that need escapes, small strings held in the string's words,
    /// strings made at run time (each its own storage), and more distinct keys than slots (so
    /// keys evict each other): the body is the same bytes as one written without fragments.
    @Test func aBodyIsTheSameBytesAsOneWrittenInFull() {
        var keys = JSONKeyFragments()
        var withFragments = ByteWriter(capacity: 64)
        var inFull = ByteWriter(capacity: 64)
        // A key made once at run time and used by every span (heap storage, as a key read from
        // configuration would be), besides literals.
        let madeOnce = String(repeating: "k", count: 30) + ".\(Int.random(in: 0..<10))"
        let constants: Attributes = [
            GenAI.operationName: "chat", GenAI.requestModel: "gpt-4o-mini", "k\"ey\\ \n": 1, "é 漢字 👍": true, "short": 0.5,
            madeOnce: "v",
        ]
        for round in 0..<300 {
            both(constants, &keys, &withFragments, &inFull)
            // A key of its own each round, made at run time (heap storage, freed after), and
            // one of 200 that come back: more than the slots.
            var made = Attributes()
            made[String(repeating: "x", count: 20) + "-\(round)"] = .int(round)
            made["recurring.key.number.\(round % 200)"] = .string("v\(round)")
            both(made, &keys, &withFragments, &inFull)
        }
        #expect(String(decoding: withFragments.bytes, as: UTF8.self) == String(decoding: inFull.bytes, as: UTF8.self))
        #expect(withFragments.count > 50_000)
    }

    /// A key string whose storage is freed while its slot still names it, and a new key of the
    /// same length made in its place (glibc tends to give the freed block back): the entry keeps
    /// the old string, so the new one is never taken for it.
    @Test func aFreedKeysStorageIsNotTakenForAnother() {
        var keys = JSONKeyFragments()
        var withFragments = ByteWriter(capacity: 64)
        var inFull = ByteWriter(capacity: 64)
        for round in 0..<500 {
            var attributes = Attributes()
            attributes[String(repeating: Character(UnicodeScalar(UInt8(97 + round % 26))), count: 24)] = .int(round)
            both(attributes, &keys, &withFragments, &inFull)
        }
        #expect(String(decoding: withFragments.bytes, as: UTF8.self) == String(decoding: inFull.bytes, as: UTF8.self))
    }

    /// Span bodies whose spans repeat their keys decode to each span's own keys and values, in
    /// order; written into an array far too small for them (so the body moves to the writer's
    /// own memory partway, and keys are copied from before the move), they are the same bytes.
    @Test func spansWithRepeatedKeysEncodeTheirOwnKeys() throws {
        let spans = (0..<40).map { i -> SpanData in
            var span = SpanData.stub(name: "span \(i)")
            span.attributes = [GenAI.operationName: "chat", "index.\(i % 3)": .int(i), "same": .string("\(i)")]
            return span
        }
        let body = OTLPJSONEncoder.encode(spans)
        #expect(ByteWriter.array(capacity: 64) { OTLPJSONEncoder.encode(spans, into: &$0) } == body)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let decoded = try #require(((json["resourceSpans"] as? [[String: Any]])?.first?["scopeSpans"] as? [[String: Any]])?.first?["spans"] as? [[String: Any]])
        #expect(decoded.count == 40)
        for (i, span) in decoded.enumerated() {
            let attributes = try #require(span["attributes"] as? [[String: Any]])
            #expect(attributes.compactMap { $0["key"] as? String } == [GenAI.operationName, "index.\(i % 3)", "same"])
            #expect((attributes[2]["value"] as? [String: Any])?["stringValue"] as? String == "\(i)")
        }
    }

    /// Log records repeat keys too: each record's attributes decode as its own.
    @Test func logRecordsWithRepeatedKeysEncodeTheirOwnKeys() throws {
        let records = (0..<20).map { i in
            LogRecordData(
                timeUnixNano: 1, observedTimeUnixNano: 2, severity: .info, severityText: "INFO", body: "line \(i)",
                attributes: ["code.function": .string("f\(i % 2)"), "index": .int(i)], spanContext: nil,
                resource: .empty, scope: .unnamed
            )
        }
        var writer = ByteWriter()
        OTLPLogsEncoder.encodeJSON(records, into: &writer)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any])
        let decoded = try #require(((json["resourceLogs"] as? [[String: Any]])?.first?["scopeLogs"] as? [[String: Any]])?.first?["logRecords"] as? [[String: Any]])
        #expect(decoded.count == 20)
        for (i, record) in decoded.enumerated() {
            let attributes = try #require(record["attributes"] as? [[String: Any]])
            #expect(attributes.compactMap { $0["key"] as? String } == ["code.function", "index"])
            #expect((attributes[0]["value"] as? [String: Any])?["stringValue"] as? String == "f\(i % 2)")
            #expect((attributes[1]["value"] as? [String: Any])?["intValue"] as? String == "\(i)")
        }
    }
}
