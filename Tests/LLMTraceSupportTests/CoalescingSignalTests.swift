import Dispatch
import Testing
import LLMTraceSupport

@Suite struct CoalescingSignalTests {
    @Test func signalsBeforeTheHandlerRunsMergeIntoOneRun() {
        let queue = DispatchQueue(label: "test.signal")
        let runs = Locked(0)
        let ran = DispatchSemaphore(value: 0)
        let signal = CoalescingSignal(queue: queue)
        signal.start {
            runs.withLock { $0 += 1 }
            ran.signal()
        }
        // The queue is held, so the three signals wait together.
        queue.sync {
            signal.signal()
            signal.signal()
            signal.signal()
        }
        #expect(ran.wait(timeout: .now() + .seconds(10)) == .success)
        queue.sync {}
        #expect(runs.withLock { $0 } == 1)

        signal.signal()
        #expect(ran.wait(timeout: .now() + .seconds(10)) == .success)
        #expect(runs.withLock { $0 } == 2)
    }

    @Test func aSignalBeforeStartRunsTheHandlerOnceStarted() {
        let ran = DispatchSemaphore(value: 0)
        let signal = CoalescingSignal(queue: DispatchQueue(label: "test.early"))
        signal.signal()
        signal.start { ran.signal() }
        #expect(ran.wait(timeout: .now() + .seconds(10)) == .success)
    }

    @Test func afterCancelNothingRuns() {
        let queue = DispatchQueue(label: "test.cancel")
        let runs = Locked(0)
        let signal = CoalescingSignal(queue: queue)
        signal.start { runs.withLock { $0 += 1 } }
        signal.cancel()
        signal.signal()
        queue.sync {}
        queue.sync {}
        #expect(runs.withLock { $0 } == 0)
    }

    @Test func releasingASignalThatNeverStartedDoesNotCrash() {
        do {
            let signal = CoalescingSignal(queue: DispatchQueue(label: "test.unstarted"))
            signal.signal()
        }
        do {
            let cancelled = CoalescingSignal(queue: DispatchQueue(label: "test.cancelled"))
            cancelled.cancel()
            cancelled.cancel()
        }
    }
}
