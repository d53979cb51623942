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
/// 3. the LLM rules, in this order: `costThresholdUSD` (rule `cost`), `tokenThreshold`
///    (`tokens`), `timeToFirstChunkThreshold` (`time_to_first_chunk`), `finishReasons`
///    (`finish_reason`), `evaluationScoreBelow` and `keepFailedEvaluations` (`evaluation`);
/// 4. `attributeSums`: a numeric attribute summed over the trace's spans reaches its threshold
///    → kept, rule `attribute:<key>`;
/// 5. the head decision: sampled by a remote parent → rule `parent`, by the ratio → rule `ratio`;
/// 6. otherwise dropped.
///
/// A kept trace is exported whole, and its local root span names the rule that kept it in
/// `llmtrace.sampling.rule` (`ratio` and `parent` included), plus `llmtrace.sampling.early` when
/// limits forced an early decision. A trace the head sampler kept is never held: it is marked
/// `error` or `slow` when those apply, else `ratio` or `parent`.
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
    /// Keep traces whose model calls cost at least this much, in USD (`gen_ai.usage.cost` summed
    /// over the trace); `nil` turns the rule off.
    /// - Environment: `LLMTRACE_SAMPLING_COST_USD` (0 = off). Default: off.
    public var costThresholdUSD: Double?
    /// Keep traces whose model calls used at least this many tokens (`gen_ai.usage.input_tokens`
    /// plus `output_tokens`, summed over the trace); `nil` turns the rule off.
    /// - Environment: `LLMTRACE_SAMPLING_TOKENS` (0 = off). Default: off.
    public var tokenThreshold: Int?
    /// Keep traces in which a streamed call waited at least this long for its first chunk
    /// (`gen_ai.response.time_to_first_chunk`); `nil` turns the rule off.
    /// - Environment: `LLMTRACE_SAMPLING_TIME_TO_FIRST_CHUNK_MS` (0 = off). Default: off.
    public var timeToFirstChunkThreshold: Duration?
    /// Keep traces in which a model call finished for one of these reasons
    /// (`gen_ai.response.finish_reasons`), e.g. `length`, `content_filter`.
    /// - Environment: `LLMTRACE_SAMPLING_FINISH_REASONS` (comma-separated). Default: none.
    public var finishReasons: Set<String> = []
    /// Keep traces with an evaluation (`gen_ai.evaluation.result` span event) scored below this;
    /// `nil` turns the rule off.
    /// - Environment: `LLMTRACE_SAMPLING_EVALUATION_BELOW` (0 = off). Default: off.
    public var evaluationScoreBelow: Double?
    /// Keep traces with an evaluation labelled `fail` or `failed`, or that itself failed
    /// (`error.type` on the event).
    /// - Environment: `LLMTRACE_SAMPLING_KEEP_FAILED_EVALUATIONS`. Default: false.
    public var keepFailedEvaluations = false
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
    /// Most bytes held over all pending traces, by an estimate of each span's size (its strings,
    /// attributes, events and links, plus a fixed overhead); past it the oldest trace is decided
    /// early (counted in `SamplingStatistics.earlyDecisions` as `pending_bytes`). Spans vary a
    /// lot in size (a captured prompt can be 100 KB), so a span count alone does not bound memory.
    /// - Environment: `LLMTRACE_SAMPLING_MAX_PENDING_BYTES`. Default: 67108864 (64 MiB).
    public var maxPendingBytes = 64 << 20
    /// A trace whose local root has not ended this long after its first span ended is decided
    /// on what is there.
    /// - Environment: `LLMTRACE_SAMPLING_MAX_TRACE_AGE_MS`. Default: 300000 (5 minutes).
    public var maxTraceAge: Duration = .seconds(300)

    /// The defaults above: errors kept, the other rules off.
    public init() {}

    /// Whether any rule is on. When none is, spans go straight to the exporters and only the
    /// head sampler decides.
    public var isActive: Bool {
        keepErrors || slowThreshold != nil || !attributeSums.isEmpty || maxTracesPerSecond != nil || hasLLMRules
    }

    /// Whether a rule reads the trace's model calls or evaluations.
    var hasLLMRules: Bool {
        costThresholdUSD != nil || tokenThreshold != nil || timeToFirstChunkThreshold != nil || !finishReasons.isEmpty
            || evaluationScoreBelow != nil || keepFailedEvaluations
    }
}
