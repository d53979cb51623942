internal import LLMTraceSupport

/// W3C Trace Context: `traceparent` and `tracestate`.
///
/// Extraction follows the recommendation strictly: a malformed `traceparent` (wrong length or
/// case, version `ff`, all-zero ids, bad flags) is ignored together with its `tracestate`, so
/// the caller starts a new trace; a malformed `tracestate` alone is dropped and the
/// `traceparent` kept.
struct W3CTraceContextPropagator: TextMapPropagator {
    /// Creates the propagator.
    init() {}

    var fields: [String] { ["traceparent", "tracestate"] }

    func inject(_ context: SpanContext, into headers: inout [String: String]) {
        guard context.isValid else { return }
        let flags = context.traceFlags.intersection(.known).rawValue
        let hexFlags = String(unsafeUninitializedCapacity: 2) { buffer in
            buffer[0] = Hex.digits[Int(flags >> 4)]
            buffer[1] = Hex.digits[Int(flags & 0xF)]
            return 2
        }
        headers["traceparent"] = "00-\(context.traceID.hexString)-\(context.spanID.hexString)-\(hexFlags)"
        if context.traceState.isEmpty {
            headers.removeValue(forKey: "tracestate")
        } else {
            headers["tracestate"] = context.traceState.header
        }
    }

    func extract(from headers: [String: String]) -> SpanContext? {
        guard let value = header("traceparent", in: headers),
              var context = Self.parseTraceParent(value)
        else { return nil }
        if let state = header("tracestate", in: headers), let parsed = TraceState(header: state) {
            context.traceState = parsed
        }
        return context
    }

    /// Parses one `traceparent` value into a remote context; `nil` if it breaks any rule.
    static func parseTraceParent(_ value: String) -> SpanContext? {
        let bytes = Array(value.utf8)
        guard bytes.count >= 55,
              bytes[2] == UInt8(ascii: "-"), bytes[35] == UInt8(ascii: "-"), bytes[52] == UInt8(ascii: "-"),
              let version = Hex.parseUInt64(bytes[0..<2], lowercaseOnly: true), version != 0xFF,
              let flags = Hex.parseUInt64(bytes[53..<55], lowercaseOnly: true),
              let high = Hex.parseUInt64(bytes[3..<19], lowercaseOnly: true),
              let low = Hex.parseUInt64(bytes[19..<35], lowercaseOnly: true),
              let span = Hex.parseUInt64(bytes[36..<52], lowercaseOnly: true),
              high != 0 || low != 0, span != 0
        else { return nil }
        if version == 0 {
            guard bytes.count == 55 else { return nil }
        } else if bytes.count > 55 {
            // A later version may add fields, but only after a dash.
            guard bytes[55] == UInt8(ascii: "-") else { return nil }
        }
        return SpanContext(
            traceID: TraceID(high: high, low: low),
            spanID: SpanID(span),
            traceFlags: TraceFlags(rawValue: UInt8(flags)).intersection(.known),
            isRemote: true
        )
    }

    private func header(_ name: String, in headers: [String: String]) -> String? {
        if let exact = headers[name] { return exact }
        return headers.first(where: { $0.key.lowercased() == name })?.value
    }
}
