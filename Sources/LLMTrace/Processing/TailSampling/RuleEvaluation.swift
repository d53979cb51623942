internal import LLMTraceSupport

/// The sampling rules applied to one trace, in their documented order: errors, slow, attribute
/// sums, then the head sampler's own decision.
struct RuleEvaluation: Sendable {
    let rules: SamplingRules
    private let slowNanos: UInt64?

    init(rules: SamplingRules) {
        self.rules = rules
        self.slowNanos = rules.slowThreshold.map { UInt64(max(0, $0.nanoseconds)) }
    }

    /// The mark for the local root of a trace the head sampler kept: `error` or `slow`, or
    /// `nil` for the unmarked normal case.
    func headKeptMark(root: SpanData, failed: Bool) -> KeepReason? {
        if failed { return .error }
        if let slowNanos, root.durationNanos >= slowNanos { return .slow }
        return nil
    }

    /// Whether `span` counts as a failure for the `keepErrors` rule.
    func isFailure(_ span: SpanData) -> Bool { rules.keepErrors && span.hasFailed }

    /// The reason that keeps a trace of `spans`, or `nil` to drop it.
    /// - Parameter headSampled: Whether the head sampler kept the trace.
    func evaluate(_ spans: [SpanData], headSampled: Bool) -> KeepReason? {
        if rules.keepErrors && spans.contains(where: \.hasFailed) { return .error }
        let root = spans.first(where: \.isLocalRoot)
        if let slowNanos {
            let duration: UInt64
            if let root {
                duration = root.durationNanos
            } else {
                // Decided before the root ended: how long the trace has run so far.
                let now = WallClock.nowUnixNano()
                let start = spans.map(\.startTimeUnixNano).min() ?? 0
                duration = now &- min(start, now)
            }
            if duration >= slowNanos { return .slow }
        }
        for sum in rules.attributeSums {
            var total = 0.0
            for span in spans {
                if let value = span.attributes[sum.key]?.numericValue { total += value }
            }
            if total >= sum.threshold { return .attributeSum(key: sum.key) }
        }
        if headSampled { return root?.parentIsRemote == true ? .parent : .ratio }
        return nil
    }
}
