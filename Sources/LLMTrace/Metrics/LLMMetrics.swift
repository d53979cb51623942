import Logging

/// The LLM metrics of one provider, aggregated from every span that ends, sampled or not.
///
/// Get it from `TracerProvider.metrics`. It exports itself (OTLP or console, per
/// `MetricsConfiguration.exporters`); an app with its own HTTP server serves
/// `prometheusText()` at `/metrics`. Read what was counted with `snapshot()`.
///
/// Model calls are spans whose `gen_ai.operation.name` is `chat`, `text_completion`,
/// `generate_content` or `embeddings`; pipeline stages are spans with `rag.step`. Other spans
/// cost one attribute scan.
public final class LLMMetrics: Sendable {
    /// Metric names, as exported over OTLP.
    public enum Name {
        /// Tokens per model call, by `gen_ai.token.type` (histogram).
        public static let tokenUsage = "gen_ai.client.token.usage"
        /// Seconds per model call; failures carry `error.type` (histogram).
        public static let operationDuration = "gen_ai.client.operation.duration"
        /// Seconds to the first chunk of a streaming call (histogram).
        public static let timeToFirstChunk = "gen_ai.client.operation.time_to_first_chunk"
        /// Model calls, failed ones included (counter).
        public static let requests = "llmtrace.gen_ai.requests"
        /// Failed model calls by `error.type` (counter).
        public static let errors = "llmtrace.gen_ai.errors"
        /// US dollars spent on model calls (counter).
        public static let cost = "llmtrace.gen_ai.cost"
        /// Seconds per RAG stage, by `rag.step` (histogram).
        public static let ragStageDuration = "llmtrace.rag.stage.duration"
    }

    /// The conventions' advisory bucket boundaries.
    static let tokenBounds: [Double] = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864]
    static let durationBounds: [Double] = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]

    static let modelOperations: Set<String> = ["chat", "text_completion", "generate_content", "embeddings"]
    /// Written on the series that takes records past the series limit (OpenTelemetry SDK spec).
    static let overflowKey = "otel.metric.overflow"

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

    /// What one span carries for the metrics, read in a single pass over its attributes.
    private struct Reading {
        var operation: String?
        var step: String?
        var provider = ""
        var model = ""
        var errorType: String?
        var inputTokens: Double?
        var outputTokens: Double?
        var timeToFirstChunk: Double?
        var cost: Double?

        /// The attributes the metrics read.
        private enum Field: String, CaseIterable {
            case operation = "gen_ai.operation.name"
            case step = "rag.step"
            case provider = "gen_ai.provider.name"
            case model = "gen_ai.request.model"
            case errorType = "error.type"
            case inputTokens = "gen_ai.usage.input_tokens"
            case outputTokens = "gen_ai.usage.output_tokens"
            case timeToFirstChunk = "gen_ai.response.time_to_first_chunk"
            case cost = "gen_ai.usage.cost"
        }

        /// The fields by key length in bytes: every span ends through here, and most of its keys
        /// are none of these, so a length lookup turns them away before any string comparison.
        private static let fieldsByLength: [[Field]] = {
            var table = [[Field]](repeating: [], count: 64)
            for field in Field.allCases { table[field.rawValue.utf8.count].append(field) }
            return table
        }()

        init(_ attributes: Attributes) {
            for attribute in attributes {
                let length = attribute.key.utf8.count
                guard length < 64 else { continue }
                for field in Self.fieldsByLength[length] where field.rawValue == attribute.key {
                    set(field, attribute.value)
                }
            }
        }

        private mutating func set(_ field: Field, _ value: AttributeValue) {
            switch field {
            case .operation: operation = LLMMetrics.string(value)
            case .step: step = LLMMetrics.string(value)
            case .provider: provider = LLMMetrics.string(value) ?? ""
            case .model: model = LLMMetrics.string(value) ?? ""
            case .errorType: errorType = LLMMetrics.string(value)
            case .inputTokens: inputTokens = value.numericValue.flatMap { $0 >= 0 ? $0 : nil }
            case .outputTokens: outputTokens = value.numericValue.flatMap { $0 >= 0 ? $0 : nil }
            case .timeToFirstChunk: timeToFirstChunk = value.numericValue.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
            case .cost: cost = value.numericValue.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
            }
        }
    }

    /// Counts one ended span. Returns an event to add to it when it took the hourly spend over
    /// the budget.
    func record(_ span: SpanData) -> SpanEvent? {
        var reading = Reading(span.attributes)
        let operation = reading.operation.flatMap { Self.modelOperations.contains($0) ? $0 : nil }
        guard operation != nil || reading.step != nil else { return nil }
        if reading.errorType == nil, case .error = span.status { reading.errorType = "_OTHER" }
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
        return SpanEvent(name: "llmtrace.cost_budget.exceeded", timeUnixNano: span.endTimeUnixNano, attributes: [
            "llmtrace.cost_budget.usd_per_hour": .double(crossing.budget),
            "llmtrace.cost.last_hour_usd": .double(Double(crossing.spendNanos) / 1e9),
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

    private static func string(_ value: AttributeValue) -> String? {
        if case .string(let text) = value, !text.isEmpty { return text }
        return nil
    }

    static func usd(_ nanos: Int) -> String { String(Double(nanos) / 1e9) }

    /// Counters of the aggregation itself.
    public var statistics: MetricsStatistics { state.withLock { $0.statistics } }

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
    public func snapshot() -> [MetricPoint] {
        let now = WallClock.nowUnixNano()
        return state.withLock { state in
            var points: [MetricPoint] = []
            let models = state.models.sorted { ($0.key.operation, $0.key.provider, $0.key.model) < ($1.key.operation, $1.key.provider, $1.key.model) }
            for (key, series) in models {
                let base = Self.labels(key)
                if series.duration.count > 0 { points.append(.histogram(Name.operationDuration, base, series.duration)) }
                for (errorType, failure) in series.failures.sorted(by: { $0.key < $1.key }) {
                    points.append(.histogram(Name.operationDuration, base + [("error.type", errorType)], failure.duration))
                    points.append(.counter(Name.errors, base + [("error.type", errorType)], Double(failure.count)))
                }
                if series.inputTokens.count > 0 { points.append(.histogram(Name.tokenUsage, base + [("gen_ai.token.type", "input")], series.inputTokens)) }
                if series.outputTokens.count > 0 { points.append(.histogram(Name.tokenUsage, base + [("gen_ai.token.type", "output")], series.outputTokens)) }
                if series.timeToFirstChunk.count > 0 { points.append(.histogram(Name.timeToFirstChunk, base, series.timeToFirstChunk)) }
                points.append(.counter(Name.requests, base, Double(series.requests)))
                if series.costNanoUSD > 0 { points.append(.counter(Name.cost, base, Double(series.costNanoUSD) / 1e9)) }
            }
            for (key, histogram) in state.stages.sorted(by: { ($0.key.step, $0.key.errorType) < ($1.key.step, $1.key.errorType) }) {
                var labels = key.step == Self.overflowKey ? [(Self.overflowKey, "true")] : [("rag.step", key.step)]
                if !key.errorType.isEmpty { labels.append(("error.type", key.errorType)) }
                points.append(.histogram(Name.ragStageDuration, labels, histogram))
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
        var labels = [("gen_ai.operation.name", key.operation)]
        if !key.provider.isEmpty { labels.append(("gen_ai.provider.name", key.provider)) }
        if !key.model.isEmpty { labels.append(("gen_ai.request.model", key.model)) }
        return labels
    }

    /// Total cost counted so far, in USD, summed exactly (in billionths of a dollar).
    public var totalCostUSD: Double {
        state.withLock { state in Double(state.models.values.reduce(0) { $0 + $1.costNanoUSD }) / 1e9 }
    }
}

/// Counters of the metrics aggregation.
public struct MetricsStatistics: Sendable, Equatable {
    /// Spans that fed at least one metric.
    public var spansCounted = 0
    /// Records that went to the overflow series because a metric had `maxSeriesPerMetric` sets.
    public var overflowRecords = 0
    /// Pushes the receiver took.
    public var exportsSucceeded = 0
    /// Pushes that failed (the next one carries the same cumulative values).
    public var exportsFailed = 0

    /// Creates empty statistics.
    public init() {}
}

/// One series of one metric, as of `timeUnixNano`.
public struct MetricPoint: Sendable {
    /// The instrument behind the series.
    public enum Kind: Sendable, Equatable {
        /// A monotonic sum.
        case counter
        /// A histogram with explicit bucket bounds.
        case histogram
    }

    /// The metric name (`gen_ai.client.token.usage`, ...).
    public var name: String
    /// Counter or histogram.
    public var kind: Kind
    /// The attribute set, in a fixed order.
    public var attributes: [(key: String, value: String)]
    /// A counter's value.
    public var value: Double = 0
    /// A histogram's number of values.
    public var count: UInt64 = 0
    /// A histogram's sum of values.
    public var sum: Double = 0
    /// A histogram's smallest value (meaningful when `count > 0`).
    public var min: Double = 0
    /// A histogram's largest value (meaningful when `count > 0`).
    public var max: Double = 0
    /// A histogram's upper bucket bounds.
    public var bounds: [Double] = []
    /// A histogram's count per bucket: one more than `bounds`, the last open-ended.
    public var bucketCounts: [UInt64] = []
    /// When the value was read.
    public var timeUnixNano: UInt64 = 0

    static func counter(_ name: String, _ attributes: [(String, String)], _ value: Double) -> MetricPoint {
        MetricPoint(name: name, kind: .counter, attributes: attributes.map { (key: $0.0, value: $0.1) }, value: value)
    }

    static func histogram(_ name: String, _ attributes: [(String, String)], _ histogram: Histogram) -> MetricPoint {
        MetricPoint(
            name: name, kind: .histogram, attributes: attributes.map { (key: $0.0, value: $0.1) },
            count: histogram.count, sum: histogram.sum, min: histogram.min, max: histogram.max,
            bounds: histogram.bounds, bucketCounts: histogram.bucketCounts
        )
    }

    /// The value of attribute `key`, if the series has it.
    public func attribute(_ key: String) -> String? { attributes.first { $0.key == key }?.value }
}

/// An explicit-bucket histogram: bucket i counts values in (bounds[i-1], bounds[i]].
struct Histogram {
    let bounds: [Double]
    private(set) var bucketCounts: [UInt64]
    private(set) var count: UInt64 = 0
    private(set) var sum = 0.0
    private(set) var min = Double.infinity
    private(set) var max = -Double.infinity

    init(bounds: [Double]) {
        self.bounds = bounds
        bucketCounts = Array(repeating: 0, count: bounds.count + 1)
    }

    mutating func record(_ value: Double) {
        var index = 0
        while index < bounds.count && value > bounds[index] { index += 1 }
        bucketCounts[index] += 1
        count += 1
        sum += value
        min = Swift.min(min, value)
        max = Swift.max(max, value)
    }
}

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
