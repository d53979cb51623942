import Dispatch
import Logging

/// Pushes the metrics every `exportInterval` from a Dispatch timer, on `forceFlush`, and once
/// more at shutdown, to each configured push exporter (OTLP, console).
///
/// Pushes run on one serial queue, so they never overlap; the callers of `forceFlush` and
/// `shutdown` wait at most their timeout.
final class MetricsReader: Sendable {
    let metrics: LLMMetrics
    private let client: OTLPHTTPClient?
    private let console: Bool
    private let queue = DispatchQueue(label: "llmtrace.metrics")
    // Dispatch sources are thread-safe; the overlay just does not mark the protocol Sendable.
    // `nil` without a push exporter (a suspended source must never be released).
    nonisolated(unsafe) private let timer: (any DispatchSourceTimer)?
    private let log: RateLimitedLog
    private let isShutdown = Locked(false)

    init(metrics: LLMMetrics, configuration: MetricsConfiguration, transport: (any HTTPTransport)? = nil, logger: Logger) {
        self.metrics = metrics
        client = configuration.exporters.contains(.otlp)
            ? OTLPHTTPClient(configuration: configuration.otlp, transport: transport, logger: logger, rejectedKey: "rejectedDataPoints")
            : nil
        console = configuration.exporters.contains(.console)
        log = RateLimitedLog(logger: logger)
        if client != nil || console {
            let timer = DispatchSource.makeTimerSource(queue: queue)
            let interval = DispatchTimeInterval.nanoseconds(Int(clamping: max(100_000_000, configuration.exportInterval.nanoseconds)))
            timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(100))
            self.timer = timer
            let timeout = configuration.exportTimeout
            timer.setEventHandler { [weak self] in self?.push(deadline: .after(timeout)) }
            timer.resume()
        } else {
            timer = nil
        }
    }

    deinit { timer?.cancel() }

    /// Pushes now and waits for it, up to `timeout`.
    @discardableResult
    func forceFlush(timeout: Duration) -> Bool {
        guard !isShutdown.withLock({ $0 }) else { return true }
        return runOnQueue(timeout: timeout) { self.push(deadline: $0) }
    }

    /// Pushes the final values and stops the timer and the HTTP client.
    @discardableResult
    func shutdown(timeout: Duration) -> Bool {
        let first = isShutdown.withLock { done -> Bool in
            defer { done = true }
            return !done
        }
        guard first else { return true }
        timer?.cancel()
        let completed = runOnQueue(timeout: timeout) { self.push(deadline: $0) }
        client?.shutdown()
        return completed
    }

    private func runOnQueue(timeout: Duration, _ work: @escaping @Sendable (Deadline) -> Void) -> Bool {
        let timeoutNanos = max(0, timeout.nanoseconds)
        let deadline = Deadline.after(.nanoseconds(timeoutNanos - min(timeoutNanos / 10, 100_000_000)))
        let done = DispatchSemaphore(value: 0)
        queue.async {
            work(deadline)
            done.signal()
        }
        return done.wait(timeout: .now() + .nanoseconds(Int(clamping: timeoutNanos))) == .success
    }

    private func push(deadline: Deadline) {
        let points = metrics.snapshot()
        guard !points.isEmpty else { return }
        if console {
            FileDescriptorOutput.write(PrometheusText.render(points), to: 2)
        }
        guard let client else { return }
        let result = client.send(deadline: deadline, estimatedSize: 1024 + points.count * 512) { writer in
            OTLPMetricsEncoder.encode(points, resource: metrics.resource, startTimeUnixNano: metrics.startTimeUnixNano, into: &writer)
        }
        switch result {
        case .success:
            metrics.countExport(succeeded: true)
        case .partialSuccess(let rejected, let message):
            metrics.countExport(succeeded: true)
            log.log(.warning, key: "metrics-partial", "metrics receiver rejected \(rejected) data points: \(message)")
        case .failure(let error):
            metrics.countExport(succeeded: false)
            log.log(.warning, key: "metrics-failed", "metrics export failed (values are cumulative: the next push carries them): \(error)")
        }
    }
}
