import Logging
import Testing
import LLMTraceSupport

/// Keeps what is logged through it, level and message.
private final class CapturedLog: Sendable {
    private let lines = Locked<[(level: Logger.Level, message: String)]>([])

    var messages: [String] { lines.withLock { $0.map(\.message) } }
    var levels: [Logger.Level] { lines.withLock { $0.map(\.level) } }

    var logger: Logger { Logger(label: "test") { _ in Handler(log: self) } }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            log.lines.withLock { $0.append((event.level, "\(event.message)")) }
        }
    }
}

@Suite struct RateLimitedLogTests {
    @Test func withinTheIntervalAKeyIsLoggedOnce() {
        let captured = CapturedLog()
        let log = RateLimitedLog(logger: captured.logger, interval: .seconds(3600))
        let evaluated = Locked(0)
        for _ in 0..<3 {
            log.log(.warning, key: "down", { evaluated.withLock { $0 += 1 }; return "collector down" }())
        }
        #expect(captured.messages == ["collector down"])
        #expect(captured.levels == [.warning])
        #expect(evaluated.withLock { $0 } == 1, "a suppressed message is never built")
    }

    @Test func eachKeyHasItsOwnInterval() {
        let captured = CapturedLog()
        let log = RateLimitedLog(logger: captured.logger, interval: .seconds(3600))
        log.log(.warning, key: "a", "first a")
        log.log(.error, key: "b", "first b")
        log.log(.warning, key: "a", "second a")
        #expect(captured.messages == ["first a", "first b"])
        #expect(captured.levels == [.warning, .error])
    }

    @Test func withAZeroIntervalEveryMessageIsLogged() {
        let captured = CapturedLog()
        let log = RateLimitedLog(logger: captured.logger, interval: .zero)
        for i in 0..<3 { log.log(.info, key: "k", "message \(i)") }
        #expect(captured.messages == ["message 0", "message 1", "message 2"])
    }

    @Test func theNextReportSaysHowManyWereSuppressed() {
        let captured = CapturedLog()
        let log = RateLimitedLog(logger: captured.logger, interval: .milliseconds(5))
        // Log until the interval has passed and a second report comes out; every call in
        // between is suppressed, however many there were.
        var calls = 0
        let giveUp = ContinuousClock.now.advanced(by: .seconds(10))
        while captured.messages.count < 2 && ContinuousClock.now < giveUp {
            log.log(.warning, key: "k", "down")
            calls += 1
        }
        let suppressed = calls - 2
        #expect(captured.messages.count == 2)
        #expect(captured.messages.first == "down")
        #expect(captured.messages.last == (suppressed > 0 ? "down (\(suppressed) more like this since the last report)" : "down"))
    }
}
