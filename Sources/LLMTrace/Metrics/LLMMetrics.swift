import Logging
internal import LLMTraceSupport

/// The LLM metrics of one provider, aggregated from every span that ends, sampled or not.
///
/// Get it from `TracerProvider.metrics`. It exports itself (OTLP or console, per
/// `MetricsConfiguration.exporters`); an app with its own HTTP server serves
/// `prometheusText()` at `/metrics`.
///
/// Model calls are spans whose `gen_ai.operation.name` is `chat`, `text_completion`,
/// `generate_content` or `embeddings`; pipeline stages are spans with `rag.step`. Other spans
/// cost one attribute scan.
public final class LLMMetrics: Sendable {
    /// The conventions' advisory bucket boundaries.
    static let tokenBounds: [Double] = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864]
    static let durationBounds: [Double] = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]

    /// Written on the series that takes records past the series limit (OpenTelemetry SDK spec).
    static let overflowKey = OTelAttributes.metricOverflow

    let configuration: MetricsConfiguration
    let resource: Resource
    /// When aggregation began: the start of every cumulative series.
    let startTimeUnixNano: UInt64
    private let state: Locked<State>
    private let costGuard: CostGuard?
    private let log: RateLimitedLog

    /// The attribute set of a model-call series.
    struct ModelKey: Hashable {
        var operation: String
        var provider: String
        var model: String
    }

    /// Everything counted for one model-call attribute set: one lookup per span.
    final class ModelSeries {
        var duration = Histogram(bounds: durationBounds)
        var inputTokens = Histogram(bounds: tokenBounds)
        var outputTokens = Histogram(bounds: tokenBounds)
        var timeToFirstChunk = Histogram(bounds: durationBounds)
        var requests = 0
        var costNanoUSD = 0
        var failures: [String: Failure] = [:]
    }

    /// Failed calls of one model series with one `error.type`.
    struct Failure {
        var duration = Histogram(bounds: durationBounds)
        var count = 0

        mutating func record(_ seconds: Double) {
            duration.record(seconds)
            count += 1
        }
    }

    struct StageKey: Hashable {
        var step: String
        var errorType: String
    }

    private struct State {
        var models: [ModelKey: ModelSeries] = [:]
        var errorSeries = 0
        var stages: [StageKey: Histogram] = [:]
        var statistics = MetricsStatistics()
    }

    init(configuration: MetricsConfiguration, resource: Resource, logger: Logger) {
        self.configuration = configuration
        self.resource = resource
        self.startTimeUnixNano = WallClock.nowUnixNano()
        self.state = Locked(State())
        self.costGuard = configuration.costBudgetUSDPerHour.map { CostGuard(budgetUSDPerHour: $0) }
        self.log = RateLimitedLog(logger: logger)
    }

    /// Counts one ended span. Returns an event to add to it when it took the hourly spend over
    /// the budget.
    func record(_ span: SpanData) -> SpanEvent? {
        var reading = SpanReading(span.attributes)
        let operation = reading.operation.flatMap { GenAI.modelCallOperations.contains($0) ? $0 : nil }
        guard operation != nil || reading.step != nil else { return nil }
        if reading.errorType == nil, case .error = span.status { reading.errorType = OTelAttributes.errorTypeOther }
        let seconds = Double(span.durationNanos) / 1e9
        let costNanos = operation != nil ? reading.cost.map { Int(($0 * 1e9).rounded()) } ?? 0 : 0
        state.withLock { state in
            if let operation {
                let series = modelSeries(ModelKey(operation: operation, provider: reading.provider, model: reading.model), &state)
                series.requests += 1
                series.costNanoUSD += costNanos
                if let input = reading.inputTokens { series.inputTokens.record(input) }
                if let output = reading.outputTokens { series.outputTokens.record(output) }
                if let ttft = reading.timeToFirstChunk { series.timeToFirstChunk.record(ttft) }
                if var errorType = reading.errorType {
                    if series.failures[errorType] == nil {
                        if state.errorSeries < configuration.maxSeriesPerMetric {
                            state.errorSeries += 1
                        } else {
                            state.statistics.overflowRecords += 1
                            errorType = Self.overflowKey
                        }
                    }
                    series.failures[errorType, default: Failure()].record(seconds)
                } else {
                    series.duration.record(seconds)
                }
            }
            if let step = reading.step {
                var key = StageKey(step: step, errorType: reading.errorType ?? "")
                if state.stages[key] == nil && state.stages.count >= configuration.maxSeriesPerMetric {
                    state.statistics.overflowRecords += 1
                    key = StageKey(step: Self.overflowKey, errorType: "")
                }
                state.stages[key, default: Histogram(bounds: Self.durationBounds)].record(seconds)
            }
            state.statistics.spansCounted += 1
        }
        guard costNanos > 0, let costGuard, let crossing = costGuard.add(costNanos, now: WallClock.monotonicNanos()) else { return nil }
        log.log(.warning, key: "cost-budget", "LLM spend of the last hour is \(Self.usd(crossing.spendNanos)) USD, over the budget of \(crossing.budget) USD/hour (\(EnvironmentKey.costBudgetUSDPerHour))")
        return SpanEvent(name: LLMTraceAttributes.costBudgetExceededEvent, timeUnixNano: span.endTimeUnixNano, attributes: [
            LLMTraceAttributes.costBudgetUSDPerHour: .double(crossing.budget),
            LLMTraceAttributes.costLastHourUSD: .double(Double(crossing.spendNanos) / 1e9),
        ])
    }

    private func modelSeries(_ key: ModelKey, _ state: inout State) -> ModelSeries {
        if let series = state.models[key] { return series }
        var key = key
        if state.models.count >= configuration.maxSeriesPerMetric {
            state.statistics.overflowRecords += 1
            key = ModelKey(operation: Self.overflowKey, provider: "", model: "")
            if let series = state.models[key] { return series }
        }
        let series = ModelSeries()
        state.models[key] = series
        return series
    }

    static func string(_ value: AttributeValue) -> String? {
        if case .string(let text) = value, !text.isEmpty { return text }
        return nil
    }

    static func usd(_ nanos: Int) -> String { String(Double(nanos) / 1e9) }

    /// Counters of the aggregation itself.
    var statistics: MetricsStatistics { state.withLock { $0.statistics } }

    func countExport(succeeded: Bool) {
        state.withLock { state in
            if succeeded { state.statistics.exportsSucceeded += 1 } else { state.statistics.exportsFailed += 1 }
        }
    }

    /// The metrics now, in the Prometheus text exposition format (version 0.0.4), for an app
    /// that serves `/metrics` itself: return it with `Content-Type: text/plain; version=0.0.4`.
    /// Names follow what the OpenTelemetry Collector's Prometheus exporter makes of the OTLP
    /// metrics (`gen_ai_client_operation_duration_seconds`, `llmtrace_gen_ai_cost_usd_total`),
    /// so one dashboard reads both.
    public func prometheusText() -> String { PrometheusText.render(snapshot()) }

    /// Every series as it stands now (cumulative since the provider started).
    func snapshot() -> [MetricPoint] {
        let now = WallClock.nowUnixNano()
        return state.withLock { state in
            var points: [MetricPoint] = []
            let models = state.models.sorted { ($0.key.operation, $0.key.provider, $0.key.model) < ($1.key.operation, $1.key.provider, $1.key.model) }
            for (key, series) in models {
                let base = Self.labels(key)
                if series.duration.count > 0 { points.append(.histogram(GenAI.clientOperationDuration, base, series.duration)) }
                for (errorType, failure) in series.failures.sorted(by: { $0.key < $1.key }) {
                    points.append(.histogram(GenAI.clientOperationDuration, base + [(OTelAttributes.errorType, errorType)], failure.duration))
                    points.append(.counter(LLMTraceAttributes.errorsMetric, base + [(OTelAttributes.errorType, errorType)], Double(failure.count)))
                }
                if series.inputTokens.count > 0 { points.append(.histogram(GenAI.clientTokenUsage, base + [(GenAI.tokenType, GenAI.tokenTypeInput)], series.inputTokens)) }
                if series.outputTokens.count > 0 { points.append(.histogram(GenAI.clientTokenUsage, base + [(GenAI.tokenType, GenAI.tokenTypeOutput)], series.outputTokens)) }
                if series.timeToFirstChunk.count > 0 { points.append(.histogram(GenAI.clientOperationTimeToFirstChunk, base, series.timeToFirstChunk)) }
                points.append(.counter(LLMTraceAttributes.requestsMetric, base, Double(series.requests)))
                if series.costNanoUSD > 0 { points.append(.counter(LLMTraceAttributes.costMetric, base, Double(series.costNanoUSD) / 1e9)) }
            }
            for (key, histogram) in state.stages.sorted(by: { ($0.key.step, $0.key.errorType) < ($1.key.step, $1.key.errorType) }) {
                var labels = key.step == Self.overflowKey ? [(Self.overflowKey, "true")] : [(LLMTraceAttributes.ragStep, key.step)]
                if !key.errorType.isEmpty { labels.append((OTelAttributes.errorType, key.errorType)) }
                points.append(.histogram(LLMTraceAttributes.ragStageDurationMetric, labels, histogram))
            }
            return points.map { point in
                var point = point
                point.timeUnixNano = now
                return point
            }
        }
    }

    private static func labels(_ key: ModelKey) -> [(String, String)] {
        if key.operation == overflowKey { return [(overflowKey, "true")] }
        var labels = [(GenAI.operationName, key.operation)]
        if !key.provider.isEmpty { labels.append((GenAI.providerName, key.provider)) }
        if !key.model.isEmpty { labels.append((GenAI.requestModel, key.model)) }
        return labels
    }

    /// Records that went to a metric's overflow series (`otel.metric.overflow=true`) because it
    /// already had `MetricsConfiguration.maxSeriesPerMetric` attribute sets.
    public var overflowRecords: Int { state.withLock { $0.statistics.overflowRecords } }

    /// Total cost counted so far, in USD, summed exactly (in billionths of a dollar).
    public var totalCostUSD: Double {
        state.withLock { state in Double(state.models.values.reduce(0) { $0 + $1.costNanoUSD }) / 1e9 }
    }
}
