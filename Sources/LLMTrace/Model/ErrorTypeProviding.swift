/// An error that names its own low-cardinality class for `error.type` (`rate_limit_exceeded`,
/// `timeout`, `500`), so `Span.recordError` and `Tracer.withSpan` record it without being told.
public protocol ErrorTypeProviding: Error {
    /// The value for `error.type`.
    var errorType: String { get }
}
