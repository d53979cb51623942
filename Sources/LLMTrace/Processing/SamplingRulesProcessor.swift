import Dispatch
import Logging
import Synchronization

/// Holds the spans of each trace the head sampler did not keep until its local root has ended
/// (plus `decisionWait`), decides the whole trace by `SamplingRules`, and hands kept traces,
/// complete, to the processors behind it (the exporting ones).
///
/// A span of a trace the head sampler kept goes straight on: that trace is exported whatever
/// the rules say, so holding it would only cost time and memory. While nothing is held, that
/// path takes no lock; the local root is marked `error` or `slow` when those rules apply, so the
/// tag finds every failure whatever kept its trace.
///
/// For held traces the callers' cost is one lock and an append per span; decisions run on the
/// thread that ends a local root (when there is no wait), on a limit hit, or on the stage's
/// timer. Kept spans are passed on outside the lock. Memory is bounded by the pending limits:
/// when one is reached the oldest trace is decided at once, on what it has.
final class SamplingRulesProcessor: SpanProcessor {
    /// Written on the local root of a kept trace: the rule that kept it.
    static let ruleAttribute = "llmtrace.sampling.rule"
    /// Written on the local root of a trace decided before that root ended: why.
    static let earlyAttribute = "llmtrace.sampling.early"

    let rules: SamplingRules
    let downstream: [any SpanProcessor]
    private let startDownstream: [any SpanProcessor]
    private let clock: @Sendable () -> UInt64
    private let waitNanos: UInt64
    private let maxAgeNanos: UInt64
    private let slowNanos: UInt64?
    private let decidedCapacity: Int
    private let state: Locked<State>
    // `pending.count + failedSampled.count` as of the last unlock: while it is zero a sampled
    // span cannot belong to a held trace or need a mark, and skips the lock.
    private let heldTraces = Atomic<Int>(0)
    // Head-kept traces without a mark, counted without the lock.
    private let keptByRatio = Atomic<Int>(0)
    private let keptByParent = Atomic<Int>(0)
    private let ratioCap: Locked<RatioCap>?
    private let log: RateLimitedLog
    private let queue = DispatchQueue(label: "llmtrace.sampling-rules")
    // Dispatch sources are thread-safe; the overlay just does not mark the protocol Sendable.
    nonisolated(unsafe) private let timer: any DispatchSourceTimer

    private struct PendingTrace {
        let sequence: UInt64
        var spans: [SpanData] = []
        var headSampled = false
        var rootEnded = false

        /// Adds an ended span; returns how many the trace now holds.
        mutating func add(_ span: SpanData, isRoot: Bool) -> Int {
            spans.append(span)
            if span.context.isSampled { headSampled = true }
            if isRoot { rootEnded = true }
            return spans.count
        }
    }

    /// Remembered after a decision, so spans that end later follow it.
    private struct Verdict {
        var rule: String?
        var early: String?
        var rootSeen: Bool
    }

    /// A pending trace's place in the age or wait order; stale once the trace is decided.
    private struct Ticket {
        let traceID: TraceID
        let sequence: UInt64
        let time: UInt64
    }

    private struct RatioCap {
        var bucket: TokenBucket
        var refused = 0
    }

    private struct State {
        var pending: [TraceID: PendingTrace] = [:]
        var pendingSpans = 0
        var byAge = FIFO<Ticket>()
        var waiting = FIFO<Ticket>()
        var decided: [TraceID: Verdict] = [:]
        // Head-kept traces with a failed span whose local root has not ended yet.
        var failedSampled = Set<TraceID>()
        var decidedOrder = FIFO<TraceID>()
        var nextSequence: UInt64 = 0
        var ruleBudget: TokenBucket?
        var statistics = SamplingStatistics()
        var earlyReported = 0
        var isShutdown = false

        func isCurrent(_ ticket: Ticket) -> Bool {
            pending[ticket.traceID]?.sequence == ticket.sequence
        }
    }

    /// Creates the stage.
    /// - Parameters:
    ///   - rules: The rules and limits.
    ///   - downstream: Where kept spans go.
    ///   - logger: Receives early-decision warnings, rate-limited.
    ///   - clock: Monotonic nanoseconds; tests inject their own to make ages deterministic.
    init(rules: SamplingRules, downstream: [any SpanProcessor], logger: Logger, clock: @escaping @Sendable () -> UInt64 = WallClock.monotonicNanos) {
        var rules = rules
        rules.maxPendingTraces = max(1, rules.maxPendingTraces)
        rules.maxSpansPerTrace = max(1, rules.maxSpansPerTrace)
        rules.maxPendingSpans = max(1, rules.maxPendingSpans)
        self.rules = rules
        self.downstream = downstream
        self.startDownstream = downstream.filter(\.isStartRequired)
        self.clock = clock
        self.waitNanos = UInt64(max(0, rules.decisionWait.nanoseconds))
        self.maxAgeNanos = UInt64(max(1, rules.maxTraceAge.nanoseconds))
        self.slowNanos = rules.slowThreshold.map { UInt64(max(0, $0.nanoseconds)) }
        self.decidedCapacity = max(16384, 4 * rules.maxPendingTraces)
        self.log = RateLimitedLog(logger: logger)
        let now = clock()
        var initial = State()
        // Sized for their limits up front, so the tables never rehash while spans stream in.
        initial.pending.reserveCapacity(rules.maxPendingTraces)
        initial.decided.reserveCapacity(decidedCapacity)
        if let cap = rules.maxTracesPerSecond, cap > 0 {
            ratioCap = Locked(RatioCap(bucket: TokenBucket(ratePerSecond: cap, now: now)))
            initial.ruleBudget = TokenBucket(ratePerSecond: max(cap, rules.ruleTracesPerSecondFloor), now: now)
        } else {
            ratioCap = nil
        }
        state = Locked(initial)

        timer = DispatchSource.makeTimerSource(queue: queue)
        // Often enough to keep the wait short and to notice old traces; never busier than 200/s.
        var interval = min(maxAgeNanos / 2, 1_000_000_000)
        if waitNanos > 0 { interval = min(interval, waitNanos / 2) }
        let tick = DispatchTimeInterval.nanoseconds(Int(clamping: max(5_000_000, interval)))
        timer.schedule(deadline: .now() + tick, repeating: tick, leeway: .milliseconds(5))
        timer.setEventHandler { [weak self] in self?.sweep() }
        timer.resume()
    }

    deinit {
        timer.cancel()
    }

    /// What the rules did so far, with the pending counts of this moment.
    var samplingStatistics: SamplingStatistics {
        var statistics = state.withLock { state in
            var statistics = state.statistics
            statistics.pendingTraces = state.pending.count
            statistics.pendingSpans = state.pendingSpans
            return statistics
        }
        for (rule, count) in [("ratio", keptByRatio.load(ordering: .relaxed)), ("parent", keptByParent.load(ordering: .relaxed))] where count > 0 {
            statistics.tracesKept[rule, default: 0] += count
        }
        statistics.tracesOverRatioCap = ratioCap?.withLock { $0.refused } ?? 0
        return statistics
    }

    /// Runs `body` under the lock, then publishes how many traces are held.
    @inline(__always)
    private func locked<R>(_ body: (inout State) -> R) -> R {
        state.withLock { state in
            let result = body(&state)
            heldTraces.store(state.pending.count + state.failedSampled.count, ordering: .relaxed)
            return result
        }
    }

    var statistics: ExportStatistics? {
        let all = downstream.compactMap(\.statistics)
        return all.isEmpty ? nil : all.reduce(ExportStatistics(), +)
    }

    /// Whether the ratio may keep one more trace under `maxTracesPerSecond`; called by the head
    /// sampler when the ratio says keep.
    func ratioCapAllows() -> Bool {
        guard let ratioCap else { return true }
        let now = clock()
        return ratioCap.withLock { cap in
            if cap.bucket.take(now: now) { return true }
            cap.refused += 1
            return false
        }
    }

    var isStartRequired: Bool { !startDownstream.isEmpty }

    func onStart(_ span: Span, parentContext: SpanContext?) {
        for processor in startDownstream { processor.onStart(span, parentContext: parentContext) }
    }

    func onEnd(_ span: SpanData) {
        if span.context.isSampled {
            passSampled(span)
            return
        }
        var kept: [SpanData] = []
        locked { state in receive(span, &state, &kept) }
        forward(kept)
    }

    /// Hands on a span of a trace the head sampler kept, marking its local root if it failed or
    /// was slow. A trace that is also held (a second local root sampled differently) stays
    /// whole: the span joins it.
    private func passSampled(_ span: SpanData) {
        let isRoot = span.isLocalRoot
        let failed = rules.keepErrors && span.hasFailed
        if !failed, heldTraces.load(ordering: .relaxed) == 0 {
            if isRoot, let rule = headKeptRule(span, failed: false) {
                var marked = span
                Self.annotate(&marked, rule: rule, early: nil)
                state.withLock { $0.statistics.tracesKept[rule, default: 0] += 1 }
                forward(marked)
            } else {
                if isRoot { countHeadKept(span) }
                forward(span)
            }
            return
        }
        var kept: [SpanData] = []
        locked { state in
            let traceID = span.context.traceID
            if !state.isShutdown, state.pending[traceID] != nil {
                receive(span, &state, &kept)
                return
            }
            guard isRoot else {
                if failed {
                    if state.failedSampled.count >= rules.maxPendingTraces { state.failedSampled.removeFirst() }
                    state.failedSampled.insert(traceID)
                }
                kept.append(span)
                return
            }
            let childFailed = state.failedSampled.remove(traceID) != nil
            var root = span
            if let rule = headKeptRule(span, failed: failed || childFailed) {
                Self.annotate(&root, rule: rule, early: nil)
                state.statistics.tracesKept[rule, default: 0] += 1
            } else {
                countHeadKept(span)
            }
            kept.append(root)
        }
        forward(kept)
    }

    /// The mark for the local root of a head-kept trace: `error`, `slow`, or none.
    private func headKeptRule(_ root: SpanData, failed: Bool) -> String? {
        if failed { return "error" }
        if let slowNanos, root.durationNanos >= slowNanos { return "slow" }
        return nil
    }

    private func countHeadKept(_ root: SpanData) {
        if root.parentIsRemote == true {
            keptByParent.wrappingAdd(1, ordering: .relaxed)
        } else {
            keptByRatio.wrappingAdd(1, ordering: .relaxed)
        }
    }

    /// Decides every trace whose local root has ended, then flushes the processors behind.
    /// Traces whose root is still open keep waiting for it.
    @discardableResult
    func forceFlush(timeout: Duration) -> Bool {
        let deadline = Deadline.after(timeout)
        var kept: [SpanData] = []
        locked { state in
            while let ticket = state.waiting.popFirst() {
                if state.isCurrent(ticket) { decide(ticket.traceID, cause: nil, &state, &kept) }
            }
        }
        forward(kept)
        var completed = true
        for processor in downstream {
            completed = processor.forceFlush(timeout: .nanoseconds(Int64(clamping: deadline.remainingNanos))) && completed
        }
        return completed
    }

    /// Decides every pending trace (open ones early, cause `shutdown`), hands kept spans on,
    /// then shuts the processors behind down.
    @discardableResult
    func shutdown(timeout: Duration) -> Bool {
        let deadline = Deadline.after(timeout)
        var kept: [SpanData] = []
        let first = locked { state -> Bool in
            guard !state.isShutdown else { return false }
            state.isShutdown = true
            for traceID in Array(state.pending.keys) {
                decide(traceID, cause: "shutdown", &state, &kept)
            }
            return true
        }
        guard first else { return true }
        timer.cancel()
        forward(kept)
        var completed = true
        for processor in downstream {
            completed = processor.shutdown(timeout: .nanoseconds(Int64(clamping: deadline.remainingNanos))) && completed
        }
        return completed
    }

    /// Decides traces whose wait is over and traces older than `maxTraceAge`. The timer calls it;
    /// tests call it after moving their clock.
    func sweep() {
        var kept: [SpanData] = []
        locked { state in
            let now = clock()
            while let ticket = state.waiting.first, ticket.time <= now {
                state.waiting.popFirst()
                if state.isCurrent(ticket) { decide(ticket.traceID, cause: nil, &state, &kept) }
            }
            while let ticket = state.byAge.first {
                if state.isCurrent(ticket) {
                    guard now &- ticket.time >= maxAgeNanos else { break }
                    decide(ticket.traceID, cause: "max_age", &state, &kept)
                }
                state.byAge.popFirst()
            }
        }
        forward(kept)
        reportEarlyDecisions()
    }

    // MARK: Under the lock

    private func receive(_ span: SpanData, _ state: inout State, _ kept: inout [SpanData]) {
        let traceID = span.context.traceID
        if state.isShutdown {
            // The processors behind count it as ended after shutdown.
            kept.append(Self.markedSampled(span))
            return
        }
        let isRoot = span.isLocalRoot
        // The common case, a span of a trace already pending, costs one hash lookup: optional
        // chaining mutates the stored entry in place, without copying its span array.
        if let count = state.pending[traceID]?.add(span, isRoot: isRoot) {
            state.pendingSpans += 1
            afterAdding(traceID, count: count, isRoot: isRoot, &state, &kept)
            return
        }
        if let verdict = state.decided[traceID] {
            guard let rule = verdict.rule else {
                state.statistics.lateSpansDropped += 1
                return
            }
            state.statistics.lateSpansKept += 1
            var late = Self.markedSampled(span)
            if isRoot && !verdict.rootSeen {
                if Self.marksRoot(rule: rule, early: verdict.early) { Self.annotate(&late, rule: rule, early: verdict.early) }
                state.decided[traceID]?.rootSeen = true
            }
            kept.append(late)
            return
        }

        while state.pending.count >= rules.maxPendingTraces, evictOne(cause: "pending_traces", &state, &kept) {}
        state.nextSequence += 1
        var entry = PendingTrace(sequence: state.nextSequence)
        // A trace has a few spans: one allocation for the first four rather than three.
        entry.spans.reserveCapacity(4)
        let count = entry.add(span, isRoot: isRoot)
        state.pending[traceID] = entry
        state.pendingSpans += 1
        state.byAge.append(Ticket(traceID: traceID, sequence: state.nextSequence, time: clock()))
        compactIfStale(&state)
        afterAdding(traceID, count: count, isRoot: isRoot, &state, &kept)
    }

    /// Decides or schedules a trace that just got a span, then keeps the pending spans in bounds.
    private func afterAdding(_ traceID: TraceID, count: Int, isRoot: Bool, _ state: inout State, _ kept: inout [SpanData]) {
        if count >= rules.maxSpansPerTrace {
            decide(traceID, cause: "trace_spans", &state, &kept)
        } else if isRoot {
            if waitNanos == 0 {
                decide(traceID, cause: nil, &state, &kept)
            } else if let sequence = state.pending[traceID]?.sequence {
                state.waiting.append(Ticket(traceID: traceID, sequence: sequence, time: clock() &+ waitNanos))
            }
        }
        while state.pendingSpans > rules.maxPendingSpans, evictOne(cause: "pending_spans", &state, &kept) {}
    }

    /// Decides one trace to make room: first one that is only waiting for late children (that
    /// just shortens its wait), else the oldest open one (an early decision).
    private func evictOne(cause: String, _ state: inout State, _ kept: inout [SpanData]) -> Bool {
        while let ticket = state.waiting.popFirst() {
            guard state.isCurrent(ticket) else { continue }
            decide(ticket.traceID, cause: nil, &state, &kept)
            return true
        }
        while let ticket = state.byAge.popFirst() {
            guard state.isCurrent(ticket) else { continue }
            decide(ticket.traceID, cause: cause, &state, &kept)
            return true
        }
        return false
    }

    /// Applies the rules to one pending trace and records the verdict. `cause` names why the
    /// decision is taken now; it counts as early only if the local root has not ended.
    private func decide(_ traceID: TraceID, cause: String?, _ state: inout State, _ kept: inout [SpanData]) {
        guard let entry = state.pending.removeValue(forKey: traceID) else { return }
        state.pendingSpans -= entry.spans.count
        let early = entry.rootEnded ? nil : cause
        if let early { state.statistics.earlyDecisions[early, default: 0] += 1 }

        var rule = evaluate(entry)
        // Only rule-kept traces spend the rule budget; head-kept ones were capped at their start.
        if let chosen = rule, chosen != "ratio", chosen != "parent", state.ruleBudget?.take(now: clock()) == false {
            state.statistics.tracesOverRuleBudget += 1
            rule = nil
        }
        if let rule {
            state.statistics.tracesKept[rule, default: 0] += 1
            let marks = Self.marksRoot(rule: rule, early: early)
            for span in entry.spans {
                var span = Self.markedSampled(span)
                if marks && span.isLocalRoot { Self.annotate(&span, rule: rule, early: early) }
                kept.append(span)
            }
        } else {
            state.statistics.tracesDropped += 1
            state.statistics.spansDropped += entry.spans.count
        }

        state.decided[traceID] = Verdict(rule: rule, early: early, rootSeen: entry.rootEnded)
        state.decidedOrder.append(traceID)
        while state.decidedOrder.count > decidedCapacity, let oldest = state.decidedOrder.popFirst() {
            state.decided.removeValue(forKey: oldest)
        }
    }

    /// The rule that keeps `trace`, or `nil` to drop it.
    private func evaluate(_ trace: PendingTrace) -> String? {
        if rules.keepErrors && trace.spans.contains(where: \.hasFailed) { return "error" }
        let root = trace.spans.first(where: \.isLocalRoot)
        if let slowNanos {
            let duration: UInt64
            if let root {
                duration = root.durationNanos
            } else {
                // Decided before the root ended: how long the trace has run so far.
                let start = trace.spans.map(\.startTimeUnixNano).min() ?? 0
                duration = WallClock.nowUnixNano() &- min(start, WallClock.nowUnixNano())
            }
            if duration >= slowNanos { return "slow" }
        }
        for sum in rules.attributeSums {
            var total = 0.0
            for span in trace.spans {
                if let value = span.attributes[sum.key]?.numericValue { total += value }
            }
            if total >= sum.threshold { return sum.ruleName }
        }
        if trace.headSampled { return root?.parentIsRemote == true ? "parent" : "ratio" }
        return nil
    }

    /// Drops stale tickets once they outnumber live ones, so a trace that stays open for a long
    /// time cannot make the orders grow behind it.
    private func compactIfStale(_ state: inout State) {
        let live = state.pending.count
        if state.byAge.count > 2 * live + 4096 {
            let pending = state.pending
            state.byAge.removeAll { pending[$0.traceID]?.sequence != $0.sequence }
        }
        if state.waiting.count > 2 * live + 4096 {
            let pending = state.pending
            state.waiting.removeAll { pending[$0.traceID]?.sequence != $0.sequence }
        }
    }

    // MARK: Outside the lock

    private func forward(_ spans: [SpanData]) {
        for span in spans { forward(span) }
    }

    @inline(__always)
    private func forward(_ span: SpanData) {
        for processor in downstream { processor.onEnd(span) }
    }

    private func reportEarlyDecisions() {
        let news: (Int, [String: Int])? = state.withLock { state in
            let total = state.statistics.earlyDecisions.values.reduce(0, +)
            guard total > state.earlyReported else { return nil }
            defer { state.earlyReported = total }
            return (total - state.earlyReported, state.statistics.earlyDecisions)
        }
        guard let (recent, byCause) = news else { return }
        let causes = byCause.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        log.log(.warning, key: "early", "sampling rules decided \(recent) traces before their root span ended (in all: \(causes)); raise the LLMTRACE_SAMPLING_MAX_* limits if traces are cut short")
    }

    private static func markedSampled(_ span: SpanData) -> SpanData {
        var span = span
        span.context.traceFlags.insert(.sampled)
        return span
    }

    /// Whether the root of a kept trace is marked: when a rule kept it (not the head sampler's
    /// own choice, which is the unmarked normal case) or it was decided early.
    private static func marksRoot(rule: String, early: String?) -> Bool {
        early != nil || (rule != "ratio" && rule != "parent")
    }

    private static func annotate(_ span: inout SpanData, rule: String, early: String?) {
        span.attributes[ruleAttribute] = .string(rule)
        if let early { span.attributes[earlyAttribute] = .string(early) }
    }
}

extension SpanData {
    /// Whether this span is the first of its trace in this process: no parent, or a remote one.
    var isLocalRoot: Bool { parentSpanID == nil || parentIsRemote == true }

    /// Whether the span failed: status error, or an `exception` event.
    var hasFailed: Bool {
        if case .error = status { return true }
        return events.contains { $0.name == "exception" }
    }
}
