/// The part of a span that crosses process boundaries: ids, flags and trace state.
///
/// See the W3C Trace Context recommendation and the OpenTelemetry trace API, "SpanContext".
public struct SpanContext: Sendable, Hashable {
    /// The trace this span belongs to.
    public var traceID: TraceID
    /// This span's id.
    public var spanID: SpanID

    // The trace state before the two one-byte fields, which then share one word: a context is
    // 34 bytes, not 41, and a record that holds one (`SpanData`) puts its own one-byte fields
    // in the rest of that word.

    /// Vendor entries carried with the trace (W3C `tracestate`), passed on as received.
    var traceState: TraceState
    /// Sampled and random bits.
    var traceFlags: TraceFlags
    /// Whether this context came from another process (extracted from headers).
    public var isRemote: Bool

    /// Creates a span context, for example for a link to a span of another trace.
    /// - Parameters:
    ///   - traceID: The trace.
    ///   - spanID: The span.
    ///   - isSampled: Whether the trace is sampled (the W3C `sampled` flag).
    ///   - isRemote: Whether the context came from another process.
    public init(traceID: TraceID, spanID: SpanID, isSampled: Bool = true, isRemote: Bool = false) {
        self.init(traceID: traceID, spanID: spanID, traceFlags: isSampled ? [.sampled] : [], isRemote: isRemote)
    }

    init(
        traceID: TraceID,
        spanID: SpanID,
        traceFlags: TraceFlags = [.sampled],
        traceState: TraceState = TraceState(),
        isRemote: Bool = false
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.traceFlags = traceFlags
        self.traceState = traceState
        self.isRemote = isRemote
    }

    /// Whether both ids are valid.
    public var isValid: Bool { traceID.isValid && spanID.isValid }

    /// Whether the sampled flag is set.
    public var isSampled: Bool { traceFlags.contains(.sampled) }

    /// An invalid context, used by spans that record nothing and belong to no trace.
    public static let invalid = SpanContext(traceID: .invalid, spanID: .invalid, traceFlags: [])
}
