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

    /// An exported chunk comes back as the spare and is filled again in place: the same
    /// storage, so a steady flow allocates no chunk. One the queue does not need stays with
    /// the caller.
    @Test func anExportedChunkIsFilledAgain() {
        var queue = ChunkQueue<SpanData>(chunkSize: 2)
        queue.append(.stub(name: "a"))
        queue.append(.stub(name: "b"))
        var exported = queue.popChunk()
        let storage = exported.withUnsafeBufferPointer { $0.baseAddress }
        exported.removeAll(keepingCapacity: true)
        queue.recycle(&exported)
        #expect(exported.capacity == 0)
        queue.append(.stub(name: "c"))
        var second = queue.popChunk()
        #expect(names(second) == ["c"])
        #expect(second.withUnsafeBufferPointer { $0.baseAddress } == storage)

        second.removeAll(keepingCapacity: true)
        queue.recycle(&second)
        var another = [SpanData]()
        another.reserveCapacity(2)
        queue.recycle(&another)
        #expect(another.capacity >= 2, "one spare is kept; the second is not taken")
    }
}
