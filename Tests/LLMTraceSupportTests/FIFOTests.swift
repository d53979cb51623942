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
}
