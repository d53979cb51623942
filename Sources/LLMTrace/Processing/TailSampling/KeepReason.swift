/// Why the sampling rules kept a trace.
///
/// Verdicts stay typed through the decision; `attributeValue` is the one place they become the
/// strings written on spans (`llmtrace.sampling.rule`) and counted in `SamplingStatistics`.
enum KeepReason: Sendable, Hashable {
    /// A span failed (status error or an `exception` event).
    case error
    /// The local root lasted at least `SamplingRules.slowThreshold`.
    case slow
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
        case .attributeSum(let key): return AttributeSumRule.ruleName(forKey: key)
        case .parent: return "parent"
        case .ratio: return "ratio"
        }
    }

    /// Whether the head sampler kept the trace: not charged to the rule budget, and not marked
    /// on the root unless the trace was decided early (it is the normal, unmarked case).
    var isHeadDecision: Bool {
        switch self {
        case .parent, .ratio: return true
        case .error, .slow, .attributeSum: return false
        }
    }
}
