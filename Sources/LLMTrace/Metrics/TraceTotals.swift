internal import LLMTraceSupport
import Synchronization

/// The cost and tokens of each trace's model calls in this process, summed until the trace's
/// local root ends; the root then carries them (`llmtrace.trace.cost`,
/// `llmtrace.trace.input_tokens`, `llmtrace.trace.output_tokens`), so the span that stands for a
/// request says what the request cost, sampled or not, without a query over its children.
///
/// Only spans of this process count: a service that calls another carries its own part. Memory
/// is bounded: at most `capacity` traces are summed at once; past it the oldest is forgotten
/// (its root carries no totals) and counted in `evicted`.
final class TraceTotals: Sendable {
    /// What a trace's model calls add up to.
    struct Sum: Equatable, Sendable {
        var costNanoUSD = 0
        var inputTokens = 0
        var outputTokens = 0

        static func += (lhs: inout Sum, rhs: Sum) {
            lhs.costNanoUSD += rhs.costNanoUSD
            lhs.inputTokens += rhs.inputTokens
            lhs.outputTokens += rhs.outputTokens
        }
    }

    private struct Open {
        var sequence: UInt64
        var sum: Sum
    }

    private struct State {
        var open: [TraceID: Open] = [:]
        // Insertion order for eviction; entries of traces already taken are skipped when popped,
        // and compacted away (in place) before they pile up.
        var order = FIFO<(traceID: TraceID, sequence: UInt64)>()
        var nextSequence: UInt64 = 0
        var evicted = 0
    }

    /// Most traces summed at once.
    let capacity: Int
    private let state = Locked(State())
    // Lets the roots of traces without model calls (most of them, in many apps) skip the lock.
    private let openCount = Atomic<Int>(0)

    init(capacity: Int = 4096) {
        self.capacity = max(1, capacity)
    }

    /// Adds a model call that is not its trace's local root.
    func add(_ call: Sum, to traceID: TraceID) {
        state.withLock { state in
            if state.open[traceID] != nil {
                state.open[traceID]?.sum += call
                return
            }
            while state.open.count >= capacity, let oldest = state.order.popFirst() {
                if state.open[oldest.traceID]?.sequence == oldest.sequence {
                    state.open.removeValue(forKey: oldest.traceID)
                    state.evicted += 1
                }
            }
            state.nextSequence += 1
            state.open[traceID] = Open(sequence: state.nextSequence, sum: call)
            state.order.append((traceID, state.nextSequence))
            if state.order.count > 2 * state.open.count + 1024 {
                let open = state.open
                state.order.removeAll { open[$0.traceID]?.sequence != $0.sequence }
            }
            openCount.store(state.open.count, ordering: .relaxed)
        }
    }

    /// The sum of a trace whose local root just ended, and forgets it; `nil` when none of its
    /// model calls (other than the root itself) ended in this process.
    func take(_ traceID: TraceID) -> Sum? {
        guard openCount.load(ordering: .relaxed) > 0 else { return nil }
        return state.withLock { state in
            defer { openCount.store(state.open.count, ordering: .relaxed) }
            return state.open.removeValue(forKey: traceID)?.sum
        }
    }

    /// Traces summed now.
    var openTraces: Int { state.withLock { $0.open.count } }

    /// Traces forgotten to stay within `capacity`.
    var evicted: Int { state.withLock { $0.evicted } }
}
