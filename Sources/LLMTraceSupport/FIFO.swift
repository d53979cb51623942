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
    /// In place: the ring keeps its size and nothing is allocated.
    @inlinable
    public mutating func removeAll(where shouldRemove: (Element) -> Bool) {
        guard !isEmpty else { return }
        let size = slots.count
        var written = 0
        for i in 0..<count {
            let element = slots[(head + i) % size].take()!
            if !shouldRemove(element) {
                slots[(head + written) % size] = element
                written += 1
            }
        }
        stored = written
    }

    @usableFromInline mutating func grow() {
        var bigger: [Element?] = []
        let size = Swift.max(16, slots.count * 2)
        bigger.reserveCapacity(size)
        for i in 0..<count { bigger.append(slots[(head + i) % slots.count].take()) }
        // A plain loop: filling from `repeatElement` went through unspecialised generic code
        // whose first use allocated metadata in the caller's thread.
        while bigger.count < size { bigger.append(nil) }
        slots = bigger
        head = 0
    }
}
