import Dispatch
internal import LLMTraceSupport
import Logging
import Synchronization

/// The batching engine of the batch span and log record processors: a bounded queue filled by
/// callers, drained by exports on a background Dispatch queue.
///
/// The caller's cost in `enqueue` is one uncontended lock and an array append: it never waits
/// on the network. A full queue drops the new item and counts it. One export runs at a time, on
/// `exportQueue`; a full batch starts one at once, and a timer exports what is left every
/// `scheduleDelay`, draining the whole queue rather than one batch per tick. For the OTLP
/// exporters an export only encodes the batch and hands the body to their `DeliveryQueue`, so
/// this queue drains at encoding speed whatever the receiver does, except while a receiver that
/// answers is behind.
final class BatchQueue<Item: Sendable>: Sendable {
    /// Where batches go, and how the exporter is flushed and stopped.
    struct Sink: Sendable {
        /// Exports a batch and says how it went; `nil` when the batch was handed to a delivery
        /// queue, which keeps the books of it from then on (`books`).
        var export: @Sendable (_ batch: [Item], _ deadline: ContinuousClock.Instant) -> ExportResult?
        /// Whether everything handed over is delivered (or failed for good) by `deadline`.
        var forceFlush: @Sendable (_ deadline: ContinuousClock.Instant) -> Bool
        var shutdown: @Sendable (_ deadline: ContinuousClock.Instant) -> Void
        /// The delivery queue's books, added to the queue's own.
        var books: (@Sendable () -> ExportStatistics)? = nil
        /// Whether `forceFlush` may wait in the caller's thread rather than on the export queue
        /// (a delivery queue's flush may wait out an outage, while new batches keep coming).
        var flushWaitsOffExportQueue = false
        /// Takes what it can reuse from an exported batch, before the batch is released;
        /// `backlog` is the number of items queued behind it.
        var reclaim: (@Sendable (_ batch: inout [Item], _ backlog: Int) -> Void)? = nil
    }

    /// The settings in force (the batch size is clamped to the queue size).
    let configuration: BatchConfiguration
    private let sink: Sink
    /// `spans`, `log records`: for the warnings.
    private let itemName: String
    /// The variable that raises the queue size, named in the queue-full warning.
    private let queueSizeVariable: String
    private let exportQueue: DispatchQueue
    private let exportQueueKey = DispatchSpecificKey<Bool>()
    private let timer: RepeatingTimer
    /// "A full batch is waiting", sent from the application's thread without allocating.
    private let fullBatch: CoalescingSignal
    private let log: RateLimitedLog
    private let state: SpinLocked<State>
    /// Items queued, written under the lock and read without it.
    private let depth = Atomic<Int>(0)

    private struct State {
        var buffer: ChunkQueue<Item>
        var drainScheduled = false
        var isShutdown = false
        var statistics = ExportStatistics()
        var droppedReported = 0
    }

    init(label: String, configuration: BatchConfiguration, itemName: String, queueSizeVariable: String, logger: Logger, sink: Sink) {
        var configuration = configuration
        configuration.maxQueueSize = max(1, configuration.maxQueueSize)
        configuration.maxExportBatchSize = min(max(1, configuration.maxExportBatchSize), configuration.maxQueueSize)
        self.configuration = configuration
        self.sink = sink
        self.itemName = itemName
        self.queueSizeVariable = queueSizeVariable
        self.log = RateLimitedLog(logger: logger)
        self.state = SpinLocked(State(buffer: ChunkQueue(chunkSize: configuration.maxExportBatchSize)))
        exportQueue = DispatchQueue(label: label)
        exportQueue.setSpecific(key: exportQueueKey, value: true)

        timer = RepeatingTimer(queue: exportQueue, interval: max(.milliseconds(1), configuration.scheduleDelay), leeway: .milliseconds(10))
        fullBatch = CoalescingSignal(queue: exportQueue)
        timer.start { [weak self] in self?.drainAll(deadline: nil) }
        fullBatch.start { [weak self] in self?.drainFullBatches() }
    }

    /// The oldest chunk, with `depth` brought down to what is left.
    private func takeChunk(_ state: inout State) -> [Item] {
        let chunk = state.buffer.popChunk()
        depth.store(state.buffer.count, ordering: .relaxed)
        return chunk
    }

    /// About how many items wait, as the last `enqueue` or export left them: for callers that
    /// adapt to a backlog without taking the lock.
    var approximateDepth: Int { depth.load(ordering: .relaxed) }

    /// Counters of what happened to the items this queue was given.
    var statistics: ExportStatistics {
        let own = state.withLock { $0.statistics }
        return sink.books.map { own + $0() } ?? own
    }

    func enqueue(_ item: consuming Item) {
        // A queue seen full refuses without handing the span in: it is released here, after the
        // unlock, as a span is a dozen counted references. (Handing every span in and a refused
        // one back out as an optional cost some 150 instructions a span, refused or not.) The
        // rare span that finds the queue full or shut down only under the lock is released there.
        if depth.load(ordering: .relaxed) >= configuration.maxQueueSize {
            state.withLock { state in
                if state.isShutdown { state.statistics.ignoredAfterShutdown += 1 } else { state.statistics.dropped += 1 }
            }
            return
        }
        // Moved into the queue, not copied.
        let startDrain: Bool = state.withLock(handingOver: item) { state, item in
            if state.isShutdown {
                state.statistics.ignoredAfterShutdown += 1
                return false
            }
            guard state.buffer.count < configuration.maxQueueSize else {
                state.statistics.dropped += 1
                return false
            }
            state.buffer.append(consume item)
            depth.store(state.buffer.count, ordering: .relaxed)
            state.statistics.queued += 1
            if state.buffer.count >= configuration.maxExportBatchSize && !state.drainScheduled {
                state.drainScheduled = true
                return true
            }
            return false
        }
        if startDrain { fullBatch.signal() }
    }

    @discardableResult
    func forceFlush(timeout: Duration = .seconds(30)) -> Bool {
        if state.withLock({ $0.isShutdown }) { return true }
        let end = Deadline.after(timeout)
        let flushed = Atomic<Bool>(false)
        let waitsHere = sink.flushWaitsOffExportQueue
        let work = onExportQueue(timeout: timeout) { deadline in
            self.drainAll(deadline: deadline)
            if !waitsHere { flushed.store(self.sink.forceFlush(deadline.instant), ordering: .releasing) }
        }
        guard work?.wait(timeout: timeout) ?? false else { return false }
        guard waitsHere else { return flushed.load(ordering: .acquiring) }
        // Waited for here, not on the export queue: a flush that waits out an outage must not
        // stop the queue from draining into the delivery queue meanwhile.
        let remaining = end.remainingNanos
        return sink.forceFlush(Deadline(nanos: end.nanos - min(remaining / 10, 100_000_000)).instant)
    }

    @discardableResult
    func shutdown(timeout: Duration = .seconds(30)) -> Bool {
        let first = state.withLock { state -> Bool in
            defer { state.isShutdown = true }
            return !state.isShutdown
        }
        guard first else { return true }
        timer.cancel()
        fullBatch.cancel()
        let timeoutNanos = max(0, timeout.nanoseconds)
        // The last stretch of the timeout is kept back: if the exports are not done when it
        // starts, the exporter is told to stop, which ends a post or retry wait in progress, and
        // what is left fails at once and is counted, so the statistics add up when we return.
        let reserve = min(timeoutNanos / 5, 200_000_000)
        let work = onExportQueue(timeout: .nanoseconds(timeoutNanos - reserve)) { deadline in
            self.drainAll(deadline: deadline)
            self.sink.shutdown(deadline.instant)
        }
        var completed = work?.wait(timeout: .nanoseconds(timeoutNanos - reserve)) ?? false
        if let work, !completed {
            sink.shutdown(.now)
            completed = work.wait(timeout: .nanoseconds(reserve))
        }
        if !completed {
            // An exporter that ignored shutdown: what never got its turn is counted now.
            // The spans are released after the unlock: the queue's lock is a spin lock, for short
            // sections.
            _ = state.withLock { state -> [[Item]] in
                var chunks: [[Item]] = []
                while state.buffer.count > 0 { chunks.append(state.buffer.popChunk()) }
                let count = chunks.reduce(0) { $0 + $1.count }
                state.statistics.failed += count
                state.statistics.failedByReason[ExportError.shutdown.reason, default: 0] += count
                return chunks
            }
        }
        reportDrops(force: true)
        return completed
    }

    /// Queues `work` on the export queue, behind any export in progress; `nil` if called from
    /// that queue, where waiting would deadlock.
    private func onExportQueue(timeout: Duration, _ work: @escaping @Sendable (Deadline) -> Void) -> QueuedWork? {
        if DispatchQueue.getSpecific(key: exportQueueKey) == true {
            log.log(.error, key: "flush-on-export-queue", "forceFlush/shutdown called from the export queue; refusing to deadlock")
            return nil
        }
        return QueuedWork(on: exportQueue, timeout: timeout, work)
    }

    /// Exports while a full batch is waiting: the path a burst takes.
    private func drainFullBatches() {
        dispatchPrecondition(condition: .onQueue(exportQueue))
        while true {
            var batch: [Item] = state.withLock { state in
                // After shutdown the rest is shutdown's to send, within its deadline.
                guard state.buffer.count >= configuration.maxExportBatchSize, !state.isShutdown else {
                    // Cleared under the same lock as the check, so no wake-up is lost.
                    state.drainScheduled = false
                    return []
                }
                return takeChunk(&state)
            }
            if batch.isEmpty { break }
            export(&batch, flushDeadline: nil)
        }
        reportDrops(force: false)
    }

    /// Exports everything queued when it starts, in batches: the timer's and flush's path.
    ///
    /// Items that arrive meanwhile wait for the next round, so a busy app cannot keep a flush
    /// from finishing.
    private func drainAll(deadline: Deadline?) {
        dispatchPrecondition(condition: .onQueue(exportQueue))
        var remaining = state.withLock { $0.buffer.count }
        while remaining > 0 {
            var batch = state.withLock { state -> [Item] in
                // The timer's round yields to shutdown, whose round has the caller's deadline.
                if deadline == nil && state.isShutdown { return [] }
                return takeChunk(&state)
            }
            if batch.isEmpty { break }
            remaining -= batch.count
            export(&batch, flushDeadline: deadline)
        }
        reportDrops(force: false)
    }

    /// Exports `batch`, then gives its storage back to the queue, emptied here (the items are
    /// released on this thread, not the application's).
    private func export(_ batch: inout [Item], flushDeadline: Deadline?) {
        var deadline = configuration.exportTimeout == .zero ? Deadline.never : Deadline.after(configuration.exportTimeout)
        if let flushDeadline { deadline = min(deadline, flushDeadline) }
        let count = batch.count
        let result = sink.export(batch, deadline.instant)
        sink.reclaim?(&batch, approximateDepth)
        batch.removeAll(keepingCapacity: true)
        state.withLock { state in
            state.buffer.recycle(&batch)
            if let result { state.statistics.record(result, items: count) }
        }
        result?.report(items: count, itemName: itemName, to: log)
    }

    private func reportDrops(force: Bool) {
        let newDrops: (Int, Int)? = state.withLock { state in
            let total = state.statistics.dropped
            guard total > state.droppedReported else { return nil }
            defer { state.droppedReported = total }
            return (total - state.droppedReported, total)
        }
        guard let (recent, total) = newDrops else { return }
        log.log(.warning, key: force ? "drops-final" : "drops",
                "queue full (max \(configuration.maxQueueSize)): dropped \(recent) \(itemName), \(total) in all; raise \(queueSizeVariable) or lower the rate")
    }
}

extension BatchQueue.Sink {
    /// A sink for an exporter with a delivery queue (the OTLP exporters): exporting encodes the
    /// batch and hands the bodies over (waiting, up to the export deadline, only for a receiver
    /// that answers but is behind), and the queue keeps the books from there.
    static func handingOff(
        to delivery: DeliveryQueue,
        enqueue: @escaping @Sendable ([Item], ContinuousClock.Instant) -> Void,
        reclaim: (@Sendable (inout [Item], Int) -> Void)? = nil
    ) -> Self {
        .init(
            export: { batch, deadline in
                enqueue(batch, deadline)
                return nil
            },
            forceFlush: { delivery.flush(deadline: Deadline($0)) },
            shutdown: { delivery.shutdown(deadline: Deadline($0)) },
            books: { delivery.statistics },
            flushWaitsOffExportQueue: true,
            reclaim: reclaim
        )
    }
}
