/// A first-in, first-out queue with O(1) amortised push and pop (the standard library has no
/// deque, and one type is not worth a package): the sampling stage's age and wait orders, the
/// batch processor's chunks of spans.
///
/// A ring buffer: a popped element is released at once, which matters when elements hold memory.
public struct FIFO<Element> {
    @usableFromInline var slots: [Element?] = []
    @usableFromInline var head = 0
    // Behind `count`: stored, so the inlinable methods can change it.
    @usableFromInline var stored = 0

    /// How many elements are queued.
    @inlinable
    public var count: Int { stored }

    /// An empty queue.
    @inlinable
    public init() {}

    @inlinable
    public var isEmpty: Bool { count == 0 }
    @inlinable
    public var first: Element? { isEmpty ? nil : slots[head] }

    @inlinable
    public mutating func append(_ element: Element) {
        if count == slots.count { grow() }
        slots[(head + count) % slots.count] = element
        stored += 1
    }

    @inlinable @discardableResult
    public mutating func popFirst() -> Element? {
        guard !isEmpty else { return nil }
        let element = slots[head].take()
        head = (head + 1) % slots.count
        stored -= 1
        return element
    }

    /// Removes the elements for which `shouldRemove` holds, keeping the order of the rest.
    @inlinable
    public mutating func removeAll(where shouldRemove: (Element) -> Bool) {
        // Keeps the ring's size: a queue that shrank to nothing would otherwise grow again from
        // 16 slots, one allocation per doubling, right after every removal.
        var kept: [Element?] = []
        kept.reserveCapacity(slots.count)
        while let element = popFirst() {
            if !shouldRemove(element) { kept.append(element) }
        }
        stored = kept.count
        kept.append(contentsOf: repeatElement(nil, count: Swift.max(0, slots.count - kept.count)))
        slots = kept
        head = 0
    }

    @usableFromInline mutating func grow() {
        var bigger: [Element?] = []
        bigger.reserveCapacity(Swift.max(16, slots.count * 2))
        for i in 0..<count { bigger.append(slots[(head + i) % slots.count]) }
        bigger.append(contentsOf: repeatElement(nil, count: bigger.capacity - bigger.count))
        slots = bigger
        head = 0
    }
}
