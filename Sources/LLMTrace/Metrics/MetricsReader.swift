import Dispatch
internal import LLMTraceSupport
import Logging

/// Pushes the metrics every `exportInterval` from a Dispatch timer, on `forceFlush`, and once
/// more at shutdown, to each configured push exporter (OTLP, console).
///
/// Snapshots are taken and encoded on one serial queue, so they never overlap, and handed to a
/// delivery queue like the spans' (retries with `Retry-After`), one request at a time, except that
/// a new push replaces one still waiting: values are cumulative, so the newest carries all. The
/// callers of `forceFlush` and `shutdown` wait at most their timeout.
final class MetricsReader: Sendable {
    let metrics: LLMMetrics
    private let client: OTLPHTTPClient?
    private let delivery: DeliveryQueue?
    private let console: Bool
    private let queue = DispatchQueue(label: "llmtrace.metrics")
    // `nil` without a push exporter.
    private let timer: RepeatingTimer?
    private let log: RateLimitedLog
    private let isShutdown = Locked(false)

    init(metrics: LLMMetrics, configuration: MetricsConfiguration, transport: (any HTTPTransport)? = nil, logger: Logger) {
        self.metrics = metrics
        var otlp = configuration.otlp
        // OTEL_METRIC_EXPORT_TIMEOUT bounds each push's request.
        if otlp.timeout == .zero || configuration.exportTimeout < otlp.timeout { otlp.timeout = configuration.exportTimeout }
        // One request at a time: a retried snapshot must never arrive after a newer one, which
        // a receiver would read as a counter reset.
        otlp.delivery.concurrency = 1
        let client = configuration.exporters.contains(.otlp)
            ? OTLPHTTPClient(configuration: otlp, transport: transport, logger: logger, rejectedKey: "rejectedDataPoints")
            : nil
        self.client = client
        console = configuration.exporters.contains(.console)
        let log = RateLimitedLog(logger: logger)
        self.log = log
        delivery = client.map { client in
            DeliveryQueue(client: client, signal: .metrics, itemName: "data points", policy: .latestOnly, logger: logger) { result in
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
        if client != nil || console {
            let timer = RepeatingTimer(queue: queue, interval: max(.milliseconds(100), configuration.exportInterval), leeway: .milliseconds(100))
            self.timer = timer
            timer.start { [weak self] in self?.push() }
        } else {
            timer = nil
        }
    }

    /// Pushes now and waits for it, up to `timeout`.
    @discardableResult
    func forceFlush(timeout: Duration) -> Bool {
        guard !isShutdown.withLock({ $0 }) else { return true }
        return QueuedWork.run(on: queue, timeout: timeout) { deadline in
            self.push()
            _ = self.delivery?.flush(deadline: deadline)
        }
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
        let completed = QueuedWork.run(on: queue, timeout: timeout) { deadline in
            self.push()
            self.delivery?.shutdown(deadline: deadline)
        }
        // A push or flush that overran: stop the requests and retries now.
        if !completed { delivery?.shutdown(deadline: .after(.zero)) }
        return completed
    }

    /// Takes a snapshot and hands it to the delivery queue (or prints it).
    private func push() {
        let points = metrics.snapshot()
        guard !points.isEmpty else { return }
        if console {
            FileDescriptorOutput.write(PrometheusText.render(points), to: 2)
        }
        guard let client, let delivery else { return }
        let encoded = client.encode(estimatedSize: 1024 + points.count * 512, items: points.count) { writer in
            switch client.configuration.protocol {
            case .httpJSON:
                OTLPMetricsEncoder.encode(points, resource: metrics.resource, startTimeUnixNano: metrics.startTimeUnixNano, into: &writer)
            case .httpProtobuf:
                OTLPMetricsEncoder.encodeProtobuf(points, resource: metrics.resource, startTimeUnixNano: metrics.startTimeUnixNano, into: &writer)
            }
        }
        switch encoded {
        case .success(let body):
            delivery.submit(body)
        case .failure(let error):
            metrics.countExport(succeeded: false)
            log.log(.warning, key: "metrics-failed", "metrics export failed: \(error)")
        }
    }
}
