import Testing
@testable import LLMTrace
import LLMTraceTesting

@Suite struct ArrayInPlaceTests {
    @Test func visitsEveryElementInOrderWithItsIndexAndLeavesASharedArrayAlone() {
        let spans = (0..<5).map { SpanData.stub(name: "span-\($0)") }
        let shared = spans
        var seen: [(Int, String)] = []
        spans.forEachInPlace { i, span in seen.append((i, span.name)) }
        #expect(seen.map(\.0) == Array(0..<5))
        #expect(seen.map(\.1) == (0..<5).map { "span-\($0)" })
        #expect(shared.map(\.name) == spans.map(\.name))
        var calls = 0
        [SpanData]().forEachInPlace { _, _ in calls += 1 }
        #expect(calls == 0)
    }
}
