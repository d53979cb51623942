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

        static func + (lhs: Sum, rhs: Sum) -> Sum {
            var sum = lhs
            sum += rhs
            return sum
        }
    }

    private struct Open {
        var sequence: UInt64
        var sum: Sum
    }

    private struct State {
        /// The trace added to last, summed outside `open`: a thread's model calls mostly come
        /// one trace at a time and its root ends before the next trace begins, so most adds and
        /// takes compare one id instead of hashing it into the dictionary.
        var latest: (traceID: TraceID, sum: Sum)?
        /// Every other open trace.
        var open: [TraceID: Open] = [:]
        // Insertion order of `open`, for eviction; entries of traces already taken are skipped
        // when popped, and compacted away (in place) before they pile up. A trace enters `open`
        // when a newer one takes `latest`, so this is also the order the traces began in.
        var order = FIFO<(traceID: TraceID, sequence: UInt64)>()
        var nextSequence: UInt64 = 0
        var evicted = 0

        var count: Int { open.count + (latest == nil ? 0 : 1) }

        mutating func insert(_ sum: Sum, for traceID: TraceID) {
            nextSequence += 1
            open[traceID] = Open(sequence: nextSequence, sum: sum)
            order.append((traceID, nextSequence))
            if order.count > 2 * open.count + 1024 {
                let open = self.open
                order.removeAll { open[$0.traceID]?.sequence != $0.sequence }
            }
        }
    }

    /// Most traces summed at once.
    let capacity: Int
    // A spin lock: every section is a comparison or a dictionary operation (the order's rare
    // compaction aside).
    private let state = SpinLocked(State())
    // Lets the roots of traces without model calls (most of them, in many apps) skip the lock.
    private let openCount = Atomic<Int>(0)

    init(capacity: Int = 4096) {
        self.capacity = max(1, capacity)
    }

    /// Adds a model call that is not its trace's local root.
    func add(_ call: Sum, to traceID: TraceID) {
        state.withLock { state in
            if let latest = state.latest, latest.traceID == traceID {
                state.latest = (traceID, latest.sum + call)
                return
            }
            if !state.open.isEmpty, state.open[traceID] != nil {
                state.open[traceID]?.sum += call
                return
            }
            if let latest = state.latest { state.insert(latest.sum, for: latest.traceID) }
            while state.open.count >= capacity, let oldest = state.order.popFirst() {
                if state.open[oldest.traceID]?.sequence == oldest.sequence {
                    state.open.removeValue(forKey: oldest.traceID)
                    state.evicted += 1
                }
            }
            state.latest = (traceID, call)
            openCount.store(state.count, ordering: .relaxed)
        }
    }

    /// The sum of a trace whose local root just ended, and forgets it; `nil` when none of its
    /// model calls (other than the root itself) ended in this process.
    func take(_ traceID: TraceID) -> Sum? {
        guard openCount.load(ordering: .relaxed) > 0 else { return nil }
        return state.withLock { state in
            defer { openCount.store(state.count, ordering: .relaxed) }
            if let latest = state.latest, latest.traceID == traceID {
                state.latest = nil
                return latest.sum
            }
            return state.open.isEmpty ? nil : state.open.removeValue(forKey: traceID)?.sum
        }
    }

    /// Traces summed now.
    var openTraces: Int { state.withLock { $0.count } }

    /// Traces forgotten to stay within `capacity`.
    var evicted: Int { state.withLock { $0.evicted } }
}
