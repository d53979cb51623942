internal import LLMTraceSupport

/// The batch queue's storage: items in chunks of one export batch each, so taking a batch moves
/// no item and a long backlog never shifts in memory.
///
/// A chunk the exporter is done with comes back (`recycle`) to be filled again: in a steady
/// flow the application's thread never allocates one.
struct ChunkQueue<Item> {
    let chunkSize: Int
    private var full = FIFO<[Item]>()
    private var filling: [Item] = []
    /// An emptied chunk with its capacity, for the next `filling`. One is enough: exports run
    /// one at a time, so at most one chunk is out being exported while another fills.
    private var spare: [Item] = []
    private(set) var count = 0

    init(chunkSize: Int) {
        self.chunkSize = chunkSize
    }

    mutating func append(_ item: consuming Item) {
        if filling.count >= chunkSize {
            full.append(filling)
            filling = []
        }
        if filling.capacity == 0 { startFilling() }
        filling.append(consume item)
        count += 1
    }

    @inline(never)
    private mutating func startFilling() {
        if spare.capacity > 0 {
            swap(&filling, &spare)
        } else {
            filling.reserveCapacity(chunkSize)
        }
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

    /// Takes back an exported chunk, emptied, as the spare (moved, so that the spare is filled
    /// in place); one the queue does not need is left with the caller.
    mutating func recycle(_ chunk: inout [Item]) {
        guard spare.capacity == 0, chunk.isEmpty, chunk.capacity >= chunkSize else { return }
        swap(&spare, &chunk)
    }
}
