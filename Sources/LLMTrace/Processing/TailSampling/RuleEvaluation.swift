internal import LLMTraceSupport

/// The sampling rules applied to one trace, in their documented order: errors, slow, attribute
/// sums, then the head sampler's own decision.
struct RuleEvaluation: Sendable {
    let rules: SamplingRules
    /// The span attribute count limit, which the marks on kept roots respect too.
    let attributeCountLimit: Int
    private let slowNanos: UInt64?

    init(rules: SamplingRules, attributeCountLimit: Int = .max) {
        self.rules = rules
        self.attributeCountLimit = attributeCountLimit
        self.slowNanos = rules.slowThreshold.map { UInt64(max(0, $0.nanoseconds)) }
    }

    /// The mark for the local root of a trace the head sampler kept: `error` or `slow` when
    /// they apply, else the head sampler's own reason, `parent` or `ratio`.
    func headKeptMark(root: SpanData, failed: Bool) -> KeepReason {
        if failed { return .error }
        if let slowNanos, root.durationNanos >= slowNanos { return .slow }
        return root.parentIsRemote == true ? .parent : .ratio
    }

    /// Whether `span` counts as a failure for the `keepErrors` rule.
    func isFailure(_ span: SpanData) -> Bool { rules.keepErrors && span.hasFailed }

    /// The reason that keeps a trace of `spans`, or `nil` to drop it.
    /// - Parameter headSampled: Whether the head sampler kept the trace.
    ///
    /// The spans are read in place, by index: iterating the array copies each span out (a
    /// dozen retains and releases), and most traces the rules hold are dropped unread after.
    func evaluate(_ spans: [SpanData], headSampled: Bool) -> KeepReason? {
        var rootIndex: Int?
        for index in spans.indices {
            if rules.keepErrors && spans[index].hasFailed { return .error }
            if rootIndex == nil && spans[index].isLocalRoot { rootIndex = index }
        }
        if let slowNanos {
            let duration: UInt64
            if let rootIndex {
                duration = spans[rootIndex].durationNanos
            } else {
                // Decided before the root ended: how long the trace has run so far.
                let now = WallClock.nowUnixNano()
                var start = now
                for index in spans.indices { start = min(start, spans[index].startTimeUnixNano) }
                duration = now &- start
            }
            if duration >= slowNanos { return .slow }
        }
        if rules.hasLLMRules, let reason = llmReason(spans) { return reason }
        for sum in rules.attributeSums {
            var total = 0.0
            for index in spans.indices {
                if let value = spans[index].attributes[sum.key]?.numericValue { total += value }
            }
            if total >= sum.threshold { return .attributeSum(key: sum.key) }
        }
        if headSampled { return rootIndex.map { spans[$0].parentIsRemote == true } == true ? .parent : .ratio }
        return nil
    }

    /// The first LLM rule the trace meets, in the documented order, from one pass over it.
    private func llmReason(_ spans: [SpanData]) -> KeepReason? {
        var cost = 0.0
        var tokens = 0.0
        var slowFirstChunk = false
        var finishReason = false
        var failedEvaluation = false
        let ttftSeconds = rules.timeToFirstChunkThreshold.map { Double($0.nanoseconds) / 1e9 }
        for index in spans.indices {
            if let value = spans[index].attributes[GenAI.usageCost]?.numericValue, value.isFinite { cost += value }
            if let value = spans[index].attributes[GenAI.usageInputTokens]?.numericValue, value.isFinite { tokens += value }
            if let value = spans[index].attributes[GenAI.usageOutputTokens]?.numericValue, value.isFinite { tokens += value }
            if let ttftSeconds, let value = spans[index].attributes[GenAI.responseTimeToFirstChunk]?.numericValue, value >= ttftSeconds {
                slowFirstChunk = true
            }
            if !rules.finishReasons.isEmpty, case .stringArray(let reasons)? = spans[index].attributes[GenAI.responseFinishReasons],
               reasons.contains(where: rules.finishReasons.contains) {
                finishReason = true
            }
            if !failedEvaluation, !spans[index].events.isEmpty {
                failedEvaluation = spans[index].events.contains(where: isFailedEvaluation)
            }
        }
        if let threshold = rules.costThresholdUSD, cost >= threshold { return .cost }
        if let threshold = rules.tokenThreshold, tokens >= Double(threshold) { return .tokens }
        if slowFirstChunk { return .timeToFirstChunk }
        if finishReason { return .finishReason }
        if failedEvaluation { return .evaluation }
        return nil
    }

    private func isFailedEvaluation(_ event: SpanEvent) -> Bool {
        guard event.name == GenAI.evaluationResultEvent else { return false }
        if let below = rules.evaluationScoreBelow, let score = event.attributes[GenAI.evaluationScoreValue]?.numericValue, score < below {
            return true
        }
        guard rules.keepFailedEvaluations else { return false }
        if event.attributes[OTelAttributes.errorType] != nil { return true }
        if case .string(let label)? = event.attributes[GenAI.evaluationScoreLabel] { return label == "fail" || label == "failed" }
        return false
    }
}
