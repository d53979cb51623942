/// Why an export delivered nothing.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The receiver answered with an HTTP status that is not success.
    case httpStatus(Int, retryable: Bool, message: String)
    /// The request never got an HTTP answer (refused, reset, DNS, TLS).
    case transport(code: Int32, message: String)
    /// The deadline passed before any attempt succeeded. The receiver may still have taken the
    /// last request (its answer came too late), so a timeout is a loss as far as the client
    /// knows, not for certain.
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
