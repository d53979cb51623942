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
}
