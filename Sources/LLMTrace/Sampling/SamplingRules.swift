/// Rules that decide, once a trace is complete in this process, whether to keep it: the
/// in-process answer to "always keep the failed, slow and costly traces at a low ratio".
///
/// The head sampler (`TracingConfiguration.sampler`) still decides at span start, and its
/// decision sets the `sampled` flag sent downstream. With rules active, a trace the head
/// sampler would drop is *recorded* instead and held until its local root span ends (plus
/// `decisionWait`); then, for the whole trace at once, in this order:
///
/// 1. `keepErrors`: a span has status error or an `exception` event → kept, rule `error`;
/// 2. `slowThreshold`: the local root took at least this long → kept, rule `slow`;
/// 3. `attributeSums`: a numeric attribute summed over the trace's spans reaches its threshold
///    → kept, rule `attribute:<key>`;
/// 4. the head decision: sampled by a remote parent → rule `parent`, by the ratio → rule `ratio`;
/// 5. otherwise dropped.
///
/// A kept trace is exported whole, and its local root span carries `llmtrace.sampling.rule`
/// (and `llmtrace.sampling.early` when limits forced an early decision).
public struct SamplingRules: Sendable, Equatable {
    /// Keep every trace in which a span failed.
    /// - Environment: `LLMTRACE_SAMPLING_KEEP_ERRORS`. Default: true.
    public var keepErrors = true
    /// Keep traces whose local root lasted at least this long; `nil` turns the rule off.
    /// - Environment: `LLMTRACE_SAMPLING_SLOW_MS` (0 = off). Default: off.
    public var slowThreshold: Duration?
    /// Keep traces in which an attribute, summed over all spans, reaches a threshold.
    /// - Environment: `LLMTRACE_SAMPLING_ATTRIBUTE_SUM` (`key>=number`, comma-separated). Default: none.
    public var attributeSums: [AttributeSumRule] = []
    /// Most traces per second the ratio may keep; `nil` for no cap. Applied when a trace starts,
    /// so the `sampled` flag sent downstream already reflects it. A capped trace is still
    /// recorded and can be kept by the other rules.
    /// - Environment: `LLMTRACE_SAMPLING_MAX_TRACES_PER_SECOND` (0 = no cap). Default: no cap.
    public var maxTracesPerSecond: Double?
    /// When `maxTracesPerSecond` is set, traces kept by a rule (errors, slow, attribute sums)
    /// get their own budget of `max(maxTracesPerSecond, ruleTracesPerSecondFloor)` per second,
    /// so an error storm cannot flood the backend, yet errors are never capped below this floor.
    /// Without a cap, rule-kept traces are never limited.
    /// - Environment: `LLMTRACE_SAMPLING_RULE_TRACES_PER_SECOND_FLOOR`. Default: 100.
    public var ruleTracesPerSecondFloor: Double = 100
    /// How long after its local root ends a trace waits for late children before the decision.
    /// - Environment: `LLMTRACE_SAMPLING_DECISION_WAIT_MS`. Default: 100 ms.
    public var decisionWait: Duration = .milliseconds(100)
    /// Most traces held pending a decision; past it the oldest is decided early.
    /// - Environment: `LLMTRACE_SAMPLING_MAX_PENDING_TRACES`. Default: 4096.
    public var maxPendingTraces = 4096
    /// Most spans held for one trace; when reached the trace is decided early.
    /// - Environment: `LLMTRACE_SAMPLING_MAX_SPANS_PER_TRACE`. Default: 1000.
    public var maxSpansPerTrace = 1000
    /// Most spans held over all pending traces; past it the oldest trace is decided early.
    /// - Environment: `LLMTRACE_SAMPLING_MAX_PENDING_SPANS`. Default: 32768.
    public var maxPendingSpans = 32768
    /// A trace whose local root has not ended this long after its first span ended is decided
    /// on what is there.
    /// - Environment: `LLMTRACE_SAMPLING_MAX_TRACE_AGE_MS`. Default: 300000 (5 minutes).
    public var maxTraceAge: Duration = .seconds(300)

    /// The defaults above: errors kept, the other rules off.
    public init() {}

    /// Whether any rule is on. When none is, spans go straight to the exporters and only the
    /// head sampler decides.
    public var isActive: Bool {
        keepErrors || slowThreshold != nil || !attributeSums.isEmpty || maxTracesPerSecond != nil
    }
}

/// Keeps a trace when the sum of a numeric attribute over its spans reaches `threshold`, for
/// example total `gen_ai.usage.cost` ≥ 0.5 USD or total output tokens ≥ 20000.
public struct AttributeSumRule: Sendable, Hashable, CustomStringConvertible {
    /// The attribute summed (integer and floating-point values count; others are ignored).
    public var key: String
    /// The sum at which the trace is kept.
    public var threshold: Double

    /// Creates a rule.
    public init(key: String, threshold: Double) {
        self.key = key
        self.threshold = threshold
    }

    /// Parses `key>=number`; `nil` if malformed.
    public init?(parsing text: some StringProtocol) {
        let text = String(text)
        guard let range = text.range(of: ">=") else { return nil }
        let key = text[..<range.lowerBound].trimmingOWS()
        guard !key.isEmpty, let threshold = Double(text[range.upperBound...].trimmingOWS()), threshold.isFinite else { return nil }
        self.init(key: String(key), threshold: threshold)
    }

    /// The rule name written on kept traces: `attribute:<key>`.
    public var ruleName: String { "attribute:\(key)" }

    public var description: String { "\(key)>=\(threshold)" }
}

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
    /// `pending_spans`, `trace_spans`, `max_age`, `shutdown`.
    public var earlyDecisions: [String: Int] = [:]
    /// Spans that ended after their trace was decided and were exported with it.
    public var lateSpansKept = 0
    /// Spans that ended after their trace was decided and were dropped with it.
    public var lateSpansDropped = 0
    /// Traces waiting for a decision now.
    public var pendingTraces = 0
    /// Spans held for those traces now.
    public var pendingSpans = 0

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
