import Dispatch
import Testing
import LLMTraceSupport

private struct Failure: Error {}

@Suite struct LockedTests {
    @Test func withLockUnderContentionFromSeveralThreadsSumsCorrectly() {
        let counter = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<10_000 { counter.withLock { $0 += 1 } }
        }
        #expect(counter.withLock { $0 } == 80_000)
    }

    @Test func withLockReturnsTheBodysResult() {
        let names = Locked(["a"])
        let count = names.withLock { names -> Int in
            names.append("b")
            return names.count
        }
        #expect(count == 2)
        #expect(names.withLock { $0 } == ["a", "b"])
    }

    @Test func aThrowingBodyRethrowsAndReleasesTheLock() {
        let value = Locked(1)
        #expect(throws: Failure.self) {
            try value.withLock { value in
                value = 2
                throw Failure()
            }
        }
        // Taking the lock again would hang had the throw kept it.
        #expect(value.withLock { $0 } == 2)
    }

    /// A handed-over item is stored as the one reference to it, or dropped when the body does
    /// not keep it; either way nothing else holds it afterwards.
    @Test func aHandedOverItemIsKeptOrDroppedNotCopied() {
        final class Item: Sendable {}
        let kept = Locked<[Item]>([])
        weak var stored: Item?
        weak var dropped: Item?
        do {
            let item = Item()
            stored = item
            kept.withLock(handingOver: item) { items, item in items.append(item) }
            let other = Item()
            dropped = other
            let refused: Bool = kept.withLock(handingOver: other) { items, item in
                guard items.count < 1 else { return true }
                items.append(item)
                return false
            }
            #expect(refused)
        }
        #expect(stored != nil && dropped == nil)
        #expect(kept.withLock { $0.count } == 1)
        #expect(kept.withLock { isKnownUniquelyReferenced(&$0[0]) })
    }
}
