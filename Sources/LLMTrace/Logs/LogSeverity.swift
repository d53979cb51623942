import Logging

/// The OpenTelemetry severity number of a log record (1–24; the first of each range here).
public enum LogSeverity: Int, Sendable, Hashable, CaseIterable {
    case trace = 1
    case debug = 5
    case info = 9
    /// INFO2: swift-log's `notice`, between info and warning.
    case info2 = 10
    case warn = 13
    case error = 17
    case fatal = 21

    /// The severity of a swift-log level (`critical` is FATAL, as the log bridges of the
    /// OpenTelemetry specification map it).
    public init(_ level: Logger.Level) {
        switch level {
        case .trace: self = .trace
        case .debug: self = .debug
        case .info: self = .info
        case .notice: self = .info2
        case .warning: self = .warn
        case .error: self = .error
        case .critical: self = .fatal
        }
    }
}
