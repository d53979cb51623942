internal import LLMTraceSupport

/// The batch queue's storage: items in chunks of one export batch each, so taking a batch moves
/// no item and a long backlog never shifts in memory.
struct ChunkQueue<Item> {
    let chunkSize: Int
    private var full = FIFO<[Item]>()
    private var filling: [Item] = []
    private(set) var count = 0

    init(chunkSize: Int) {
        self.chunkSize = chunkSize
    }

    mutating func append(_ item: consuming Item) {
        if filling.count >= chunkSize {
            full.append(filling)
            filling = []
        }
        if filling.isEmpty { filling.reserveCapacity(chunkSize) }
        filling.append(consume item)
        count += 1
    }

    /// The oldest items, at most one batch of them; empty when nothing is queued.
    mutating func popChunk() -> [Item] {
        var chunk: [Item] = []
        if let oldest = full.popFirst() {
            chunk = oldest
        } else {
            swap(&chunk, &filling)
        }
        count -= chunk.count
        return chunk
    }
}
