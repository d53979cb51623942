/// Makes trace and span ids.
///
/// Inject your own to get predictable ids in tests; production code keeps the default.
protocol IDGenerator: Sendable {
    /// A new, valid trace id.
    func newTraceID() -> TraceID
    /// A new, valid span id.
    func newSpanID() -> SpanID
}
