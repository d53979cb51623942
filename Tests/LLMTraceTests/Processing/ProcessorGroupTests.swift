import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct ProcessorGroupTests {
    @Test func everySpanGoesToEachMemberInOrder() {
        let log = CallLog()
        let group = ProcessorGroup(["a", "b", "c"].map { RecordingProcessor($0, log: log) })
        group.onEnd(.stub(name: "x"))
        group.onEnd(.stub(name: "y"))
        #expect(log.all == ["a.end x", "b.end x", "c.end x", "a.end y", "b.end y", "c.end y"])
    }

    @Test func onStartGoesOnlyToMembersThatRequireIt() {
        let log = CallLog()
        let group = ProcessorGroup([
            RecordingProcessor("wants", log: log, startRequired: true),
            RecordingProcessor("ignores", log: log, startRequired: false),
        ])
        #expect(group.isStartRequired)
        let (provider, _) = TestTracing.provider()
        let span = provider.tracer("t").startSpan("op")
        group.onStart(span, parentContext: nil)
        #expect(log.all == ["wants.start op"])
        #expect(!ProcessorGroup([RecordingProcessor(startRequired: false)]).isStartRequired)
        #expect(!ProcessorGroup([]).isStartRequired)
    }

    @Test func statisticsAreSummedOverTheMembersThatExport() throws {
        var first = ExportStatistics()
        first.queued = 3
        first.exported = 2
        first.failed = 1
        first.failedByReason = ["timeout": 1]
        var second = ExportStatistics()
        second.queued = 4
        second.dropped = 5
        second.failed = 2
        second.failedByReason = ["timeout": 1, "http 400": 1]
        let group = ProcessorGroup([
            RecordingProcessor(statistics: first), RecordingProcessor(statistics: nil), RecordingProcessor(statistics: second),
        ])
        let sum = try #require(group.statistics)
        #expect(sum.queued == 7)
        #expect(sum.exported == 2)
        #expect(sum.dropped == 5)
        #expect(sum.failed == 3)
        #expect(sum.failedByReason == ["timeout": 2, "http 400": 1])
    }

    @Test func statisticsAreNilWhenNoMemberExports() {
        #expect(ProcessorGroup([RecordingProcessor(), RecordingProcessor()]).statistics == nil)
        #expect(ProcessorGroup([]).statistics == nil)
    }

    @Test func flushAndShutdownReachEveryMemberEvenAfterOneFails() {
        let log = CallLog()
        let group = ProcessorGroup([
            RecordingProcessor("failing", log: log, flushResult: false, shutdownResult: false),
            RecordingProcessor("fine", log: log),
        ])
        #expect(!group.forceFlush(timeout: .seconds(5)))
        #expect(!group.shutdown(timeout: .seconds(5)))
        #expect(log.all == ["failing.flush", "fine.flush", "failing.shutdown", "fine.shutdown"])
        let fine = ProcessorGroup([RecordingProcessor(), RecordingProcessor()])
        #expect(fine.forceFlush(timeout: .seconds(5)))
        #expect(fine.shutdown(timeout: .seconds(5)))
    }

    @Test func membersShareOneDeadline() {
        let members = [RecordingProcessor("a"), RecordingProcessor("b")]
        #expect(ProcessorGroup(members).forceFlush(timeout: .seconds(5)))
        #expect(members.allSatisfy { $0.givenTimeouts.allSatisfy { $0 <= .seconds(5) } })
        // The second member gets what the first left, never more.
        #expect(members[1].givenTimeouts[0] <= members[0].givenTimeouts[0])
        let late = RecordingProcessor("late")
        #expect(ProcessorGroup([late]).shutdown(timeout: .zero))
        #expect(late.givenTimeouts == [.zero])
    }

    @Test func needsUnsampledSpansWhenAnyMemberDoes() {
        #expect(ProcessorGroup([RecordingProcessor(), RecordingProcessor(needsUnsampled: true)]).needsUnsampledSpans)
        #expect(!ProcessorGroup([RecordingProcessor(), RecordingProcessor()]).needsUnsampledSpans)
    }
}
