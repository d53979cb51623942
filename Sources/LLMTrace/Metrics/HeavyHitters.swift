/// The keys with the largest totals in a stream of (key, amount), in at most `capacity` entries
/// whatever the number of distinct keys: the Space-Saving summary (Metwally et al., 2005).
///
/// A key not in the summary takes the place of the smallest entry and inherits its total as an
/// `error`, so `total - error` is a lower bound of what the key really added, and any key whose
/// real total is over `sum of all amounts / capacity` is in the summary. Entries live in a binary
/// min-heap by total, so each addition costs O(log capacity).
struct HeavyHitters {
    struct Entry {
        let key: String
        /// What the key added, possibly overcounted by up to `error`.
        var total: Int
        /// What the entry inherited when the key replaced another.
        var error: Int
        /// Left to the owner (the cost guard keeps when it last warned).
        var mark: UInt64?

        /// What the key certainly added.
        var guaranteed: Int { total - error }
    }

    let capacity: Int
    private(set) var heap: [Entry] = []
    private var index: [String: Int] = [:]

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        heap.reserveCapacity(self.capacity)
        index.reserveCapacity(self.capacity)
    }

    var count: Int { heap.count }

    /// Adds `amount` (non-negative) to `key`; returns the key's entry after the addition, with
    /// `update` applied to it (where the owner reads and sets `mark`).
    @discardableResult
    mutating func add<R>(_ key: String, _ amount: Int, _ update: (inout Entry) -> R) -> R {
        let position: Int
        if let existing = index[key] {
            position = existing
            heap[position].total += amount
        } else if heap.count < capacity {
            position = heap.count
            heap.append(Entry(key: key, total: amount, error: 0))
            index[key] = position
            siftUp(position)
            return update(&heap[index[key]!])
        } else {
            // Replace the smallest entry: the new key inherits its total as error.
            let smallest = heap[0]
            index.removeValue(forKey: smallest.key)
            heap[0] = Entry(key: key, total: smallest.total + amount, error: smallest.total)
            index[key] = 0
            position = 0
        }
        siftDown(position)
        return update(&heap[index[key]!])
    }

    /// The entry of `key`, if the summary holds it.
    func entry(_ key: String) -> Entry? { index[key].map { heap[$0] } }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].total < heap[parent].total else { return }
            swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            let right = left + 1
            let smaller = right < heap.count && heap[right].total < heap[left].total ? right : left
            guard heap[smaller].total < heap[parent].total else { return }
            swapAt(parent, smaller)
            parent = smaller
        }
    }

    private mutating func swapAt(_ a: Int, _ b: Int) {
        heap.swapAt(a, b)
        index[heap[a].key] = a
        index[heap[b].key] = b
    }
}
