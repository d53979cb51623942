import Dispatch
import Testing
import LLMTraceSupport

@Suite struct RepeatingTimerTests {
    @Test func firesRepeatedlyUntilCancelled() {
        let queue = DispatchQueue(label: "test.timer")
        let fired = DispatchSemaphore(value: 0)
        let timer = RepeatingTimer(queue: queue, interval: .milliseconds(1), leeway: .zero)
        timer.start { fired.signal() }
        for _ in 0..<3 {
            #expect(fired.wait(timeout: .now() + .seconds(10)) == .success)
        }
        timer.cancel()
        queue.sync {} // a firing in progress finishes
        while fired.wait(timeout: .now()) == .success {}
        // Fifty intervals with no firing: the timer is stopped.
        #expect(fired.wait(timeout: .now() + .milliseconds(50)) == .timedOut)
    }

    @Test func onlyTheFirstStartCounts() {
        let first = DispatchSemaphore(value: 0)
        let second = Locked(0)
        let timer = RepeatingTimer(queue: DispatchQueue(label: "test.start"), interval: .milliseconds(1), leeway: .zero)
        timer.start { first.signal() }
        timer.start { second.withLock { $0 += 1 } }
        for _ in 0..<3 {
            #expect(first.wait(timeout: .now() + .seconds(10)) == .success)
        }
        timer.cancel()
        #expect(second.withLock { $0 } == 0)
    }

    @Test func releasingATimerThatNeverStartedDoesNotCrash() {
        do {
            _ = RepeatingTimer(queue: DispatchQueue(label: "test.unstarted"), interval: .seconds(1), leeway: .zero)
        }
        do {
            let cancelled = RepeatingTimer(queue: DispatchQueue(label: "test.cancelled"), interval: .seconds(1), leeway: .zero)
            cancelled.cancel()
            cancelled.cancel()
        }
    }
}
