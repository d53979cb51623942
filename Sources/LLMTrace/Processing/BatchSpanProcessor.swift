import Dispatch
internal import LLMTraceSupport
import Logging

/// Buffers ended, sampled spans and exports them in batches from a background Dispatch queue.
///
/// The caller's cost in `onEnd` is one uncontended lock and an array append: it never waits on
/// the network. A full queue drops the new span and counts it. A full batch is exported at once,
/// and a timer exports what is left every `scheduleDelay`. With an `OTLPHTTPExporter`, exporting
/// means encoding the batch into the exporter's delivery queue, which holds the backlog as bytes
/// and sends it while this queue goes on filling (`DeliveryConfiguration`); with any other
/// exporter one export runs at a time.
public final class BatchSpanProcessor: SpanProcessor {
    private let queue: BatchQueue<SpanData>

    /// The settings in force (the batch size is clamped to the queue size).
    public var configuration: BatchConfiguration { queue.configuration }

    /// Creates a processor that feeds `exporter`.
    /// - Parameters:
    ///   - exporter: Where batches go.
    ///   - configuration: Queue and batch settings.
    ///   - logger: Receives drop and failure warnings, rate-limited.
    public init(exporter: any SpanExporter, configuration: BatchConfiguration = BatchConfiguration(), logger: Logger = Logger(label: "llmtrace")) {
        queue = BatchQueue(
            label: "llmtrace.batch-span-processor.export", configuration: configuration,
            itemName: "spans", queueSizeVariable: "OTEL_BSP_MAX_QUEUE_SIZE", logger: logger,
            // The OTLP encoders keep nothing of a span, so its attribute storage can be reused:
            // behind a long backlog, by the spans that keep their attributes at their size.
            sink: (exporter as? OTLPHTTPExporter).map {
                .handingOff(to: $0.delivery, enqueue: $0.enqueue, reclaim: { batch, backlog in
                    AttributeStoragePool.shared.reclaim(from: &batch, keepingSizes: backlog > Self.longBacklog)
                })
            } ?? .init(
                export: { exporter.export($0, deadline: $1) },
                forceFlush: { exporter.forceFlush(deadline: $0) },
                shutdown: { exporter.shutdown(deadline: $0) }
            )
        )
    }

    /// Counters of what happened to the spans this processor was given.
    public var statistics: ExportStatistics? { queue.statistics }

    /// Queued spans past which the exporter counts as behind: a span that ends then keeps its
    /// attributes in storage of their exact size (`Span.end()`). Above the default queue size,
    /// so only a queue raised for bursts (or an outage) pays the copy, and saves the memory.
    static let longBacklog = 8192

    /// Whether more than `longBacklog` spans wait.
    var holdsLongBacklog: Bool { queue.approximateDepth > Self.longBacklog }

    /// The batch processor only looks at ended spans.
    public var isStartRequired: Bool { false }

    public func onEnd(_ span: SpanData) {
        guard span.context.isSampled else { return }
        queue.enqueue(span)
    }

    /// `onEnd` for a span the caller hands over (`SpanHandOver`): it moves into the queue.
    func onEnd(handingOver span: consuming SpanData) {
        guard span.context.isSampled else { return }
        queue.enqueue(consume span)
    }

    @discardableResult
    public func forceFlush(timeout: Duration = .seconds(30)) -> Bool { queue.forceFlush(timeout: timeout) }

    @discardableResult
    public func shutdown(timeout: Duration = .seconds(30)) -> Bool { queue.shutdown(timeout: timeout) }
}
