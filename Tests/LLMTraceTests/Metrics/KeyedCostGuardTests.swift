import Testing
@testable import LLMTrace

@Suite struct KeyedCostGuardTests {
    static let minute: UInt64 = 60_000_000_000
    static let hour = 60 * minute
    static let usd = 1_000_000_000

    @Test func reportsAKeyOverItsBudgetOncePerHour() throws {
        let guardian = KeyedCostGuard(budgetUSDPerHour: 1, capacity: 10)
        #expect(guardian.add(Self.usd * 6 / 10, key: "alice", now: 0) == nil)
        #expect(guardian.add(Self.usd * 6 / 10, key: "bob", now: 0) == nil, "budgets are per key")
        let crossing = try #require(guardian.add(Self.usd * 6 / 10, key: "alice", now: Self.minute))
        #expect(crossing == KeyedCostGuard.Crossing(key: "alice", budget: 1, spendNanos: Self.usd * 12 / 10))
        #expect(guardian.add(Self.usd, key: "alice", now: 30 * Self.minute) == nil, "once an hour")
        // Into the next hour: the previous hour still counts for the part of it inside the last
        // 60 minutes, and the report an hour ago keeps alice quiet until an hour has passed.
        #expect(guardian.add(1, key: "alice", now: Self.hour + Self.minute / 2) == nil)
        #expect(guardian.add(1, key: "alice", now: Self.hour + Self.minute + 1) != nil)
    }

    @Test func theLastHourWeighsThePreviousHourByWhatIsLeftOfIt() {
        let guardian = KeyedCostGuard(budgetUSDPerHour: 1, capacity: 10)
        #expect(guardian.add(Self.usd * 8 / 10, key: "k", now: 50 * Self.minute) == nil)
        // At 1:30 half of the previous hour is inside the window: 0.4 + 0.5 is under 1 USD.
        #expect(guardian.add(Self.usd / 2, key: "k", now: Self.hour + 30 * Self.minute) == nil)
        // At 1:15, three quarters would count: 0.6 + 0.5 = 1.1 (a fresh guard shows it).
        let other = KeyedCostGuard(budgetUSDPerHour: 1, capacity: 10)
        _ = other.add(Self.usd * 8 / 10, key: "k", now: 50 * Self.minute)
        #expect(other.add(Self.usd / 2, key: "k", now: Self.hour + 15 * Self.minute)?.spendNanos == Self.usd * 11 / 10)
        // Two hours on, nothing of the first hour is left.
        #expect(other.add(Self.usd * 9 / 10, key: "k", now: 3 * Self.hour) == nil)
    }

    @Test func aHundredThousandUsersTakeBoundedMemoryAndTheHeavyOneIsStillFound() {
        let guardian = KeyedCostGuard(budgetUSDPerHour: 5, capacity: 1000)
        var reports: [String] = []
        var mostTracked = 0
        for user in 0..<100_000 {
            // Each light user spends 0.01 USD once; user-heavy spends 0.01 USD every 20th call.
            if let crossing = guardian.add(Self.usd / 100, key: "user-\(user)", now: UInt64(user) * 10_000_000) { reports.append(crossing.key) }
            if user % 20 == 0, let crossing = guardian.add(Self.usd / 100, key: "user-heavy", now: UInt64(user) * 10_000_000) {
                reports.append(crossing.key)
            }
            if user % 1000 == 0 { mostTracked = max(mostTracked, guardian.trackedKeys) }
        }
        #expect(mostTracked <= 1000)
        // 5,000 calls of 0.01 USD = 50 USD: over 5 USD, reported once, and nobody else.
        #expect(reports == ["user-heavy"])
        #expect(guardian.trackedKeys == 1000)
    }
}
