/// Sends batches of ended spans somewhere: an OTLP receiver, the console, memory.
///
/// A processor calls `export` from one queue at a time, never concurrently, and may block it
/// for up to the deadline; an exporter MUST return by then.
public protocol SpanExporter: Sendable {
    /// Sends `batch`, retrying as the exporter sees fit, and returns by `deadline`.
    func export(_ batch: [SpanData], deadline: Deadline) -> ExportResult
    /// Sends anything the exporter itself buffers.
    func forceFlush(deadline: Deadline) -> Bool
    /// Stops: later exports fail at once, and waits in progress end early.
    func shutdown(deadline: Deadline)
}

extension SpanExporter {
    public func forceFlush(deadline: Deadline) -> Bool { true }
    public func shutdown(deadline: Deadline) {}
}

/// The outcome of one export call.
public enum ExportResult: Sendable, Equatable {
    /// The receiver took every span.
    case success
    /// The receiver took all but `rejected` spans, and said why.
    case partialSuccess(rejected: Int, message: String)
    /// Nothing was delivered.
    case failure(ExportError)
}

/// Why an export delivered nothing.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The receiver answered with an HTTP status that is not success.
    case httpStatus(Int, retryable: Bool, message: String)
    /// The request never got an HTTP answer (refused, reset, DNS, TLS).
    case transport(code: Int32, message: String)
    /// The deadline passed before any attempt succeeded.
    case timeout
    /// The exporter was shut down.
    case shutdown
    /// The encoded batch was larger than the exporter sends.
    case payloadTooLarge(bytes: Int)

    /// A short, low-cardinality reason for counters.
    public var reason: String {
        switch self {
        case .httpStatus(let status, _, _): return "http \(status)"
        case .transport: return "connection"
        case .timeout: return "timeout"
        case .shutdown: return "shutdown"
        case .payloadTooLarge: return "too large"
        }
    }

    public var description: String {
        switch self {
        case .httpStatus(let status, let retryable, let message):
            return "HTTP \(status)\(retryable ? " (retryable)" : "")\(message.isEmpty ? "" : ": \(message)")"
        case .transport(let code, let message): return "transport error \(code): \(message)"
        case .timeout: return "export deadline passed"
        case .shutdown: return "exporter is shut down"
        case .payloadTooLarge(let bytes): return "payload of \(bytes) bytes is over the limit"
        }
    }
}
