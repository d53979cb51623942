internal import LLMTraceSupport

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
