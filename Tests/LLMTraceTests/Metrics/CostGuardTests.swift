import Testing
@testable import LLMTrace

@Suite struct CostGuardTests {
    static let minute: UInt64 = 60_000_000_000
    static let usd = 1_000_000_000

    @Test func reportsTheCostThatTakesTheHourOverTheBudget() throws {
        let guardian = CostGuard(budgetUSDPerHour: 1)
        #expect(guardian.add(Self.usd * 6 / 10, now: 0) == nil)
        let crossing = try #require(guardian.add(Self.usd * 6 / 10, now: Self.minute))
        #expect(crossing.budget == 1)
        #expect(crossing.spendNanos == Self.usd * 12 / 10)
    }

    @Test func reachingTheBudgetExactlyIsNotOverIt() {
        let guardian = CostGuard(budgetUSDPerHour: 1)
        #expect(guardian.add(Self.usd, now: 0) == nil)
        #expect(guardian.add(1, now: 0) != nil)
    }

    @Test func staysQuietWhileOverThenReportsAgainAfterDroppingBelow() {
        let guardian = CostGuard(budgetUSDPerHour: 1)
        #expect(guardian.add(Self.usd / 2, now: 0) == nil)
        #expect(guardian.add(Self.usd * 6 / 10, now: Self.minute) != nil)
        #expect(guardian.add(1, now: 2 * Self.minute) == nil, "still over: no second report")
        // An hour on, minute 0's spend has left the window: 0.6 USD and change is under the budget.
        #expect(guardian.add(1, now: 60 * Self.minute) == nil)
        let again = guardian.add(Self.usd / 2, now: 60 * Self.minute)
        #expect(again?.spendNanos == Self.usd * 11 / 10 + 2)
    }
}
