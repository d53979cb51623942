import Logging
import Testing
import LLMTraceSupport
import LLMTraceTesting

extension LogCapture {
    var loggedMessages: [String] { entries.map(\.message) }
    var levels: [Logger.Level] { entries.map(\.level) }
}

@Suite struct RateLimitedLogTests {
    @Test func withinTheIntervalAKeyIsLoggedOnce() {
        let captured = LogCapture()
        let log = RateLimitedLog(logger: captured.logger, interval: .seconds(3600))
        let evaluated = Locked(0)
        for _ in 0..<3 {
            log.log(.warning, key: "down", { evaluated.withLock { $0 += 1 }; return "collector down" }())
        }
        #expect(captured.loggedMessages == ["collector down"])
        #expect(captured.levels == [.warning])
        #expect(evaluated.withLock { $0 } == 1, "a suppressed message is never built")
    }

    @Test func eachKeyHasItsOwnInterval() {
        let captured = LogCapture()
        let log = RateLimitedLog(logger: captured.logger, interval: .seconds(3600))
        log.log(.warning, key: "a", "first a")
        log.log(.error, key: "b", "first b")
        log.log(.warning, key: "a", "second a")
        #expect(captured.loggedMessages == ["first a", "first b"])
        #expect(captured.levels == [.warning, .error])
    }

    @Test func withAZeroIntervalEveryMessageIsLogged() {
        let captured = LogCapture()
        let log = RateLimitedLog(logger: captured.logger, interval: .zero)
        for i in 0..<3 { log.log(.info, key: "k", "message \(i)") }
        #expect(captured.loggedMessages == ["message 0", "message 1", "message 2"])
    }

    @Test func theNextReportSaysHowManyWereSuppressed() {
        let captured = LogCapture()
        let log = RateLimitedLog(logger: captured.logger, interval: .milliseconds(5))
        // Log until the interval has passed and a second report comes out; every call in
        // between is suppressed, however many there were.
        var calls = 0
        let giveUp = ContinuousClock.now.advanced(by: .seconds(10))
        while captured.loggedMessages.count < 2 && ContinuousClock.now < giveUp {
            log.log(.warning, key: "k", "down")
            calls += 1
        }
        let suppressed = calls - 2
        #expect(captured.loggedMessages.count == 2)
        #expect(captured.loggedMessages.first == "down")
        #expect(captured.loggedMessages.last == (suppressed > 0 ? "down (\(suppressed) more like this since the last report)" : "down"))
    }
}
