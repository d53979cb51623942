/// What the sampling rules did, since the provider started.
public struct SamplingStatistics: Sendable, Equatable, CustomStringConvertible {
    /// Traces kept, by the rule that kept them (`error`, `slow`, `attribute:<key>`, `parent`, `ratio`).
    public var tracesKept: [String: Int] = [:]
    /// Traces dropped (no rule kept them, or over the rule budget).
    public var tracesDropped = 0
    /// Spans discarded with dropped traces.
    public var spansDropped = 0
    /// Traces a rule would have kept but the rule budget refused (part of `tracesDropped`).
    public var tracesOverRuleBudget = 0
    /// Traces the ratio kept at start but `maxTracesPerSecond` refused; they stayed eligible
    /// for the other rules.
    public var tracesOverRatioCap = 0
    /// Decisions taken before the trace's local root ended, by cause: `pending_traces`,
    /// `pending_spans`, `pending_bytes`, `trace_spans`, `max_age`, `shutdown`.
    public var earlyDecisions: [String: Int] = [:]
    /// Spans that ended after their trace was decided and were exported with it.
    public var lateSpansKept = 0
    /// Spans that ended after their trace was decided and were dropped with it.
    public var lateSpansDropped = 0
    /// Traces waiting for a decision now.
    public var pendingTraces = 0
    /// Spans held for those traces now.
    public var pendingSpans = 0
    /// The estimated size of those spans now, in bytes (see `SamplingRules.maxPendingBytes`).
    public var pendingBytes = 0

    /// Creates empty statistics.
    public init() {}

    /// Traces kept by any rule.
    public var totalKept: Int { tracesKept.values.reduce(0, +) }

    public var description: String {
        let kept = tracesKept.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let early = earlyDecisions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return "kept[\(kept)] dropped=\(tracesDropped) early[\(early)] lateKept=\(lateSpansKept) lateDropped=\(lateSpansDropped) pending=\(pendingTraces)"
    }
}
