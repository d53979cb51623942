import Dispatch
internal import LLMTraceSupport
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
    // `nil` without a push exporter.
    private let timer: RepeatingTimer?
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
            let timer = RepeatingTimer(queue: queue, interval: max(.milliseconds(100), configuration.exportInterval), leeway: .milliseconds(100))
            self.timer = timer
            let timeout = configuration.exportTimeout
            timer.start { [weak self] in self?.push(deadline: .after(timeout)) }
        } else {
            timer = nil
        }
    }

    /// Pushes now and waits for it, up to `timeout`.
    @discardableResult
    func forceFlush(timeout: Duration) -> Bool {
        guard !isShutdown.withLock({ $0 }) else { return true }
        return QueuedWork.run(on: queue, timeout: timeout) { self.push(deadline: $0) }
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
        let completed = QueuedWork.run(on: queue, timeout: timeout) { self.push(deadline: $0) }
        client?.shutdown()
        return completed
    }

    private func push(deadline: Deadline) {
        let points = metrics.snapshot()
        guard !points.isEmpty else { return }
        if console {
            FileDescriptorOutput.write(PrometheusText.render(points), to: 2)
        }
        guard let client else { return }
        let result = client.send(deadline: deadline, estimatedSize: 1024 + points.count * 512) { writer in
            switch client.configuration.protocol {
            case .httpJSON:
                OTLPMetricsEncoder.encode(points, resource: metrics.resource, startTimeUnixNano: metrics.startTimeUnixNano, into: &writer)
            case .httpProtobuf:
                OTLPMetricsEncoder.encodeProtobuf(points, resource: metrics.resource, startTimeUnixNano: metrics.startTimeUnixNano, into: &writer)
            }
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
