internal import LLMTraceSupport

/// The traces the sampling rules hold until they can be decided, and the verdicts remembered
/// after, so that spans ending later follow their trace.
///
/// A value under the tail-sampling processor's lock: every method runs with the lock held and
/// appends the spans it keeps to `kept`, which the processor hands on after unlocking.
struct TraceBuffer {
    private struct PendingTrace {
        let sequence: UInt64
        var spans: [SpanData] = []
        var bytes = 0
        var headSampled = false
        var rootEnded = false

        /// Adds an ended span; returns how many the trace now holds, the span's estimated size
        /// and the trace's sequence (which a wait's ticket names, without another lookup).
        mutating func add(_ span: consuming SpanData, isRoot: Bool) -> (count: Int, size: Int, sequence: UInt64) {
            let size = span.estimatedSize
            if span.context.isSampled { headSampled = true }
            // Moved in, not copied: a copy retains a dozen counted fields, and the span it was
            // made from is released right after.
            spans.append(consume span)
            bytes += size
            if isRoot { rootEnded = true }
            return (spans.count, size, sequence)
        }
    }

    /// Remembered after a decision, so spans that end later follow it.
    private struct Verdict {
        var reason: KeepReason?
        var early: EarlyCause?
        var rootSeen: Bool
    }

    /// A pending trace's place in the age or wait order; stale once the trace is decided.
    private struct Ticket {
        let traceID: TraceID
        let sequence: UInt64
        let time: UInt64
    }

    private let evaluation: RuleEvaluation
    private let clock: @Sendable () -> UInt64
    private let waitNanos: UInt64
    private let maxAgeNanos: UInt64
    private let decidedCapacity: Int
    private var pending: [TraceID: PendingTrace] = [:]
    private var byAge = FIFO<Ticket>()
    private var waiting = FIFO<Ticket>()
    private var decided: [TraceID: Verdict] = [:]
    private var decidedOrder = FIFO<TraceID>()
    // Head-kept traces with a failed span whose local root has not ended yet.
    private var failedSampled = Set<TraceID>()
    private var nextSequence: UInt64 = 0
    private var ruleBudget: TokenBucket?
    private(set) var pendingSpans = 0
    private(set) var pendingBytes = 0
    private(set) var statistics = SamplingStatistics()
    private(set) var isShutdown = false
    private var earlyReported = 0

    /// - Parameters:
    ///   - evaluation: The rules; their limits must be at least 1.
    ///   - clock: Monotonic nanoseconds; tests inject their own to make ages deterministic.
    init(evaluation: RuleEvaluation, clock: @escaping @Sendable () -> UInt64) {
        let rules = evaluation.rules
        let now = clock()
        self.evaluation = evaluation
        self.clock = clock
        self.waitNanos = UInt64(max(0, rules.decisionWait.nanoseconds))
        self.maxAgeNanos = UInt64(max(1, rules.maxTraceAge.nanoseconds))
        self.decidedCapacity = max(16384, 4 * rules.maxPendingTraces)
        // Sized for their limits up front, so the tables never rehash while spans stream in.
        pending.reserveCapacity(rules.maxPendingTraces)
        decided.reserveCapacity(decidedCapacity)
        if let cap = rules.maxTracesPerSecond, cap > 0 {
            ruleBudget = TokenBucket(ratePerSecond: max(cap, rules.ruleTracesPerSecondFloor), now: now)
        }
    }

    /// Traces held now, plus head-kept traces waiting for their root to be marked: while it is
    /// zero a sampled span needs no lock.
    var heldTraces: Int { pending.count + failedSampled.count }

    /// The statistics with the pending counts of this moment.
    var currentStatistics: SamplingStatistics {
        var current = statistics
        current.pendingTraces = pending.count
        current.pendingSpans = pendingSpans
        current.pendingBytes = pendingBytes
        return current
    }

    /// Early decisions not reported yet, and all of them by cause; `nil` when there is nothing
    /// new. Read and marked reported under one lock, so each is reported once.
    mutating func takeUnreportedEarlyDecisions() -> (recent: Int, byCause: [String: Int])? {
        let total = statistics.earlyDecisions.values.reduce(0, +)
        guard total > earlyReported else { return nil }
        defer { earlyReported = total }
        return (total - earlyReported, statistics.earlyDecisions)
    }

    /// Counts a head-kept trace whose root carried a mark.
    mutating func countKept(_ reason: KeepReason) {
        statistics.tracesKept[reason.attributeValue, default: 0] += 1
    }

    /// Whether a span of `traceID` belongs to a trace held now.
    func isHolding(_ traceID: TraceID) -> Bool { !isShutdown && pending[traceID] != nil }

    // MARK: Spans the head sampler kept

    /// A span of a trace the head sampler kept, while other traces are held: it joins its trace
    /// if that is held (a second local root sampled differently keeps the trace whole), else
    /// goes on, its local root marked with why it is kept (`error`, `slow`, `ratio`, `parent`).
    /// - Returns: whether the span was a local root kept by the head sampler alone (marked
    ///   `ratio` or `parent`), which the caller counts outside the lock.
    mutating func receiveHeadKept(_ span: consuming SpanData, failed: Bool, _ kept: inout [SpanData]) -> Bool {
        let traceID = span.context.traceID
        if isHolding(traceID) {
            receive(consume span, &kept)
            return false
        }
        guard span.isLocalRoot else {
            if failed {
                if failedSampled.count >= evaluation.rules.maxPendingTraces { failedSampled.removeFirst() }
                failedSampled.insert(traceID)
            }
            kept.append(span)
            return false
        }
        let childFailed = failedSampled.remove(traceID) != nil
        let mark = evaluation.headKeptMark(root: span, failed: failed || childFailed)
        var root = consume span
        root.markKept(by: mark, early: nil, limit: evaluation.attributeCountLimit)
        if !mark.isHeadDecision { countKept(mark) }
        kept.append(root)
        return mark.isHeadDecision
    }

    // MARK: Spans the head sampler did not keep

    /// Holds an ended span of an unsampled trace, or follows its trace's verdict.
    mutating func receive(_ span: consuming SpanData, _ kept: inout [SpanData]) {
        let traceID = span.context.traceID
        if isShutdown {
            // The processors behind count it as ended after shutdown.
            kept.append(span.markedSampled())
            return
        }
        let isRoot = span.isLocalRoot
        // The common case, a span of a trace already pending, costs one hash lookup: the entry
        // is changed in place through its index, without copying its span array.
        if let index = pending.index(forKey: traceID) {
            let added = pending.values[index].add(consume span, isRoot: isRoot)
            pendingSpans += 1
            pendingBytes += added.size
            afterAdding(traceID, added, isRoot: isRoot, &kept)
            return
        }
        if let verdict = decided[traceID] {
            guard let reason = verdict.reason else {
                statistics.lateSpansDropped += 1
                return
            }
            statistics.lateSpansKept += 1
            var late = span.markedSampled()
            if isRoot && !verdict.rootSeen {
                late.markKept(by: reason, early: verdict.early, limit: evaluation.attributeCountLimit)
                decided[traceID]?.rootSeen = true
            }
            kept.append(late)
            return
        }

        while pending.count >= evaluation.rules.maxPendingTraces, evictOne(cause: .pendingTraces, &kept) {}
        nextSequence += 1
        var entry = PendingTrace(sequence: nextSequence)
        // A trace has a few spans: one allocation for the first four rather than three.
        entry.spans.reserveCapacity(4)
        let added = entry.add(consume span, isRoot: isRoot)
        pending[traceID] = entry
        pendingSpans += 1
        pendingBytes += added.size
        byAge.append(Ticket(traceID: traceID, sequence: nextSequence, time: clock()))
        compactIfStale()
        afterAdding(traceID, added, isRoot: isRoot, &kept)
    }

    /// Decides or schedules a trace that just got a span, then keeps the pending spans in bounds.
    private mutating func afterAdding(_ traceID: TraceID, _ added: (count: Int, size: Int, sequence: UInt64), isRoot: Bool, _ kept: inout [SpanData]) {
        if added.count >= evaluation.rules.maxSpansPerTrace {
            decide(traceID, cause: .traceSpans, &kept)
        } else if isRoot {
            if waitNanos == 0 {
                decide(traceID, cause: nil, &kept)
            } else {
                waiting.append(Ticket(traceID: traceID, sequence: added.sequence, time: clock() &+ waitNanos))
            }
        }
        while pendingSpans > evaluation.rules.maxPendingSpans, evictOne(cause: .pendingSpans, &kept) {}
        while pendingBytes > evaluation.rules.maxPendingBytes, evictOne(cause: .pendingBytes, &kept) {}
    }

    // MARK: Decisions

    /// Decides traces whose wait is over and traces older than `maxTraceAge`.
    mutating func sweep(_ kept: inout [SpanData]) {
        let now = clock()
        while let ticket = waiting.first, ticket.time <= now {
            waiting.popFirst()
            if isCurrent(ticket) { decide(ticket.traceID, cause: nil, &kept) }
        }
        while let ticket = byAge.first {
            if isCurrent(ticket) {
                guard now &- ticket.time >= maxAgeNanos else { break }
                decide(ticket.traceID, cause: .maxAge, &kept)
            }
            byAge.popFirst()
        }
    }

    /// Decides every trace whose local root has ended; open traces keep waiting for theirs.
    mutating func decideWaiting(_ kept: inout [SpanData]) {
        while let ticket = waiting.popFirst() {
            if isCurrent(ticket) { decide(ticket.traceID, cause: nil, &kept) }
        }
    }

    /// Decides every pending trace (open ones early, cause `shutdown`); later spans pass
    /// straight through. Returns `false` if already shut down.
    mutating func shutdown(_ kept: inout [SpanData]) -> Bool {
        guard !isShutdown else { return false }
        isShutdown = true
        for traceID in Array(pending.keys) {
            decide(traceID, cause: .shutdown, &kept)
        }
        return true
    }

    /// Decides one trace to make room: first one that is only waiting for late children (that
    /// just shortens its wait), else the oldest open one (an early decision).
    private mutating func evictOne(cause: EarlyCause, _ kept: inout [SpanData]) -> Bool {
        while let ticket = waiting.popFirst() {
            guard isCurrent(ticket) else { continue }
            decide(ticket.traceID, cause: nil, &kept)
            return true
        }
        while let ticket = byAge.popFirst() {
            guard isCurrent(ticket) else { continue }
            decide(ticket.traceID, cause: cause, &kept)
            return true
        }
        return false
    }

    /// Applies the rules to one pending trace and records the verdict. `cause` names why the
    /// decision is taken now; it counts as early only if the local root has not ended.
    private mutating func decide(_ traceID: TraceID, cause: EarlyCause?, _ kept: inout [SpanData]) {
        guard let entry = pending.removeValue(forKey: traceID) else { return }
        pendingSpans -= entry.spans.count
        pendingBytes -= entry.bytes
        let early = entry.rootEnded ? nil : cause
        if let early { statistics.earlyDecisions[early.rawValue, default: 0] += 1 }

        var reason = evaluation.evaluate(entry.spans, headSampled: entry.headSampled)
        // Only rule-kept traces spend the rule budget; head-kept ones were capped at their start.
        if let chosen = reason, !chosen.isHeadDecision, ruleBudget?.take(now: clock()) == false {
            statistics.tracesOverRuleBudget += 1
            reason = nil
        }
        if let reason {
            countKept(reason)
            for span in entry.spans {
                var span = span.markedSampled()
                if span.isLocalRoot { span.markKept(by: reason, early: early, limit: evaluation.attributeCountLimit) }
                kept.append(span)
            }
        } else {
            statistics.tracesDropped += 1
            statistics.spansDropped += entry.spans.count
        }

        decided[traceID] = Verdict(reason: reason, early: early, rootSeen: entry.rootEnded)
        decidedOrder.append(traceID)
        while decidedOrder.count > decidedCapacity, let oldest = decidedOrder.popFirst() {
            decided.removeValue(forKey: oldest)
        }
    }

    private func isCurrent(_ ticket: Ticket) -> Bool {
        pending[ticket.traceID]?.sequence == ticket.sequence
    }

    /// Drops stale tickets once they outnumber live ones, so a trace that stays open for a long
    /// time cannot make the orders grow behind it.
    private mutating func compactIfStale() {
        let live = pending.count
        if byAge.count > 2 * live + 4096 {
            let pending = self.pending
            byAge.removeAll { pending[$0.traceID]?.sequence != $0.sequence }
        }
        if waiting.count > 2 * live + 4096 {
            let pending = self.pending
            waiting.removeAll { pending[$0.traceID]?.sequence != $0.sequence }
        }
    }

}
