import Dispatch
import Testing
@testable import LLMTrace

@Suite struct TraceTotalsTests {
    func id(_ low: UInt64) -> TraceID { TraceID(high: 1, low: low) }
    let call = TraceTotals.Sum(costNanoUSD: 5, inputTokens: 10, outputTokens: 2)

    @Test func sumsPerTraceUntilTaken() {
        let totals = TraceTotals()
        #expect(totals.take(id(1)) == nil)
        totals.add(call, to: id(1))
        totals.add(call, to: id(1))
        totals.add(call, to: id(2))
        #expect(totals.take(id(1)) == TraceTotals.Sum(costNanoUSD: 10, inputTokens: 20, outputTokens: 4))
        #expect(totals.take(id(1)) == nil, "taken once")
        #expect(totals.openTraces == 1)
    }

    @Test func interleavedTracesKeepTheirOwnSums() {
        // The trace added to last is summed apart from the others: its sum must survive the
        // move into the dictionary when another trace begins, and back-and-forth adds.
        let totals = TraceTotals()
        totals.add(call, to: id(1))
        totals.add(call, to: id(2))
        totals.add(call, to: id(1))
        totals.add(call, to: id(3))
        totals.add(call, to: id(2))
        #expect(totals.openTraces == 3)
        #expect(totals.take(id(2)) == call + call)
        #expect(totals.take(id(3)) == call)
        #expect(totals.take(id(1)) == call + call)
        #expect(totals.openTraces == 0)
        #expect(totals.take(id(1)) == nil)
    }

    @Test func evictsInTheOrderTracesBegan() {
        let totals = TraceTotals(capacity: 2)
        totals.add(call, to: id(1))
        totals.add(call, to: id(2))
        totals.add(call, to: id(1))
        totals.add(call, to: id(3))
        #expect(totals.evicted == 1)
        #expect(totals.take(id(1)) == nil, "the first trace to begin is the first forgotten, however recently it was added to")
        #expect(totals.take(id(2)) == call)
        #expect(totals.take(id(3)) == call)
    }

    @Test func forgetsTheOldestTracePastItsCapacityAndCountsIt() {
        let totals = TraceTotals(capacity: 3)
        for low in UInt64(1)...5 { totals.add(call, to: id(low)) }
        #expect(totals.openTraces == 3)
        #expect(totals.evicted == 2)
        #expect(totals.take(id(1)) == nil && totals.take(id(2)) == nil)
        #expect(totals.take(id(5)) == call)
        // Traces taken as they come leave the two still open alone, however many there are;
        // their stale order entries are compacted away.
        for low in UInt64(10)..<50_000 {
            totals.add(call, to: id(low))
            _ = totals.take(id(low))
        }
        #expect(totals.openTraces == 2)
        #expect(totals.evicted == 2)
    }

    @Test func threadsSummingTheirOwnTracesGetExactTotals() {
        let totals = TraceTotals()
        let mismatches = DispatchQueue(label: "mismatches")
        nonisolated(unsafe) var wrong = 0
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for n in 0..<5_000 {
                let trace = id(UInt64(thread) << 32 | UInt64(n))
                totals.add(call, to: trace)
                totals.add(call, to: trace)
                if totals.take(trace) != TraceTotals.Sum(costNanoUSD: 10, inputTokens: 20, outputTokens: 4) {
                    mismatches.sync { wrong += 1 }
                }
            }
        }
        #expect(wrong == 0)
        #expect(totals.openTraces == 0 && totals.evicted == 0)
    }
}
