@testable import LLMTrace
import LLMTraceSupport

/// The calls some processors received, in the order they came, across all of them.
final class CallLog: Sendable {
    private let entries = Locked<[String]>([])

    init() {}

    func append(_ entry: String) { entries.withLock { $0.append(entry) } }

    var all: [String] { entries.withLock { $0 } }
}

/// A processor that writes every call it gets to a `CallLog` and answers as the test set it up:
/// for tests of what sits around processors (the provider's chain, the group, the metrics stage).
/// It stands in for a processor, never for an exporter: exporters under test are real.
final class RecordingProcessor: SpanProcessor {
    let name: String
    let isStartRequired: Bool
    let needsUnsampledSpans: Bool
    let statistics: ExportStatistics?
    let log: CallLog
    private let flushResult: Bool
    private let shutdownResult: Bool
    private let endedSpans = Locked<[SpanData]>([])
    private let timeouts = Locked<[Duration]>([])

    init(
        _ name: String = "p",
        log: CallLog = CallLog(),
        startRequired: Bool = false,
        needsUnsampled: Bool = false,
        statistics: ExportStatistics? = nil,
        flushResult: Bool = true,
        shutdownResult: Bool = true
    ) {
        self.name = name
        self.log = log
        self.isStartRequired = startRequired
        self.needsUnsampledSpans = needsUnsampled
        self.statistics = statistics
        self.flushResult = flushResult
        self.shutdownResult = shutdownResult
    }

    /// The spans `onEnd` received, in order.
    var ended: [SpanData] { endedSpans.withLock { $0 } }

    /// The timeouts `forceFlush` and `shutdown` were given, in order.
    var givenTimeouts: [Duration] { timeouts.withLock { $0 } }

    func onStart(_ span: Span, parentContext: SpanContext?) {
        log.append("\(name).start \(span.name)")
    }

    func onEnd(_ span: SpanData) {
        endedSpans.withLock { $0.append(span) }
        log.append("\(name).end \(span.name)")
    }

    func forceFlush(timeout: Duration) -> Bool {
        timeouts.withLock { $0.append(timeout) }
        log.append("\(name).flush")
        return flushResult
    }

    func shutdown(timeout: Duration) -> Bool {
        timeouts.withLock { $0.append(timeout) }
        log.append("\(name).shutdown")
        return shutdownResult
    }
}
