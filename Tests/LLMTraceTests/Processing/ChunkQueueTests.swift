import Testing
@testable import LLMTrace
import LLMTraceTesting

@Suite struct ChunkQueueTests {
    func names(_ spans: [SpanData]) -> [String] { spans.map(\.name) }

    @Test func popsTheOldestSpansOneBatchAtATime() {
        var queue = ChunkQueue<SpanData>(chunkSize: 3)
        for i in 0..<7 { queue.append(.stub(name: "s\(i)")) }
        #expect(queue.count == 7)
        #expect(names(queue.popChunk()) == ["s0", "s1", "s2"])
        #expect(names(queue.popChunk()) == ["s3", "s4", "s5"])
        #expect(names(queue.popChunk()) == ["s6"])
        #expect(queue.popChunk().isEmpty)
        #expect(queue.count == 0)
    }

    @Test func aPartialBatchCanBeTakenAndFillingGoesOn() {
        var queue = ChunkQueue<SpanData>(chunkSize: 3)
        queue.append(.stub(name: "a"))
        queue.append(.stub(name: "b"))
        #expect(names(queue.popChunk()) == ["a", "b"])
        for name in ["c", "d", "e", "f"] { queue.append(.stub(name: name)) }
        #expect(queue.count == 4)
        #expect(names(queue.popChunk()) == ["c", "d", "e"])
        #expect(names(queue.popChunk()) == ["f"])
    }
}
