import Dispatch
import Logging
internal import LLMTraceSupport
import Synchronization

/// Holds the spans of each trace the head sampler did not keep until its local root has ended
/// (plus `decisionWait`), decides the whole trace by `SamplingRules`, and hands kept traces,
/// complete, to the processor behind it (the exporting ones).
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
final class TailSamplingProcessor: SpanProcessor {
    let evaluation: RuleEvaluation
    let next: any SpanProcessor
    /// `next`, as what takes the spans this stage passes on.
    let handOver: SpanHandOver
    private let clock: @Sendable () -> UInt64
    private let buffer: Locked<TraceBuffer>
    // `TraceBuffer.heldTraces` as of the last unlock: while it is zero a sampled span cannot
    // belong to a held trace or need a mark, and skips the lock.
    private let heldTraces = Atomic<Int>(0)
    // Head-kept traces without a mark, counted without the lock.
    private let keptByRatio = Atomic<Int>(0)
    private let keptByParent = Atomic<Int>(0)
    private let log: RateLimitedLog
    private let queue = DispatchQueue(label: "llmtrace.tail-sampling")
    private let timer: RepeatingTimer

    /// Creates the stage.
    /// - Parameters:
    ///   - rules: The rules and limits.
    ///   - next: Where kept spans go.
    ///   - logger: Receives early-decision warnings, rate-limited.
    ///   - clock: Monotonic nanoseconds; tests inject their own to make ages deterministic.
    init(rules: SamplingRules, next: any SpanProcessor, logger: Logger, attributeCountLimit: Int = .max, clock: @escaping @Sendable () -> UInt64 = WallClock.monotonicNanos) {
        var rules = rules
        rules.maxPendingTraces = max(1, rules.maxPendingTraces)
        rules.maxSpansPerTrace = max(1, rules.maxSpansPerTrace)
        rules.maxPendingSpans = max(1, rules.maxPendingSpans)
        rules.maxPendingBytes = max(1, rules.maxPendingBytes)
        self.evaluation = RuleEvaluation(rules: rules, attributeCountLimit: attributeCountLimit)
        self.next = next
        self.handOver = SpanHandOver(next)
        self.clock = clock
        self.log = RateLimitedLog(logger: logger)
        self.buffer = Locked(TraceBuffer(evaluation: evaluation, clock: clock))

        // Often enough to keep the wait short and to notice old traces; never busier than 200/s.
        let waitNanos = UInt64(max(0, rules.decisionWait.nanoseconds))
        var interval = min(UInt64(max(1, rules.maxTraceAge.nanoseconds)) / 2, 1_000_000_000)
        if waitNanos > 0 { interval = min(interval, waitNanos / 2) }
        timer = RepeatingTimer(queue: queue, interval: .nanoseconds(Int64(max(5_000_000, interval))), leeway: .milliseconds(5))
        timer.start { [weak self] in self?.sweep() }
    }

    var rules: SamplingRules { evaluation.rules }

    /// What the rules did so far, with the pending counts of this moment.
    var samplingStatistics: SamplingStatistics {
        var statistics = buffer.withLock { $0.currentStatistics }
        for (reason, count) in [(KeepReason.ratio, keptByRatio.load(ordering: .relaxed)), (.parent, keptByParent.load(ordering: .relaxed))] where count > 0 {
            statistics.tracesKept[reason.attributeValue, default: 0] += count
        }
        return statistics
    }

    /// Runs `body` under the lock, then publishes how many traces are held.
    @inline(__always)
    private func locked<R>(_ body: (inout TraceBuffer) -> R) -> R {
        buffer.withLock { buffer in
            let result = body(&buffer)
            heldTraces.store(buffer.heldTraces, ordering: .relaxed)
            return result
        }
    }

    /// `locked` for a body that takes `span` over: the buffer holds it without a copy.
    @inline(__always)
    private func locked<R>(handingOver span: consuming SpanData, _ body: (inout TraceBuffer, consuming SpanData) -> R) -> R {
        buffer.withLock(handingOver: span) { buffer, span in
            let result = body(&buffer, span)
            heldTraces.store(buffer.heldTraces, ordering: .relaxed)
            return result
        }
    }

    var statistics: ExportStatistics? { next.statistics }
    var isStartRequired: Bool { next.isStartRequired }
    var needsUnsampledSpans: Bool { true }

    func onStart(_ span: Span, parentContext: SpanContext?) {
        next.onStart(span, parentContext: parentContext)
    }

    func onEnd(_ span: SpanData) {
        onEnd(handingOver: span)
    }

    /// `onEnd` for a span whose caller keeps no copy (the span's end, or the metrics stage): on
    /// the path that holds nothing, it moves on into the batch queue (`SpanHandOver`). A local
    /// root's attribute list is already its own copy (`Span.end()` makes one when the chain
    /// starts with this stage or the metrics), and the mark is appended in place.
    func onEnd(handingOver span: consuming SpanData) {
        if span.context.isSampled {
            passSampled(consume span)
            return
        }
        var kept: [SpanData] = []
        locked(handingOver: span) { $0.receive($1, &kept) }
        forward(kept)
    }

    /// Hands on a span of a trace the head sampler kept, its local root marked with why:
    /// `error` or `slow` when they apply, else `ratio` or `parent`.
    private func passSampled(_ span: consuming SpanData) {
        let failed = evaluation.isFailure(span)
        if !failed, heldTraces.load(ordering: .relaxed) == 0 {
            guard span.isLocalRoot else {
                handOver.pass(consume span, to: next)
                return
            }
            var root = consume span
            markHeadKept(&root)
            handOver.pass(consume root, to: next)
            return
        }
        var kept: [SpanData] = []
        let reason: KeepReason = span.parentIsRemote == true ? .parent : .ratio
        let headKeptRoot = locked(handingOver: span) { $0.receiveHeadKept($1, failed: failed, &kept) }
        if headKeptRoot { countHeadKept(reason) }
        forward(kept)
    }

    /// Marks a local root that no rule holds (nothing is buffered, it did not fail) with why
    /// the head sampler kept it, and counts it.
    private func markHeadKept(_ root: inout SpanData) {
        let mark = evaluation.headKeptMark(root: root, failed: false)
        root.markKept(by: mark, early: nil, limit: evaluation.attributeCountLimit)
        if mark.isHeadDecision {
            countHeadKept(mark)
        } else {
            buffer.withLock { $0.countKept(mark) }
        }
    }

    /// Counts a root the head sampler kept on its own, outside the lock.
    private func countHeadKept(_ reason: KeepReason) {
        if reason == .parent {
            keptByParent.wrappingAdd(1, ordering: .relaxed)
        } else {
            keptByRatio.wrappingAdd(1, ordering: .relaxed)
        }
    }

    /// Decides every trace whose local root has ended, then flushes the processor behind.
    /// Traces whose root is still open keep waiting for it.
    @discardableResult
    func forceFlush(timeout: Duration) -> Bool {
        let deadline = Deadline.after(timeout)
        var kept: [SpanData] = []
        locked { $0.decideWaiting(&kept) }
        forward(kept)
        return next.forceFlush(timeout: deadline.remaining)
    }

    /// Decides every pending trace (open ones early, cause `shutdown`), hands kept spans on,
    /// then shuts the processor behind down.
    @discardableResult
    func shutdown(timeout: Duration) -> Bool {
        let deadline = Deadline.after(timeout)
        var kept: [SpanData] = []
        guard locked({ $0.shutdown(&kept) }) else { return true }
        timer.cancel()
        forward(kept)
        return next.shutdown(timeout: deadline.remaining)
    }

    /// Decides traces whose wait is over and traces older than `maxTraceAge`. The timer calls it;
    /// tests call it after moving their clock.
    func sweep() {
        var kept: [SpanData] = []
        locked { $0.sweep(&kept) }
        forward(kept)
        reportEarlyDecisions()
    }

    private func forward(_ spans: consuming [SpanData]) {
        // Moved on one by one, in order: the array is this stage's alone.
        spans.reverse()
        while let span = spans.popLast() {
            handOver.pass(consume span, to: next)
        }
    }

    private func reportEarlyDecisions() {
        guard let (recent, byCause) = buffer.withLock({ $0.takeUnreportedEarlyDecisions() }) else { return }
        let causes = byCause.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        log.log(.warning, key: "early", "sampling rules decided \(recent) traces before their root span ended (in all: \(causes)); raise the LLMTRACE_SAMPLING_MAX_* limits if traces are cut short")
    }
}
