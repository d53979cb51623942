internal import LLMTraceSupport

/// The batch processor's queue: spans in chunks of one export batch each, so taking a batch
/// moves no span and a long backlog never shifts in memory.
struct SpanQueue {
    let chunkSize: Int
    private var full = FIFO<[SpanData]>()
    private var filling: [SpanData] = []
    private(set) var count = 0

    init(chunkSize: Int) {
        self.chunkSize = chunkSize
    }

    mutating func append(_ span: SpanData) {
        if filling.count >= chunkSize {
            full.append(filling)
            filling = []
        }
        if filling.isEmpty { filling.reserveCapacity(chunkSize) }
        filling.append(span)
        count += 1
    }

    /// The oldest spans, at most one batch of them; empty when nothing is queued.
    mutating func popChunk() -> [SpanData] {
        var chunk: [SpanData] = []
        if let oldest = full.popFirst() {
            chunk = oldest
        } else {
            swap(&chunk, &filling)
        }
        count -= chunk.count
        return chunk
    }
}
