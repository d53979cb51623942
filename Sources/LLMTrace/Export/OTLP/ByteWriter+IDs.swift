internal import LLMTraceSupport

extension ByteWriter {
    /// Lowercase hex of a trace id, quoted: the OTLP/JSON form of ids (not base64).
    mutating func hex(_ id: TraceID) { quotedHex(high: id.high, low: id.low) }

    /// Lowercase hex of a span id, quoted.
    mutating func hex(_ id: SpanID) { quotedHex(id.value) }
}
