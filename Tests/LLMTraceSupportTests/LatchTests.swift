import Dispatch
import Testing
import LLMTraceSupport

@Suite struct LatchTests {
    @Test func waitReturnsTheValueSetFromAnotherThread() {
        let latch = Latch<Int>()
        DispatchQueue.global().async { latch.set(42) }
        #expect(latch.wait(timeout: .seconds(10)) == 42)
    }

    @Test func waitOnAnUnsetLatchWithZeroTimeoutReturnsNil() {
        #expect(Latch<Int>().wait(timeout: .zero) == nil)
    }

    @Test func theFirstSetWins() {
        let latch = Latch<String>()
        latch.set("first")
        latch.set("second")
        #expect(latch.wait(timeout: .zero) == "first")
    }

    @Test func everyWaiterIsWoken() {
        let latch = Latch<Bool>()
        let results = Locked<[Bool?]>([])
        let group = DispatchGroup()
        for _ in 0..<4 {
            DispatchQueue.global().async(group: group) {
                let value = latch.wait(timeout: .seconds(10))
                results.withLock { $0.append(value) }
            }
        }
        latch.set(true)
        #expect(group.wait(timeout: .now() + .seconds(20)) == .success)
        #expect(results.withLock { $0 } == [true, true, true, true])
    }
}
