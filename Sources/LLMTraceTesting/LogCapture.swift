import LLMTrace
internal import LLMTraceSupport
import Logging

/// Collects log lines, to check what the instrumentation warns about and what metadata (trace
/// ids, say) a line carries.
public final class LogCapture: Sendable {
    /// One line: its level, message, and metadata (the logger's, its provider's, the call's).
    public typealias Entry = (level: Logger.Level, message: String, metadata: Logger.Metadata)

    private let lines = Locked<[Entry]>([])

    /// An empty capture.
    public init() {}

    /// The messages logged so far, in order, each as `level: message`.
    public var messages: [String] { lines.withLock { $0.map { "\($0.level): \($0.message)" } } }

    /// What was logged so far, in order.
    public var entries: [Entry] { lines.withLock { $0 } }

    /// A logger whose lines (every level) land here.
    public var logger: Logger { logger(metadataProvider: nil) }

    /// A logger whose lines land here with the metadata `metadataProvider` adds, as a log
    /// handler that honours it (every swift-log backend does) would write them.
    public func logger(metadataProvider: Logger.MetadataProvider?) -> Logger {
        Logger(label: "test") { _ in CapturingHandler(lines: self.lines, metadataProvider: metadataProvider) }
    }

    struct CapturingHandler: LogHandler {
        let lines: Locked<[Entry]>
        var metadataProvider: Logger.MetadataProvider?
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            var merged = metadataProvider?.get() ?? [:]
            merged.merge(metadata) { _, own in own }
            merged.merge(event.metadata ?? [:]) { _, explicit in explicit }
            lines.withLock { $0.append((event.level, "\(event.message)", merged)) }
        }
    }
}
