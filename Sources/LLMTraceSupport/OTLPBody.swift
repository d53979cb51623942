/// Reads span ids out of OTLP trace bodies (JSON or protobuf) without decoding whole messages,
/// fast enough for a sink that must not be what a benchmark measures.
public enum OTLPBody {
    /// Calls `visit` with the offset of each span's id value (just past `"spanId":"`).
    /// `parentSpanId` has a capital S and link ids sit in `links`, which the workloads leave empty.
    ///
    /// The search keys on the rare byte `I` (three per span: `traceId`, `spanId`,
    /// `parentSpanId`) rather than on the quote that opens every token.
    public static func forEachSpanID(in body: [UInt8], _ visit: (Int) -> Void) {
        var offset = 0
        while let position = LoopbackHTTPServer.find(capitalI, in: body, from: offset) {
            offset = position + 1
            // `I` is at index 5 of `"spanId":"`; the quote before `span` turns away `traceId` and
            // `parentSpanId` with one byte read.
            if position >= 5, body[position - 5] == UInt8(ascii: "\""), body.count >= position + 5,
               body[(position - 5)..<(position + 5)].elementsEqual(spanKey) {
                visit(position + 5)
            }
        }
    }

    /// How many spans a body holds.
    public static func countSpans(in body: [UInt8]) -> Int {
        var total = 0
        if isProtobuf(body) {
            forEachProtobufSpanID(in: body) { _ in total += 1 }
        } else {
            forEachSpanID(in: body) { _ in total += 1 }
        }
        return total
    }

    /// The span ids of a body, in order.
    public static func spanIDs(in body: [UInt8]) -> [UInt64] {
        var ids: [UInt64] = []
        if isProtobuf(body) {
            forEachProtobufSpanID(in: body) { ids.append($0) }
            return ids
        }
        forEachSpanID(in: body) { start in
            guard start + 16 <= body.count,
                  let id = UInt64(String(decoding: body[start..<(start + 16)], as: UTF8.self), radix: 16)
            else { return }
            ids.append(id)
        }
        return ids
    }

    /// A JSON body starts with `{`; an `ExportTraceServiceRequest` with the tag of field 1 (0x0A).
    static func isProtobuf(_ body: [UInt8]) -> Bool { body.first == 0x0A }

    /// `resource_spans` (1) → `scope_spans` (2) → `spans` (2) → `span_id` (2).
    private static func forEachProtobufSpanID(in body: [UInt8], _ visit: (UInt64) -> Void) {
        ProtobufReader.forEachField(body[...]) { field, value in
            guard field == 1, case .bytes(let resourceSpans) = value else { return }
            ProtobufReader.forEachField(resourceSpans) { field, value in
                guard field == 2, case .bytes(let scopeSpans) = value else { return }
                ProtobufReader.forEachField(scopeSpans) { field, value in
                    guard field == 2, case .bytes(let span) = value else { return }
                    ProtobufReader.forEachField(span) { field, value in
                        guard field == 2, case .bytes(let id) = value, id.count == 8 else { return }
                        visit(id.reduce(0) { $0 << 8 | UInt64($1) })
                    }
                }
            }
        }
    }

    private static let spanKey = Array("\"spanId\":\"".utf8)
    private static let capitalI = Array("I".utf8)
}
