internal import LLMTraceSupport

/// The spend of the last hour in one-minute slots, and whether it is over the budget.
final class CostGuard: Sendable {
    struct Crossing {
        var budget: Double
        var spendNanos: Int
    }

    private struct Window {
        var slots = [Int](repeating: 0, count: 60)
        var slotMinute: [UInt64] = Array(repeating: .max, count: 60)
        var over = false
    }

    let budget: Double
    private let budgetNanos: Int
    private let window = Locked(Window())

    init(budgetUSDPerHour: Double) {
        budget = budgetUSDPerHour
        budgetNanos = Int((budgetUSDPerHour * 1e9).rounded())
    }

    /// Adds a cost; returns the crossing when this cost took the hour's spend over the budget.
    /// Once under the budget again (old minutes left the window), the next crossing reports again.
    func add(_ nanos: Int, now: UInt64) -> Crossing? {
        let minute = now / 60_000_000_000
        return window.withLock { window in
            let slot = Int(minute % 60)
            if window.slotMinute[slot] != minute {
                window.slotMinute[slot] = minute
                window.slots[slot] = 0
            }
            window.slots[slot] += nanos
            var spend = 0
            for i in 0..<60 where window.slotMinute[i] != .max && minute &- window.slotMinute[i] < 60 {
                spend += window.slots[i]
            }
            let over = spend > budgetNanos
            defer { window.over = over }
            return over && !window.over ? Crossing(budget: budget, spendNanos: spend) : nil
        }
    }
}
