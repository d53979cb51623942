/// Reads span ids out of OTLP/JSON bodies without parsing them, fast enough for a sink that
/// must not be what a benchmark measures.
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
        forEachSpanID(in: body) { _ in total += 1 }
        return total
    }

    /// The span ids of a body, in order.
    public static func spanIDs(in body: [UInt8]) -> [UInt64] {
        var ids: [UInt64] = []
        forEachSpanID(in: body) { start in
            guard start + 16 <= body.count,
                  let id = UInt64(String(decoding: body[start..<(start + 16)], as: UTF8.self), radix: 16)
            else { return }
            ids.append(id)
        }
        return ids
    }

    private static let spanKey = Array("\"spanId\":\"".utf8)
    private static let capitalI = Array("I".utf8)
}
