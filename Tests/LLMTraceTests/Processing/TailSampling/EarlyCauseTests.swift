import Testing
@testable import LLMTrace

@Suite struct EarlyCauseTests {
    @Test func earlyCausesAreTheDocumentedStatisticKeys() {
        let causes: [EarlyCause] = [.pendingTraces, .pendingSpans, .traceSpans, .maxAge, .shutdown]
        #expect(causes.map(\.rawValue) == ["pending_traces", "pending_spans", "trace_spans", "max_age", "shutdown"])
    }
}
