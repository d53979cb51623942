/// A first-in, first-out queue with O(1) amortised push and pop (the standard library has no
/// deque, and one type is not worth a package): the sampling stage's age and wait orders, the
/// batch processor's chunks of spans.
///
/// A ring buffer: a popped element is released at once, which matters when elements hold memory.
public struct FIFO<Element> {
    private var slots: [Element?] = []
    private var head = 0
    public private(set) var count = 0

    /// An empty queue.
    public init() {}

    public var isEmpty: Bool { count == 0 }
    public var first: Element? { isEmpty ? nil : slots[head] }

    public mutating func append(_ element: Element) {
        if count == slots.count { grow() }
        slots[(head + count) % slots.count] = element
        count += 1
    }

    @discardableResult
    public mutating func popFirst() -> Element? {
        guard !isEmpty else { return nil }
        let element = slots[head].take()
        head = (head + 1) % slots.count
        count -= 1
        return element
    }

    /// Removes the elements for which `shouldRemove` holds, keeping the order of the rest.
    public mutating func removeAll(where shouldRemove: (Element) -> Bool) {
        var kept: [Element?] = []
        kept.reserveCapacity(count)
        while let element = popFirst() {
            if !shouldRemove(element) { kept.append(element) }
        }
        slots = kept
        count = kept.count
        head = 0
    }

    private mutating func grow() {
        var bigger: [Element?] = []
        bigger.reserveCapacity(Swift.max(16, slots.count * 2))
        for i in 0..<count { bigger.append(slots[(head + i) % slots.count]) }
        bigger.append(contentsOf: repeatElement(nil, count: bigger.capacity - bigger.count))
        slots = bigger
        head = 0
    }
}
