import Dispatch
import Testing
import LLMTraceSupport

private struct Failure: Error {}

@Suite struct SpinLockedTests {
    @Test func withLockUnderContentionFromSeveralThreadsSumsCorrectly() {
        let counter = SpinLocked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<10_000 { counter.withLock { $0 += 1 } }
        }
        #expect(counter.withLock { $0 } == 80_000)
    }

    @Test func aThrowingBodyRethrowsAndReleasesTheLock() {
        let value = SpinLocked(1)
        #expect(throws: Failure.self) {
            try value.withLock { value in
                value = 2
                throw Failure()
            }
        }
        // Taking the lock again would spin forever had the throw kept it.
        #expect(value.withLock { $0 } == 2)
    }

    @Test func aHandedOverItemIsStoredAsTheOnlyReference() {
        final class Item: Sendable {}
        let kept = SpinLocked<[Item]>([])
        weak var stored: Item?
        do {
            let item = Item()
            stored = item
            let count = kept.withLock(handingOver: item) { items, item -> Int in
                items.append(item)
                return items.count
            }
            #expect(count == 1)
        }
        #expect(stored != nil)
        #expect(kept.withLock { isKnownUniquelyReferenced(&$0[0]) })
    }
}
