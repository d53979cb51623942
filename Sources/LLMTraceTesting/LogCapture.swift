import LLMTrace
internal import LLMTraceSupport
import Logging

/// Collects log messages, to check what the instrumentation warns about.
public final class LogCapture: Sendable {
    private let lines = Locked<[(level: Logger.Level, message: String)]>([])

    /// An empty capture.
    public init() {}

    /// The messages logged so far, in order, each as `level: message`.
    public var messages: [String] { lines.withLock { $0.map { "\($0.level): \($0.message)" } } }

    /// What was logged so far, level and message apart, in order.
    public var entries: [(level: Logger.Level, message: String)] { lines.withLock { $0 } }

    /// A logger whose messages (every level) land in `messages`.
    public var logger: Logger {
        Logger(label: "test") { _ in CapturingHandler(lines: self.lines) }
    }

    struct CapturingHandler: LogHandler {
        let lines: Locked<[(level: Logger.Level, message: String)]>
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            lines.withLock { $0.append((event.level, "\(event.message)")) }
        }
    }
}

