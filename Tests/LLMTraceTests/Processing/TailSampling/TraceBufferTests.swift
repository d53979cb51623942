import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

/// The buffer driven directly, under a manual clock: every wait and age is decided by the test.
@Suite struct TraceBufferTests {
    let clock = ManualClock()

    func buffer(_ configure: (inout SamplingRules) -> Void = { _ in }) -> TraceBuffer {
        var rules = SamplingRules()
        configure(&rules)
        return TraceBuffer(evaluation: RuleEvaluation(rules: rules), clock: clock.read)
    }

    func trace(_ low: UInt64) -> TraceID { TraceID(high: 0, low: low) }

    @Test func holdsATraceUntilItsRootEndsAndTheWaitIsOver() {
        var buffer = buffer()
        var kept: [SpanData] = []
        buffer.receive(.ended("child", trace: 1, id: 2, parent: 1, failed: true), &kept)
        buffer.receive(.ended("root", trace: 1, id: 1), &kept)
        #expect(kept.isEmpty && buffer.isHolding(trace(1)) && buffer.pendingSpans == 2)
        clock.advance(.milliseconds(99))
        buffer.sweep(&kept)
        #expect(kept.isEmpty)
        clock.advance(.milliseconds(1))
        buffer.sweep(&kept)
        #expect(kept.map(\.name) == ["child", "root"])
        #expect(kept.allSatisfy { $0.context.isSampled })
        #expect(kept.map(\.samplingRule) == [nil, "error"])
        #expect(buffer.statistics.tracesKept == ["error": 1])
        #expect(buffer.currentStatistics.pendingTraces == 0 && buffer.pendingSpans == 0)
    }

    @Test func withoutAWaitTheRootDecidesAndAnUneventfulTraceIsDropped() {
        var buffer = buffer { $0.decisionWait = .zero }
        var kept: [SpanData] = []
        buffer.receive(.ended("child", trace: 1, id: 2, parent: 1), &kept)
        buffer.receive(.ended("root", trace: 1, id: 1), &kept)
        #expect(kept.isEmpty)
        #expect(!buffer.isHolding(trace(1)))
        #expect(buffer.statistics.tracesDropped == 1)
        #expect(buffer.statistics.spansDropped == 2)
    }

    @Test func spansEndingAfterTheDecisionFollowIt() {
        var buffer = buffer { $0.decisionWait = .zero }
        var kept: [SpanData] = []
        buffer.receive(.ended("failing", trace: 1, id: 2, parent: 1, failed: true), &kept)
        buffer.receive(.ended("root", trace: 1, id: 1), &kept)
        buffer.receive(.ended("ok-root", trace: 2, id: 1), &kept)
        kept.removeAll()
        buffer.receive(.ended("late", trace: 1, id: 3, parent: 1), &kept)
        buffer.receive(.ended("late", trace: 2, id: 3, parent: 1), &kept)
        #expect(kept.map(\.context.traceID) == [trace(1)])
        #expect(kept[0].context.isSampled)
        #expect(buffer.statistics.lateSpansKept == 1)
        #expect(buffer.statistics.lateSpansDropped == 1)
    }

    @Test func decideWaitingDecidesOnlyTracesWhoseRootHasEnded() {
        var buffer = buffer()
        var kept: [SpanData] = []
        buffer.receive(.ended("child", trace: 1, id: 2, parent: 1, failed: true), &kept)
        buffer.receive(.ended("root", trace: 1, id: 1), &kept)
        buffer.receive(.ended("open-child", trace: 2, id: 2, parent: 1, failed: true), &kept)
        buffer.decideWaiting(&kept)
        #expect(kept.map(\.name) == ["child", "root"])
        #expect(buffer.isHolding(trace(2)))
        #expect(buffer.currentStatistics.pendingTraces == 1)
    }

    @Test func aTraceOlderThanMaxAgeIsDecidedEarlyAndItsLateRootSaysSo() {
        var buffer = buffer { $0.maxTraceAge = .seconds(10) }
        var kept: [SpanData] = []
        buffer.receive(.ended("child", trace: 1, id: 2, parent: 1, failed: true), &kept)
        clock.advance(.milliseconds(9_999))
        buffer.sweep(&kept)
        #expect(kept.isEmpty)
        clock.advance(.milliseconds(1))
        buffer.sweep(&kept)
        #expect(kept.map(\.name) == ["child"])
        #expect(buffer.statistics.earlyDecisions == ["max_age": 1])
        buffer.receive(.ended("root", trace: 1, id: 1), &kept)
        #expect(kept.last?.samplingRule == "error")
        #expect(kept.last?.samplingEarly == "max_age")
    }

    @Test func shutdownDecidesEveryTraceThenLetsLaterSpansThrough() {
        var buffer = buffer()
        var kept: [SpanData] = []
        buffer.receive(.ended("failing", trace: 1, id: 2, parent: 1, failed: true), &kept)
        buffer.receive(.ended("fine", trace: 2, id: 2, parent: 1), &kept)
        let first = buffer.shutdown(&kept)
        #expect(first)
        #expect(kept.map(\.name) == ["failing"])
        #expect(buffer.statistics.earlyDecisions == ["shutdown": 2])
        let second = buffer.shutdown(&kept)
        #expect(!second)
        kept.removeAll()
        buffer.receive(.ended("after", trace: 3, id: 1), &kept)
        #expect(kept.map(\.name) == ["after"])
        #expect(kept[0].context.isSampled)
        #expect(!buffer.isHolding(trace(3)))
    }

    @Test func thePendingTraceLimitDecidesTheOldestOpenTraceEarly() {
        var buffer = buffer { $0.maxPendingTraces = 2 }
        var kept: [SpanData] = []
        for low in UInt64(1)...3 { buffer.receive(.ended("t\(low)", trace: low, id: 2, parent: 1, failed: true), &kept) }
        #expect(kept.map(\.name) == ["t1"])
        #expect(buffer.statistics.earlyDecisions == ["pending_traces": 1])
        #expect(buffer.currentStatistics.pendingTraces == 2)
    }

    @Test func aTraceOnlyWaitingForLateChildrenMakesRoomFirst() {
        var buffer = buffer { $0.maxPendingTraces = 2 }
        var kept: [SpanData] = []
        buffer.receive(.ended("open", trace: 1, id: 2, parent: 1, failed: true), &kept)
        buffer.receive(.ended("waiting", trace: 2, id: 1, failed: true), &kept)
        buffer.receive(.ended("new", trace: 3, id: 1, parent: 9), &kept)
        #expect(kept.map(\.name) == ["waiting"])
        #expect(buffer.statistics.earlyDecisions.isEmpty)
        #expect(buffer.isHolding(trace(1)) && buffer.isHolding(trace(3)))
    }

    @Test func thePendingByteLimitDecidesTheOldestOpenTraceEarly() {
        // Three traces of one large span each (a captured prompt, say): the limit holds two.
        let prompt: Attributes = ["gen_ai.input.messages": .string(String(repeating: "p", count: 10_000))]
        let size = SpanData.ended("t1", trace: 1, id: 2, parent: 1, attributes: prompt).estimatedSize
        #expect(size > 10_000 && size < 11_000)
        var buffer = buffer { $0.maxPendingBytes = 2 * size + 100 }
        var kept: [SpanData] = []
        for low in UInt64(1)...3 {
            buffer.receive(.ended("t\(low)", trace: low, id: 2, parent: 1, failed: low == 1, attributes: prompt), &kept)
        }
        #expect(kept.map(\.name) == ["t1"])
        #expect(buffer.statistics.earlyDecisions == ["pending_bytes": 1])
        let now = buffer.currentStatistics
        #expect(now.pendingTraces == 2 && now.pendingSpans == 2 && now.pendingBytes == 2 * size)
        // Small spans stay far from the limit: the span and trace limits bound them.
        buffer.receive(.ended("small", trace: 9, id: 2, parent: 1), &kept)
        #expect(buffer.statistics.earlyDecisions == ["pending_bytes": 2])
        var rest: [SpanData] = []
        _ = buffer.shutdown(&rest)
        #expect(buffer.currentStatistics.pendingBytes == 0)
    }

    @Test func aTraceAtItsSpanLimitIsDecidedEarly() {
        var buffer = buffer { $0.maxSpansPerTrace = 3 }
        var kept: [SpanData] = []
        for id in UInt64(2)...4 { buffer.receive(.ended("step", trace: 1, id: id, parent: 1, failed: id == 3), &kept) }
        #expect(kept.count == 3)
        #expect(buffer.statistics.earlyDecisions == ["trace_spans": 1])
    }

    @Test func headKeptSpansGoOnAtOnceAndAFailedChildMarksItsRoot() {
        var buffer = buffer { $0.slowThreshold = .milliseconds(500) }
        var kept: [SpanData] = []
        let failedChild = buffer.receiveHeadKept(.ended("child", trace: 1, id: 2, parent: 1, sampled: true, failed: true), failed: true, &kept)
        #expect(!failedChild)
        #expect(kept.map(\.name) == ["child"] && kept[0].samplingRule == nil)
        #expect(buffer.heldTraces == 1)
        let markedRoot = buffer.receiveHeadKept(.ended("root", trace: 1, id: 1, sampled: true), failed: false, &kept)
        #expect(!markedRoot)
        #expect(kept.last?.samplingRule == "error")
        #expect(buffer.heldTraces == 0)
        let slowRoot = buffer.receiveHeadKept(.ended("slow", trace: 2, id: 1, sampled: true, durationNanos: 900_000_000), failed: false, &kept)
        #expect(!slowRoot)
        #expect(kept.last?.samplingRule == "slow")
        let plainRoot = buffer.receiveHeadKept(.ended("plain", trace: 3, id: 1, sampled: true), failed: false, &kept)
        #expect(plainRoot)
        #expect(kept.last?.samplingRule == "ratio", "named, and counted by the caller outside the lock")
        #expect(buffer.statistics.tracesKept == ["error": 1, "slow": 1])
    }

    @Test func aHeadKeptSpanOfAHeldTraceJoinsIt() {
        var buffer = buffer()
        var kept: [SpanData] = []
        buffer.receive(.ended("unsampled", trace: 1, id: 2, parent: 1), &kept)
        let unmarkedRoot = buffer.receiveHeadKept(.ended("sampled", trace: 1, id: 3, parent: 1, sampled: true), failed: false, &kept)
        #expect(!unmarkedRoot)
        #expect(kept.isEmpty)
        #expect(buffer.pendingSpans == 2)
        // The head kept part of the trace: the whole of it is kept, by the ratio.
        buffer.receive(.ended("root", trace: 1, id: 1), &kept)
        buffer.decideWaiting(&kept)
        #expect(kept.map(\.name) == ["unsampled", "sampled", "root"])
        #expect(buffer.statistics.tracesKept == ["ratio": 1])
    }
}
