/// The role of a span in a request, as in the OpenTelemetry trace API.
///
/// The raw values are the OTLP enum numbers.
public enum SpanKind: Int, Sendable, Hashable, CaseIterable {
    /// Work inside the application (the default): a pipeline step, a retrieval in memory.
    case `internal` = 1
    /// The server side of a synchronous remote call.
    case server = 2
    /// The client side of a synchronous remote call: a model API call, a vector database query.
    case client = 3
    /// The start of an asynchronous message.
    case producer = 4
    /// The handling of an asynchronous message.
    case consumer = 5
}
