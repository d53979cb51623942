import Dispatch
import Testing
import LLMTraceSupport

/// A counter guarded by a spin lock, shared by the threads of a test.
private final class Counter: @unchecked Sendable {
    let lock = SpinLock()
    var value = 0 // lock only

    func increment() {
        lock.lock()
        value += 1
        lock.unlock()
    }
}

@Suite struct SpinLockTests {
    @Test func onlyOneThreadAtATimeHoldsTheLock() {
        let counter = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<10_000 { counter.increment() }
        }
        counter.lock.lock()
        #expect(counter.value == 80_000)
        counter.lock.unlock()
    }

    @Test func anUnlockedLockCanBeTakenAgain() {
        let lock = SpinLock()
        for _ in 0..<3 {
            lock.lock()
            lock.unlock()
        }
        lock.lock()
        lock.unlock()
    }
}
