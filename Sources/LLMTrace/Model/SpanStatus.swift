/// The outcome of a span.
///
/// Rules from the trace API: `ok` is final; setting `unset` does nothing; a description is kept
/// only with `error`. Leave a successful span `unset` unless you mean to override a later error.
public enum SpanStatus: Sendable, Hashable {
    case unset
    case ok
    case error(description: String)

    /// The OTLP status code: 0 unset, 1 ok, 2 error.
    public var code: Int {
        switch self {
        case .unset: return 0
        case .ok: return 1
        case .error: return 2
        }
    }

    /// Whether this is an error.
    public var isError: Bool {
        if case .error = self { return true }
        return false
    }

    /// An error's description; empty for the other two.
    var errorDescription: String {
        if case .error(let description) = self { return description }
        return ""
    }
}
