import Synchronization
@testable import LLMTrace
import LLMTraceSupport

/// Ids counted up from 1, so tests can name the span they expect.
final class SequentialIDGenerator: IDGenerator {
    private let next = Atomic<UInt64>(0)
    init() {}
    func newTraceID() -> TraceID { TraceID(high: 0, low: next.wrappingAdd(1, ordering: .relaxed).newValue) }
    func newSpanID() -> SpanID { SpanID(next.wrappingAdd(1, ordering: .relaxed).newValue) }
}

