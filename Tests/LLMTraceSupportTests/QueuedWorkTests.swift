import Dispatch
import Testing
import LLMTraceSupport

@Suite struct QueuedWorkTests {
    @Test func workRunsOnTheQueueWithADeadlineBeforeTheCallersTimeout() {
        let queue = DispatchQueue(label: "test.queued-work")
        let key = DispatchSpecificKey<Bool>()
        queue.setSpecific(key: key, value: true)
        let seen = Locked<(onQueue: Bool, deadline: Deadline)?>(nil)
        let work = QueuedWork(on: queue, timeout: .seconds(10)) { deadline in
            seen.withLock { $0 = (DispatchQueue.getSpecific(key: key) == true, deadline) }
        }
        let callersDeadline = Deadline.after(.seconds(10))
        #expect(work.wait(timeout: .seconds(10)))
        let (onQueue, deadline) = seen.withLock { $0 } ?? (false, .never)
        #expect(onQueue)
        #expect(deadline < callersDeadline)
        #expect(!deadline.hasPassed)
    }

    @Test func waitReturnsTrueOnceTheWorkIsDone() {
        let done = Locked(false)
        let work = QueuedWork(on: DispatchQueue(label: "test.done"), timeout: .seconds(10)) { _ in done.withLock { $0 = true } }
        #expect(work.wait(timeout: .seconds(10)))
        #expect(done.withLock { $0 })
        #expect(QueuedWork.run(on: DispatchQueue(label: "test.run"), timeout: .seconds(10)) { _ in })
    }

    @Test func waitReturnsFalseWhileTheQueueIsBlocked() {
        let queue = DispatchQueue(label: "test.blocked")
        let blocker = DispatchSemaphore(value: 0)
        queue.async { blocker.wait() }
        let ran = Locked(false)
        let work = QueuedWork(on: queue, timeout: .seconds(10)) { _ in ran.withLock { $0 = true } }
        #expect(!work.wait(timeout: .milliseconds(50)))
        #expect(!ran.withLock { $0 })
        blocker.signal()
        #expect(work.wait(timeout: .seconds(10)))
        #expect(ran.withLock { $0 })
    }

    @Test func aZeroTimeoutGivesTheWorkADeadlineAlreadyDue() {
        let passed = Locked<Bool?>(nil)
        let work = QueuedWork(on: DispatchQueue(label: "test.zero"), timeout: .zero) { deadline in
            passed.withLock { $0 = deadline.hasPassed }
        }
        #expect(work.wait(timeout: .seconds(10)))
        #expect(passed.withLock { $0 } == true)
    }
}
