internal import LLMTraceSupport

/// The spend of the last hour per key (a user, a tenant: `enduser.id` by default), for the keys
/// that spend the most, and whether one of them is over its own budget.
///
/// Memory does not grow with the number of keys: each hour's spend is summed in a
/// `HeavyHitters` summary of `capacity` keys, so a key that spends more than the hour's total
/// spend / `capacity` is always tracked. The last hour is the current clock hour plus the part
/// of the previous one still inside the hour (its spend weighed by how much of it is left), and
/// both use what a key certainly spent: a key is never reported over a budget it did not pass.
/// Each key is reported at most once an hour.
final class KeyedCostGuard: Sendable {
    /// A key whose spend went over the budget.
    struct Crossing: Equatable {
        var key: String
        var budget: Double
        var spendNanos: Int
    }

    private struct State {
        var hour: UInt64 = .max
        var current: HeavyHitters
        // What each key tracked at the end of the previous hour certainly spent, and when it
        // was last reported.
        var previous: [String: (spend: Int, warned: UInt64?)] = [:]
    }

    let budget: Double
    /// Most keys tracked per hour.
    let capacity: Int
    private let budgetNanos: Int
    private let state: Locked<State>

    init(budgetUSDPerHour: Double, capacity: Int) {
        budget = budgetUSDPerHour
        self.capacity = max(1, capacity)
        budgetNanos = Int((budgetUSDPerHour * 1e9).rounded())
        state = Locked(State(current: HeavyHitters(capacity: max(1, capacity))))
    }

    private static let hourNanos: UInt64 = 3_600_000_000_000

    /// Adds a cost to `key` at monotonic time `now`; returns the crossing when the key's spend
    /// of the last hour is over the budget and it was not reported in the last hour.
    func add(_ nanos: Int, key: String, now: UInt64) -> Crossing? {
        let hour = now / Self.hourNanos
        // The share of the previous hour still inside the last 60 minutes.
        let remaining = 1 - Double(now % Self.hourNanos) / Double(Self.hourNanos)
        return state.withLock { state in
            if state.hour != hour {
                var previous: [String: (spend: Int, warned: UInt64?)] = [:]
                if hour == state.hour &+ 1 {
                    previous.reserveCapacity(state.current.count)
                    for entry in state.current.heap { previous[entry.key] = (entry.guaranteed, entry.mark) }
                }
                state.previous = previous
                state.current = HeavyHitters(capacity: capacity)
                state.hour = hour
            }
            let carried = state.previous[key]
            return state.current.add(key, max(0, nanos)) { entry -> Crossing? in
                if entry.mark == nil { entry.mark = carried?.warned }
                let spend = entry.guaranteed + Int(Double(carried?.spend ?? 0) * remaining)
                guard spend > budgetNanos else { return nil }
                if let warned = entry.mark, now &- warned < Self.hourNanos { return nil }
                entry.mark = now
                return Crossing(key: key, budget: budget, spendNanos: spend)
            }
        }
    }

    /// Keys tracked in the current hour.
    var trackedKeys: Int { state.withLock { $0.current.count } }
}
