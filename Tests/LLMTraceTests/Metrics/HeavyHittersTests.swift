import Testing
@testable import LLMTrace

@Suite struct HeavyHittersTests {
    @Test func keepsTheHeaviestKeysWithinItsCapacityAndBoundsTheirTotals() {
        var summary = HeavyHitters(capacity: 50)
        var truth: [String: Int] = [:]
        var generator = SystemRandomNumberGenerator()
        // 20 heavy keys among 20,000 light ones, interleaved.
        for i in 0..<40_000 {
            let key = i % 2 == 0 ? "heavy-\(i % 40 / 2)" : "light-\(Int.random(in: 0..<20_000, using: &generator))"
            let amount = key.hasPrefix("heavy") ? 100 : 1
            truth[key, default: 0] += amount
            summary.add(key, amount) { _ in }
        }
        #expect(summary.count == 50)
        for i in 0..<20 {
            let key = "heavy-\(i)"
            let entry = summary.entry(key)
            #expect(entry != nil, "\(key) tracked")
            if let entry {
                #expect(entry.guaranteed <= truth[key]! && truth[key]! <= entry.total)
            }
        }
        for entry in summary.heap { #expect(entry.guaranteed <= truth[entry.key]!) }
    }

    @Test func theOwnersMarkStaysWithItsKey() {
        var summary = HeavyHitters(capacity: 2)
        summary.add("a", 10) { $0.mark = 7 }
        summary.add("b", 1) { _ in }
        summary.add("c", 1) { _ in } // replaces b, the smallest
        #expect(summary.entry("b") == nil)
        #expect(summary.entry("c")?.error == 1)
        #expect(summary.entry("a")?.mark == 7)
    }
}
