import Testing
import LLMTraceSupport

@Suite struct FIFOTests {
    @Test func popsInTheOrderPushedAcrossGrowth() {
        var queue = FIFO<Int>()
        for i in 0..<100 { queue.append(i) }
        for i in 0..<50 { #expect(queue.popFirst() == i) }
        for i in 100..<200 { queue.append(i) }
        var popped: [Int] = []
        while let next = queue.popFirst() { popped.append(next) }
        #expect(popped == Array(50..<200))
        #expect(queue.isEmpty && queue.first == nil)
    }

    @Test func removeAllKeepsTheOrderOfTheRest() {
        var queue = FIFO<Int>()
        for i in 0..<10 { queue.append(i) }
        _ = queue.popFirst()
        queue.removeAll { $0 % 2 == 0 }
        #expect(queue.count == 5)
        var rest: [Int] = []
        while let next = queue.popFirst() { rest.append(next) }
        #expect(rest == [1, 3, 5, 7, 9])
    }

    @Test func removeAllAcrossTheRingsWrapKeepsOrderAndLaterAppends() {
        var queue = FIFO<Int>()
        for i in 0..<16 { queue.append(i) }
        for _ in 0..<12 { _ = queue.popFirst() }
        for i in 16..<26 { queue.append(i) } // 12...25, wrapping around the 16 slots
        queue.removeAll { $0 % 3 == 0 }
        for i in 26..<40 { queue.append(i) }
        var rest: [Int] = []
        while let next = queue.popFirst() { rest.append(next) }
        #expect(rest == (12..<26).filter { $0 % 3 != 0 } + Array(26..<40))
    }
}
