import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension TracerProvider {
    /// Flushes queued spans when the process is asked to stop, then lets the signal end it.
    ///
    /// Spans wait in a queue for up to `OTEL_BSP_SCHEDULE_DELAY`; a process stopped by Ctrl-C
    /// (`SIGINT`) or by its supervisor (`SIGTERM`, as `docker stop` and Kubernetes send) would
    /// lose them. After this call, the first of `signals` to arrive runs `shutdown(timeout:)`
    /// on a background queue, then `beforeExit` (say, to print a summary), then restores the
    /// signal's default action and raises it again, so the process ends as it would have and
    /// its parent sees the signal in its exit status.
    ///
    /// Call it once, early in `main`. It replaces any earlier disposition of those signals: an
    /// app with its own handling should call `shutdown(timeout:)` from there instead.
    /// - Parameters:
    ///   - signals: The signals to catch. Default: `SIGINT` and `SIGTERM`.
    ///   - timeout: Longest time spent flushing before the process ends.
    ///   - beforeExit: Runs after the flush with the signal number and whether it completed.
    public func shutdownOnSignals(
        _ signals: [Int32] = [SIGINT, SIGTERM],
        timeout: Duration = .seconds(5),
        beforeExit: (@Sendable (_ signal: Int32, _ flushed: Bool) -> Void)? = nil
    ) {
        let queue = DispatchQueue(label: "llmtrace.signal-shutdown")
        let sources = signals.map { number -> any DispatchSourceSignal in
            // The default action would end the process before the source sees the signal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            // Weak: the provider keeps its sources, and a provider that is gone has nothing to flush.
            source.setEventHandler { [weak self] in
                let flushed = self?.shutdown(timeout: timeout) ?? true
                beforeExit?(number, flushed)
                fflush(nil) // the default action ends the process without flushing stdio
                signal(number, SIG_DFL)
                // libdispatch reads signals through a signalfd, for which it blocks them: unblock
                // this one here, or raising it would leave it pending and the process running.
                var set = sigset_t()
                sigemptyset(&set)
                sigaddset(&set, number)
                pthread_sigmask(SIG_UNBLOCK, &set, nil)
                raise(number)
                // Only reached if the signal's default action does not end the process.
                exit(128 + number)
            }
            source.resume()
            return source
        }
        signalSources.withLock { $0.append(contentsOf: sources) }
    }
}
