import Logging

/// Logs a recurring condition at most once per interval, with how often it happened meanwhile.
///
/// A collector that is down makes every export fail; one warning every few seconds tells the
/// operator as much as a thousand would, without flooding the app's log.
public final class RateLimitedLog: Sendable {
    private let logger: Logger
    private let intervalNanos: UInt64
    private let state = Locked<[String: Entry]>([:])

    private struct Entry {
        var lastLogged: UInt64
        var suppressed: Int
    }

    public init(logger: Logger, interval: Duration = .seconds(10)) {
        self.logger = logger
        self.intervalNanos = UInt64(max(0, interval.nanoseconds))
    }

    /// Logs `message` at `level` unless `key` was logged within the interval.
    public func log(_ level: Logger.Level, key: String, _ message: @autoclosure () -> String) {
        let now = WallClock.monotonicNanos()
        let suppressed: Int? = state.withLock { entries in
            if var entry = entries[key], now &- entry.lastLogged < intervalNanos {
                entry.suppressed += 1
                entries[key] = entry
                return nil
            }
            let previous = entries[key]?.suppressed ?? 0
            entries[key] = Entry(lastLogged: now, suppressed: 0)
            return previous
        }
        guard let suppressed else { return }
        let suffix = suppressed > 0 ? " (\(suppressed) more like this since the last report)" : ""
        logger.log(level: level, "\(message())\(suffix)")
    }
}
