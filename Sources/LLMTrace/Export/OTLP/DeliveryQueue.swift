import Dispatch
internal import LLMTraceSupport
import Logging

/// The backlog of encoded request bodies between a batch processor and the receiver: bounded in
/// bytes, sent by up to `concurrency` requests at once, retried for as long as the receiver
/// answers retryably, spilled to a `Spool` when one is configured.
///
/// Intake (`submit`) waits only for a receiver that answers but is behind, up to its deadline.
/// After a retryable failure every lane pauses until the backoff (1 s doubling to 5 s) or the
/// receiver's `Retry-After` has passed, and the failed body goes back to the head of the queue,
/// so a receiver on its way back is probed by one request, not a storm, and bodies are sent
/// again oldest first. At shutdown, a backoff that would outlast the time left is cut short for
/// one last probe. What the byte bound pushes out is the oldest body.
final class DeliveryQueue: Sendable {
    /// What a new body does to the ones still waiting.
    enum Policy: Sendable {
        /// Queue behind them (spans, log records).
        case queue
        /// Replace them: each body carries every earlier one's values (cumulative metrics).
        case latestOnly
    }

    private let client: OTLPHTTPClient
    private let spool: Spool?
    private let policy: Policy
    private let itemName: String
    private let maxBytes: Int
    private let lanes: [DispatchQueue]
    private let log: RateLimitedLog
    private let logger: Logger
    /// Told of each body's final outcome (the metrics reader's counters).
    private let onOutcome: (@Sendable (ExportResult) -> Void)?
    private let progress = DispatchSemaphore(value: 0)
    private let laneFreed = DispatchSemaphore(value: 0)
    private let state: Locked<State>
    /// Compresses the bodies that wait (at level 1, the fastest); made at the first, kept for
    /// the next ones of an outage.
    private let atRest = Locked<GzipCompressor?>(nil)

    private struct Waiting {
        var sequence: UInt64
        var batch: EncodedBatch
    }

    private enum Job {
        case memory(Waiting)
        case spooled(Spool.Claim)

        var batch: EncodedBatch {
            switch self {
            case .memory(let waiting): return waiting.batch
            case .spooled(let claim): return claim.batch
            }
        }
    }

    private struct State {
        /// Bodies that failed retryably, oldest first: sent before `waiting`.
        var retrying: [Waiting] = []
        var waiting = FIFO<Waiting>()
        var waitingBytes = 0
        var waitingItems = 0
        /// Items of bodies from memory in flight (those from the spool are counted there).
        var inFlightItems = 0
        var busy: [Bool]
        var sequence: UInt64 = 0
        /// No request starts before this, after a retryable failure.
        var pausedUntil: Deadline?
        /// The pause is the receiver's `Retry-After`, not our own backoff: shutdown honours it.
        var pauseIsReceivers = false
        var failuresInARow = 0
        /// From a retryable failure until the backlog it left is gone: the backlog of an outage
        /// may grow to the byte bound and never holds up intake.
        var recovering = false
        var lastError: ExportError?
        /// When the next wake from a pause is due, if one is scheduled.
        var wakeAt: Deadline?
        /// Shutdown began: bodies that come back are spooled or counted, not sent again.
        var stopping = false
        var books = ExportStatistics()
    }

    init(client: OTLPHTTPClient, signal: OTLPSignal, itemName: String, policy: Policy = .queue, logger: Logger, onOutcome: (@Sendable (ExportResult) -> Void)? = nil) {
        let delivery = client.configuration.delivery
        self.client = client
        self.policy = policy
        self.itemName = itemName
        self.maxBytes = max(1, delivery.maxQueueBytes)
        self.logger = logger
        self.log = RateLimitedLog(logger: logger)
        self.onOutcome = onOutcome
        self.lanes = client.transports.indices.map { DispatchQueue(label: "llmtrace.delivery.\(signal.rawValue).\($0)") }
        self.state = Locked(State(busy: Array(repeating: false, count: client.transports.count)))
        var spool: Spool?
        if policy == .queue, let directory = delivery.spoolDirectory {
            do {
                spool = try Spool(directory: directory + "/" + signal.rawValue, maxBytes: delivery.spoolMaxBytes, logger: logger)
            } catch {
                logger.warning("spool directory \(directory) cannot be used (\(error)); the backlog stays in memory")
            }
        }
        self.spool = spool
        if let spool, spool.hasUnclaimed {
            // An earlier run's backlog: sent first, without holding up this run's intake.
            state.withLock { $0.recovering = true }
            pump()
        }
    }

    /// Where the items of this queue are and what became of them: `exported`, `rejected`,
    /// `failed`, `evicted`, `encoded`, `spooled`, `recovered`, `spoolFilesSkipped`.
    var statistics: ExportStatistics {
        // The spool's figures are read under this queue's lock too, so that a body moving
        // between memory and disk is seen in one place (the lock order is always queue, spool).
        let (books, figures) = state.withLock { state -> (ExportStatistics, Spool.Figures?) in
            var books = state.books
            books.encoded = state.waitingItems + state.inFlightItems
            return (books, spool?.figures)
        }
        var result = books
        if let figures {
            result.spooled = figures.items
            result.recovered = figures.recovered
            result.spoolFilesSkipped = figures.corruptFiles
            for (reason, count) in [(EvictionReason.spoolFull, figures.evicted), (EvictionReason.spoolFileDamaged, figures.damaged), (EvictionReason.sentByAnotherProcess, figures.sentElsewhere)] where count > 0 {
                result.evicted += count
                result.evictedByReason[reason, default: 0] += count
            }
        }
        return result
    }

    enum EvictionReason {
        static let queueFull = "export queue full"
        static let spoolFull = "spool full"
        static let spoolFileDamaged = "spool file damaged"
        static let sentByAnotherProcess = "sent by another process"
    }

    /// Takes a body to send; with a spool, a body that cannot be sent at once is written to
    /// disk here.
    ///
    /// While the receiver answers but is behind (no failures, every lane busy, a backlog of
    /// `healthyBacklogBytes`), this waits for a lane, up to `deadline`: the span queue before it
    /// then fills and drops at intake, as it would without this queue, rather than spending CPU
    /// on bodies that could only be pushed out again. The backlog of an absent or failing
    /// receiver never waits here.
    func submit(_ batch: EncodedBatch, waitingUntil deadline: Deadline = .never) {
        if policy == .queue {
            // Signals of lanes that freed while nobody waited would only make the loop spin.
            while laneFreed.wait(timeout: .now()) == .success {}
            while !deadline.hasPassed, isBehind {
                _ = laneFreed.wait(timeout: .now() + .nanoseconds(Int(min(deadline.remainingNanos, 100_000_000))))
            }
        }
        enum Route { case memory, spool }
        let route: Route = state.withLock { state in
            guard spool != nil else { return .memory }
            if state.stopping { return .spool }
            // Straight to a free lane, or to disk: a body on disk survives a crash.
            let sendable = state.pausedUntil == nil && state.retrying.isEmpty && state.waiting.isEmpty && state.busy.contains(false)
            return sendable && !(spool?.hasUnclaimed ?? false) ? .memory : .spool
        }
        if route == .spool, let spool, spool.store(compactedForWaiting(batch)) {
            pump()
            return
        }
        // A body that waits for a failing receiver is kept compressed: a JSON backlog shrinks
        // about tenfold. The short queue behind a busy but healthy one is not worth the CPU.
        let waitsLong = state.withLock { $0.recovering }
        let stored = waitsLong ? compactedForWaiting(batch) : batch
        let evicted: (items: Int, total: Int)? = state.withLock { state in
            // Too late to be sent, and no spool took it (a body handed over during shutdown).
            if state.stopping {
                state.books.record(.failure(.shutdown), items: stored.items)
                return nil
            }
            state.sequence += 1
            var evicted = 0
            if policy == .latestOnly {
                // Superseded: the new body carries their values.
                for old in state.retrying { drop(old, &state) }
                state.retrying.removeAll()
                while let old = state.waiting.popFirst() { drop(old, &state) }
            }
            while state.waitingBytes + stored.bytes > maxBytes, let oldest = state.retrying.isEmpty ? state.waiting.popFirst() : state.retrying.removeFirst() {
                drop(oldest, &state)
                evicted += oldest.batch.items
            }
            if evicted > 0 {
                state.books.evicted += evicted
                state.books.evictedByReason[EvictionReason.queueFull, default: 0] += evicted
            }
            state.waiting.append(Waiting(sequence: state.sequence, batch: stored))
            state.waitingBytes += stored.bytes
            state.waitingItems += stored.items
            return (evicted, state.books.evictedByReason[EvictionReason.queueFull] ?? 0)
        }
        guard let evicted else { return }
        if evicted.items > 0 {
            log.log(.warning, key: "evicted", "export queue full (LLMTRACE_EXPORT_QUEUE_MAX_BYTES = \(maxBytes)): dropped the oldest \(evicted.items) \(itemName), \(evicted.total) in all; the receiver is slow or away (\(lastErrorText))")
        }
        pump()
    }

    /// Encodes `batch` (in halves if it is over `maxRequestBytes`) and takes the bodies; items
    /// too large on their own are never sent, and counted as rejected, as a receiver would.
    func submit<Item>(_ batch: [Item], waitingUntil deadline: Deadline = .never, estimatedSize: (Int) -> Int, encode: ([Item], inout ByteWriter) -> Void) {
        let encoded = client.encodeBodies(batch, estimatedSize: estimatedSize, encode: encode)
        for body in encoded.bodies { submit(body, waitingUntil: deadline) }
        guard encoded.tooLarge > 0 else { return }
        state.withLock { $0.books.rejected += encoded.tooLarge }
        log.log(.warning, key: "too-large", "\(encoded.tooLarge) \(itemName) not sent: each is over the request limit of \(client.configuration.maxRequestBytes) bytes on its own")
    }

    /// The backlog a receiver that answers may have before intake waits for it.
    /// `batch` stored compressed: a JSON backlog shrinks about tenfold.
    private func compactedForWaiting(_ batch: EncodedBatch) -> EncodedBatch {
        atRest.withLock { kept in
            guard let compressor = try? GzipCompressor.reusing(&kept, level: 1) else { return batch }
            return batch.compactedForWaiting(with: compressor)
        }
    }

    private var healthyBacklogBytes: Int { min(maxBytes, 4 << 20) }

    private var isBehind: Bool {
        state.withLock { state in
            guard !state.stopping, !state.recovering, state.pausedUntil == nil, !state.busy.contains(false) else { return false }
            return spool != nil || state.waitingBytes >= healthyBacklogBytes
        }
    }

    private var lastErrorText: String { state.withLock { $0.lastError.map { "\($0)" } ?? "no answer yet" } }

    private func drop(_ waiting: Waiting, _ state: inout State) {
        state.waitingBytes -= waiting.batch.bytes
        state.waitingItems -= waiting.batch.items
    }

    /// Waits until every body submitted so far is delivered or has failed for good, or until
    /// `deadline`; `true` if it got there. Bodies still held stay queued.
    func flush(deadline: Deadline) -> Bool {
        // Signals of requests nobody waited for would only make the loop below spin.
        while progress.wait(timeout: .now()) == .success {}
        pump()
        while true {
            if isIdle { return true }
            // A shutdown (or its last resort) has taken over.
            if deadline.hasPassed || state.withLock({ $0.stopping }) { return false }
            _ = progress.wait(timeout: .now() + .nanoseconds(Int(min(deadline.remainingNanos, 20_000_000))))
        }
    }

    private var isIdle: Bool {
        let memoryIdle = state.withLock { $0.waiting.isEmpty && $0.retrying.isEmpty && !$0.busy.contains(true) }
        return memoryIdle && (spool?.figures.items ?? 0) == 0
    }

    /// Sends what it can by `deadline`; then, with a spool, writes what is left to disk for the
    /// next process; without one, counts it as failed (`shutdown`). A second call with an
    /// earlier deadline (the processor's last resort) cuts the first short.
    func shutdown(deadline: Deadline) {
        // The last stretch is kept for ending the requests in flight and for writing what is
        // left to disk (with a spool) or counting it.
        let margin = spool == nil ? min(deadline.remainingNanos / 5, 250_000_000) : min(deadline.remainingNanos / 4, 500_000_000)
        let flushBy = Deadline(nanos: deadline.nanos - margin)
        // Our own backoff is a guess at when the receiver is back. Were it to outlast the flush,
        // nothing more would be tried and the backlog would be lost even if the receiver is
        // back, so one probe goes out in time for its answer and for the backlog to follow.
        // A receiver's `Retry-After` is honoured.
        state.withLock { state in
            guard let until = state.pausedUntil, !state.pauseIsReceivers else { return }
            let lastTry = Deadline(nanos: flushBy.nanos - min(flushBy.remainingNanos / 2, 1_000_000_000))
            if until > lastTry { state.pausedUntil = lastTry }
        }
        _ = flush(deadline: flushBy)
        let alreadyStopping = state.withLock { state -> Bool in
            defer { state.stopping = true }
            return state.stopping
        }
        // Ends posts in progress at once; their bodies come back as `shutdown` and are handled
        // like the ones still waiting.
        client.shutdown()
        if !alreadyStopping { settle() }
        // Lanes end their cancelled posts within milliseconds; wait for them, within reason.
        let settleBy = min(Deadline.after(.milliseconds(200)), deadline)
        while state.withLock({ $0.busy.contains(true) }), !settleBy.hasPassed {
            _ = progress.wait(timeout: .now() + .milliseconds(5))
        }
        settle()
    }

    /// Everything still waiting in memory: spooled, or counted as failed.
    private func settle() {
        let left: [Waiting] = state.withLock { state in
            var left = state.retrying
            state.retrying.removeAll()
            while let waiting = state.waiting.popFirst() { left.append(waiting) }
            for waiting in left { drop(waiting, &state) }
            return left
        }
        guard !left.isEmpty else { return }
        var failed = 0
        for waiting in left {
            if let spool, spool.store(compactedForWaiting(waiting.batch)) { continue }
            failed += waiting.batch.items
        }
        if failed > 0 {
            state.withLock { state in
                state.books.failed += failed
                state.books.failedByReason[ExportError.shutdown.reason, default: 0] += failed
            }
            log.log(.warning, key: "shutdown-left", "shut down with \(failed) \(itemName) not delivered (\(lastErrorText)); set LLMTRACE_SPOOL_DIR to keep them for the next run")
        }
    }

    // MARK: Sending

    /// Starts a request on every free lane that has work, unless paused.
    private func pump() {
        let jobs: [(Int, Job)] = state.withLock { state in
            guard !state.stopping else { return [] }
            if let until = state.pausedUntil {
                guard until.hasPassed else {
                    scheduleWake(at: until, &state)
                    return []
                }
                state.pausedUntil = nil
                state.pauseIsReceivers = false
            }
            var jobs: [(Int, Job)] = []
            for lane in state.busy.indices where !state.busy[lane] {
                guard let job = nextJob(&state) else { break }
                state.busy[lane] = true
                if case .memory = job { state.inFlightItems += job.batch.items }
                jobs.append((lane, job))
                // After failures, one request probes the receiver before the others follow.
                if state.failuresInARow > 0 { break }
            }
            return jobs
        }
        for (lane, job) in jobs {
            lanes[lane].async { self.run(job, lane: lane) }
        }
    }

    /// The oldest body: on disk first (files are older than anything in memory), then the
    /// ones that failed, then the rest.
    private func nextJob(_ state: inout State) -> Job? {
        if let claim = spool?.claimOldest() { return .spooled(claim) }
        let waiting = state.retrying.isEmpty ? state.waiting.popFirst() : state.retrying.removeFirst()
        guard let waiting else { return nil }
        drop(waiting, &state)
        return .memory(waiting)
    }

    /// Pumps again at `until`, unless a wake is due by then (shutdown may bring a pause forward).
    private func scheduleWake(at until: Deadline, _ state: inout State) {
        if let due = state.wakeAt, due <= until { return }
        state.wakeAt = until
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: until.remainingNanos))) { [weak self] in
            guard let self else { return }
            self.state.withLock { state in
                if state.wakeAt == until { state.wakeAt = nil }
            }
            self.pump()
        }
    }

    private func run(_ job: Job, lane: Int) {
        let batch = job.batch
        let timeout = client.configuration.timeout > .zero ? client.configuration.timeout : .seconds(3600)
        let attempt = client.attempt(batch, lane: lane, timeout: timeout)
        var final: ExportResult?
        var retryNote: (error: ExportError, wait: Duration, held: Int)?
        var recovered = 0
        state.withLock { state in
            if case .memory = job { state.inFlightItems -= batch.items }
            switch attempt {
            case .done(.failure(.shutdown)):
                // Cut short by shutdown: back to the queue, which shutdown spools or counts.
                requeue(job, &state)
            case .done(let result):
                final = result
                if state.failuresInARow > 0 { recovered = state.failuresInARow }
                if case .failure = result {} else {
                    state.failuresInARow = 0
                    state.lastError = nil
                }
                state.books.record(result, items: batch.items)
                if case .spooled(let claim) = job { spool?.finish(claim) }
                if state.failuresInARow == 0, state.waiting.isEmpty, state.retrying.isEmpty, !(spool?.hasUnclaimed ?? false) {
                    state.recovering = false
                }
            case .retry(let error, let after):
                let wait = min(after ?? client.configuration.retry.queueBackoff(afterFailures: state.failuresInARow), .seconds(3600))
                state.failuresInARow += 1
                state.recovering = true
                state.lastError = error
                let until = Deadline.after(wait)
                if until >= state.pausedUntil ?? until {
                    state.pausedUntil = until
                    state.pauseIsReceivers = after != nil
                }
                // With a spool, a body that has to wait waits on disk, where a crash cannot take it.
                if let spool, case .memory(let waiting) = job, spool.store(compactedForWaiting(waiting.batch)) {} else {
                    requeue(job, &state)
                }
                retryNote = (error, wait, state.waitingItems + state.inFlightItems + (spool?.figures.items ?? 0))
            }
        }
        if let final {
            onOutcome?(final)
            final.report(items: batch.items, itemName: itemName, to: log)
            if recovered > 0 {
                log.log(.info, key: "recovered", "receiver answering again after \(recovered) failed tries; sending the held \(itemName)")
            }
        }
        if let retryNote {
            log.log(.warning, key: "retry", "receiver unavailable (\(retryNote.error)); holding \(retryNote.held) \(itemName), next try in \(retryNote.wait)")
        }
        // Anything that came back after shutdown began is spooled or counted here: shutdown's
        // own pass may be over.
        settleIfStopping()
        // The lane is free only now, once its outcome is booked, told and logged: whoever
        // waits for an idle queue (flush, shutdown) sees all of that when it returns.
        state.withLock { $0.busy[lane] = false }
        progress.signal()
        laneFreed.signal()
        pump()
    }

    private func settleIfStopping() {
        if state.withLock({ $0.stopping }) { settle() }
    }

    private func requeue(_ job: Job, _ state: inout State) {
        switch job {
        case .spooled(let claim):
            spool?.release(claim)
        case .memory(let waiting) where policy == .latestOnly && !state.waiting.isEmpty:
            // A newer snapshot is waiting and carries this one's values.
            _ = waiting
        case .memory(let waiting):
            let index = state.retrying.firstIndex { $0.sequence > waiting.sequence } ?? state.retrying.count
            // Held compressed from now on: it may wait a while.
            var held = waiting
            held.batch = compactedForWaiting(waiting.batch)
            state.retrying.insert(held, at: index)
            state.waitingBytes += held.batch.bytes
            state.waitingItems += held.batch.items
        }
    }
}
