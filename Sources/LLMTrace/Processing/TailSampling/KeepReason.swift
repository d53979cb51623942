/// Why the sampling rules kept a trace.
///
/// Verdicts stay typed through the decision; `attributeValue` is the one place they become the
/// strings written on spans (`llmtrace.sampling.rule`) and counted in `SamplingStatistics`.
enum KeepReason: Sendable, Hashable {
    /// A span failed (status error or an `exception` event).
    case error
    /// The local root lasted at least `SamplingRules.slowThreshold`.
    case slow
    /// The trace's model calls cost at least `SamplingRules.costThresholdUSD`.
    case cost
    /// The trace's model calls used at least `SamplingRules.tokenThreshold` tokens.
    case tokens
    /// A first chunk took at least `SamplingRules.timeToFirstChunkThreshold`.
    case timeToFirstChunk
    /// A model call finished for a reason in `SamplingRules.finishReasons`.
    case finishReason
    /// An evaluation failed or scored under `SamplingRules.evaluationScoreBelow`.
    case evaluation
    /// A numeric attribute summed over the trace reached its threshold.
    case attributeSum(key: String)
    /// A sampled remote parent kept the trace (the head sampler's choice).
    case parent
    /// The head sampler's ratio kept the trace.
    case ratio

    /// The value of `llmtrace.sampling.rule` and the key of `SamplingStatistics.tracesKept`.
    var attributeValue: String {
        switch self {
        case .error: return "error"
        case .slow: return "slow"
        case .cost: return "cost"
        case .tokens: return "tokens"
        case .timeToFirstChunk: return "time_to_first_chunk"
        case .finishReason: return "finish_reason"
        case .evaluation: return "evaluation"
        case .attributeSum(let key): return AttributeSumRule.ruleName(forKey: key)
        case .parent: return "parent"
        case .ratio: return "ratio"
        }
    }

    /// Whether the head sampler kept the trace: not charged to the rule budget.
    var isHeadDecision: Bool {
        switch self {
        case .parent, .ratio: return true
        case .error, .slow, .cost, .tokens, .timeToFirstChunk, .finishReason, .evaluation, .attributeSum: return false
        }
    }
}
