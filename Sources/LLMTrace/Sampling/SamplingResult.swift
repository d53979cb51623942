/// A sampler's answer: the decision, attributes to add to the span, and its trace state.
public struct SamplingResult: Sendable {
    /// The decision.
    public var decision: SamplingDecision
    /// Attributes added to the new span.
    public var attributes: Attributes
    /// The new span's trace state; `nil` keeps the parent's.
    var traceState: TraceState?

    /// Creates a result.
    public init(_ decision: SamplingDecision, attributes: Attributes = Attributes()) {
        self.init(decision, attributes: attributes, traceState: nil)
    }

    init(_ decision: SamplingDecision, attributes: Attributes, traceState: TraceState?) {
        self.decision = decision
        self.attributes = attributes
        self.traceState = traceState
    }
}
