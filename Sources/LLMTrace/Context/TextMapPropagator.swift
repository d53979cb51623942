/// Carries trace context across process boundaries in HTTP-style headers.
///
/// See the OpenTelemetry "Propagators API". Header names are matched case-insensitively on
/// extract and written in lower case on inject.
protocol TextMapPropagator: Sendable {
    /// The header names this propagator reads and writes.
    var fields: [String] { get }
    /// Writes `context` into `headers`.
    func inject(_ context: SpanContext, into headers: inout [String: String])
    /// Reads a remote context from `headers`; `nil` when absent or invalid (start a new trace).
    func extract(from headers: [String: String]) -> SpanContext?
}
