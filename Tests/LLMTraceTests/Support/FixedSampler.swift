@testable import LLMTrace
import LLMTraceSupport

/// A sampler that gives the same answer every time and counts how often it was asked: for tests
/// of the samplers that wrap another one.
final class FixedSampler: Sampler {
    let decision: SamplingDecision
    let attributes: Attributes
    let label: String
    private let asked = Locked(0)

    init(_ decision: SamplingDecision, attributes: Attributes = Attributes(), label: String = "Fixed") {
        self.decision = decision
        self.attributes = attributes
        self.label = label
    }

    /// How many spans it decided.
    var calls: Int { asked.withLock { $0 } }

    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult {
        asked.withLock { $0 += 1 }
        return SamplingResult(decision, attributes: attributes)
    }

    var description: String { label }
}
