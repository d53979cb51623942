import Logging
internal import LLMTraceSupport

/// The spend budgets of `MetricsConfiguration`: the hourly one (`CostGuard`) and the one per key
/// (`KeyedCostGuard`). Charges each model call's cost to both, logs a crossing, and returns the
/// `llmtrace.cost_budget.exceeded` events for the span that crossed.
final class CostBudgets: Sendable {
    private let hourly: CostGuard?
    private let perKey: KeyedCostGuard?
    /// The attribute that keys `perKey`.
    private let key: String
    private let log: RateLimitedLog
    private let logger: Logger

    /// `nil` when the configuration sets no budget.
    init?(_ configuration: MetricsConfiguration, logger: Logger) {
        guard configuration.costBudgetUSDPerHour != nil || configuration.costBudgetUSDPerHourPerKey != nil else { return nil }
        hourly = configuration.costBudgetUSDPerHour.map { CostGuard(budgetUSDPerHour: $0) }
        perKey = configuration.costBudgetUSDPerHourPerKey.map { KeyedCostGuard(budgetUSDPerHour: $0, capacity: configuration.costBudgetMaxKeys) }
        key = configuration.costBudgetKey
        log = RateLimitedLog(logger: logger)
        self.logger = logger
    }

    /// Charges `costNanos` (positive) of the model call `span`; returns an event per budget it
    /// took over.
    func charge(_ costNanos: Int, of span: SpanData) -> [SpanEvent] {
        var events: [SpanEvent] = []
        let now = WallClock.monotonicNanos()
        if let hourly, let crossing = hourly.add(costNanos, now: now) {
            log.log(.warning, key: "cost-budget", "LLM spend of the last hour is \(LLMMetrics.usd(crossing.spendNanos)) USD, over the budget of \(crossing.budget) USD/hour (\(EnvironmentKey.costBudgetUSDPerHour))")
            events.append(Self.event(span, budget: crossing.budget, spendNanos: crossing.spendNanos, key: nil))
        }
        if let perKey, let value = span.attributes[key].flatMap(LLMMetrics.string),
           let crossing = perKey.add(costNanos, key: value, now: now) {
            // Not rate-limited by RateLimitedLog: the guard reports each key once an hour already.
            logger.warning("LLM spend of the last hour for \(key)=\(crossing.key) is \(LLMMetrics.usd(crossing.spendNanos)) USD, over the per-key budget of \(crossing.budget) USD/hour (\(EnvironmentKey.costBudgetUSDPerHourPerKey))")
            events.append(Self.event(span, budget: crossing.budget, spendNanos: crossing.spendNanos, key: key))
        }
        return events
    }

    private static func event(_ span: SpanData, budget: Double, spendNanos: Int, key: String?) -> SpanEvent {
        var attributes: Attributes = [
            LLMTraceAttributes.costBudgetUSDPerHour: .double(budget),
            LLMTraceAttributes.costLastHourUSD: .double(Double(spendNanos) / 1e9),
        ]
        if let key { attributes[LLMTraceAttributes.costBudgetKey] = .string(key) }
        return SpanEvent(name: LLMTraceAttributes.costBudgetExceededEvent, timeUnixNano: span.endTimeUnixNano, attributes: attributes)
    }
}
