import Logging
internal import LLMTraceSupport

/// The LLM metrics of one provider, aggregated from every span that ends, sampled or not.
///
/// Get it from `TracerProvider.metrics`. It exports itself (OTLP or console, per
/// `MetricsConfiguration.exporters`); an app with its own HTTP server serves
/// `prometheusText()` at `/metrics`.
///
/// Model calls are spans whose `gen_ai.operation.name` is `chat`, `text_completion`,
/// `generate_content` or `embeddings`; agent runs are `invoke_agent` and `invoke_workflow`
/// spans, tool calls `execute_tool` spans; pipeline stages are spans with `rag.step`; scores come
/// from `gen_ai.evaluation.result` span events. Other spans cost one attribute scan.
public final class LLMMetrics: Sendable {
    /// The conventions' advisory bucket boundaries.
    static let tokenBounds: [Double] = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864]
    static let durationBounds: [Double] = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]
    /// The conventions' advisory boundaries for the time per output chunk.
    static let chunkBounds: [Double] = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5]
    /// Evaluation scores are conventionally 0...1; tenths show a drift from 0.9 to 0.7.
    static let scoreBounds: [Double] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]

    /// Written on the series that takes records past the series limit (OpenTelemetry SDK spec).
    static let overflowKey = OTelAttributes.metricOverflow

    let configuration: MetricsConfiguration
    let resource: Resource
    /// When aggregation began: the start of every cumulative series.
    let startTimeUnixNano: UInt64
    private let state: Locked<State>
    private let costBudgets: CostBudgets?
    /// `nil` when `MetricsConfiguration.traceTotals` is off.
    let traceTotals: TraceTotals?

    /// The attribute set of a model-call series.
    struct ModelKey: Hashable {
        var operation: String
        var provider: String
        var model: String
    }

    /// Everything counted for one model-call attribute set: one lookup per span.
    ///
    /// Only touched under the metrics' lock, so the runtime's exclusivity checks are off.
    final class ModelSeries {
        @exclusivity(unchecked) var duration = Histogram(bounds: durationBounds)
        @exclusivity(unchecked) var inputTokens = Histogram(bounds: tokenBounds)
        @exclusivity(unchecked) var outputTokens = Histogram(bounds: tokenBounds)
        @exclusivity(unchecked) var timeToFirstChunk = Histogram(bounds: durationBounds)
        @exclusivity(unchecked) var timePerOutputChunk = Histogram(bounds: chunkBounds)
        @exclusivity(unchecked) var requests = 0
        @exclusivity(unchecked) var costNanoUSD = 0
        @exclusivity(unchecked) var failures: [String: Failure] = [:]
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

    /// The label values of one histogram series other than a model call's (a RAG stage, an
    /// agent run, a tool call, an evaluation), in the order of its family's `labelKeys`; empty
    /// values are left out of the labels. Four stored strings, not an array: one is made for
    /// every span that ends, and must not allocate.
    struct SeriesKey: Hashable {
        // Four fields rather than one tuple: a tuple's type metadata is made at run time, and
        // the key's destruction went through it (some 40 instructions a key).
        var first: String
        var second: String
        var third: String
        var fourth: String
        var isOverflow = false

        init(_ a: String, _ b: String, _ c: String = "", _ d: String = "") {
            first = a
            second = b
            third = c
            fourth = d
        }

        static let overflow: SeriesKey = {
            var key = SeriesKey("", "")
            key.isOverflow = true
            return key
        }()

        var array: [String] { [first, second, third, fourth] }
    }

    /// The histograms of one metric, bounded to `maxSeriesPerMetric` series.
    struct HistogramFamily {
        let name: String
        let labelKeys: [String]
        let bounds: [Double]
        private var indexByKey: [SeriesKey: Int] = [:]
        private var keys: [SeriesKey] = []
        private var histograms: [Histogram] = []
        // Spans of one kind tend to come with the same labels again: comparing with the last
        // key (identical strings compare as two words) skips hashing four strings.
        private var lastIndex: Int?

        init(_ name: String, labelKeys: [String], bounds: [Double]) {
            self.name = name
            self.labelKeys = labelKeys
            self.bounds = bounds
        }

        /// Records `value` under `key`, or under the overflow series (counted in `overflows`)
        /// when the family is full.
        mutating func record(_ value: Double, _ key: SeriesKey, limit: Int, overflows: inout Int) {
            // Compared in place: copying the key out of the array retains and releases its strings.
            if let lastIndex, keys.withUnsafeBufferPointer({ $0[lastIndex] == key }) {
                histograms[lastIndex].record(value)
                return
            }
            var key = key
            if indexByKey[key] == nil && indexByKey.count >= limit {
                key = .overflow
                overflows += 1
            }
            let index: Int
            if let existing = indexByKey[key] {
                index = existing
            } else {
                index = histograms.count
                indexByKey[key] = index
                keys.append(key)
                histograms.append(Histogram(bounds: bounds))
            }
            histograms[index].record(value)
            // The overflow series is never the cached one: the next record under a new key must
            // be counted as an overflow again.
            lastIndex = key.isOverflow ? nil : index
        }

        func points() -> [MetricPoint] {
            zip(keys, histograms).sorted { $0.0.array.lexicographicallyPrecedes($1.0.array) }.map { key, histogram in
                guard !key.isOverflow else { return .histogram(name, [(LLMMetrics.overflowKey, "true")], histogram) }
                let labels = zip(labelKeys, key.array).filter { !$0.1.isEmpty }.map { ($0.0, $0.1) }
                return .histogram(name, labels, histogram)
            }
        }
    }

    private struct State {
        var models: [ModelKey: ModelSeries] = [:]
        /// The series of the last model call: most apps call one or two models, and comparing
        /// three identical strings costs less than hashing them.
        // Apart, not as an optional pair: comparing with the key in place copies nothing.
        var lastModelKey = ModelKey(operation: "", provider: "", model: "")
        var lastModelSeries: ModelSeries?
        var errorSeries = 0
        var stages = HistogramFamily(LLMTraceAttributes.ragStageDurationMetric, labelKeys: [LLMTraceAttributes.ragStep, OTelAttributes.errorType], bounds: durationBounds)
        var agents = HistogramFamily(GenAI.invokeAgentDuration, labelKeys: [GenAI.operationName, GenAI.agentName, GenAI.providerName, OTelAttributes.errorType], bounds: durationBounds)
        var tools = HistogramFamily(GenAI.executeToolDuration, labelKeys: [GenAI.toolName, GenAI.toolType, OTelAttributes.errorType], bounds: durationBounds)
        var evaluations = HistogramFamily(LLMTraceAttributes.evaluationScoreMetric, labelKeys: [GenAI.evaluationName, GenAI.requestModel], bounds: scoreBounds)
        var statistics = MetricsStatistics()
    }

    init(configuration: MetricsConfiguration, resource: Resource, logger: Logger) {
        self.configuration = configuration
        self.resource = resource
        self.startTimeUnixNano = WallClock.nowUnixNano()
        self.state = Locked(State())
        self.costBudgets = CostBudgets(configuration, logger: logger)
        self.traceTotals = configuration.traceTotals ? TraceTotals() : nil
    }

    /// What counting one span found: the model call it is, for the trace totals, and what it
    /// cost, for the budgets. Plain values: nothing to release when it goes.
    struct Recorded {
        var call: TraceTotals.Sum?
        var costNanoUSD = 0
    }

    /// Counts one ended span.
    func record(_ span: SpanData) -> Recorded {
        guard SpanReading.mayCount(span.attributes) || !span.events.isEmpty else { return Recorded() }
        let reading = SpanReading(span.attributes, status: span.status)
        let named = reading.operation(in: span.attributes)
        let kind = named.map(Self.kind(of:)) ?? .other
        let operation = kind == .modelCall ? named : nil
        let run = kind == .agentRun || kind == .toolCall ? named : nil
        let scores = Self.evaluationScores(span.events)
        guard operation != nil || run != nil || reading.step(in: span.attributes) != nil || !scores.isEmpty else { return Recorded() }
        let seconds = Double(span.durationNanos) / 1e9
        let costNanos = operation != nil ? reading.cost(in: span.attributes).map { Int(($0 * 1e9).rounded()) } ?? 0 : 0
        let limit = configuration.maxSeriesPerMetric
        state.withLock { state in
            if let operation {
                let series = modelSeries(ModelKey(operation: operation, provider: reading.provider(in: span.attributes), model: reading.model(in: span.attributes)), &state)
                series.requests += 1
                series.costNanoUSD += costNanos
                if let input = reading.inputTokens(in: span.attributes) { series.inputTokens.record(input) }
                if let output = reading.outputTokens(in: span.attributes) { series.outputTokens.record(output) }
                if let ttft = reading.timeToFirstChunk(in: span.attributes) { series.timeToFirstChunk.record(ttft) }
                if var errorType = reading.errorType(in: span.attributes) {
                    if series.failures[errorType] == nil {
                        if state.errorSeries < limit {
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
            let errorType = reading.errorType(in: span.attributes) ?? ""
            if kind == .toolCall {
                state.tools.record(seconds, SeriesKey(reading.toolName(in: span.attributes), reading.toolType(in: span.attributes), errorType), limit: limit, overflows: &state.statistics.overflowRecords)
            } else if let run {
                state.agents.record(seconds, SeriesKey(run, reading.agentName(in: span.attributes), reading.provider(in: span.attributes), errorType), limit: limit, overflows: &state.statistics.overflowRecords)
            }
            if let step = reading.step(in: span.attributes) {
                state.stages.record(seconds, SeriesKey(step, errorType), limit: limit, overflows: &state.statistics.overflowRecords)
            }
            for (name, score) in scores {
                state.evaluations.record(score, SeriesKey(name, reading.model(in: span.attributes)), limit: limit, overflows: &state.statistics.overflowRecords)
            }
            state.statistics.spansCounted += 1
        }
        var recorded = Recorded(costNanoUSD: costNanos)
        if operation != nil {
            recorded.call = TraceTotals.Sum(
                costNanoUSD: costNanos, inputTokens: Self.count(reading.inputTokens(in: span.attributes)), outputTokens: Self.count(reading.outputTokens(in: span.attributes))
            )
        }
        return recorded
    }

    /// Charges a span's cost to the budgets: the `llmtrace.cost_budget.exceeded` events to add
    /// to it, for each budget it took over; none when no budget is set.
    func chargeBudgets(_ costNanoUSD: Int, of span: SpanData) -> [SpanEvent] {
        guard costNanoUSD > 0, let costBudgets else { return [] }
        return costBudgets.charge(costNanoUSD, of: span)
    }

    /// A token count read as a double, as a whole number.
    private static func count(_ value: Double?) -> Int {
        guard let value, value.isFinite, value >= 0 else { return 0 }
        return value < 9e18 ? Int(value) : Int.max / 4
    }

    /// One interval between streamed chunks of a model call, under the call's model series.
    func recordTimePerOutputChunk(_ seconds: Double, operation: String, provider: String, model: String) {
        guard seconds.isFinite, seconds >= 0, Self.isModelCall(operation) else { return }
        state.withLock { state in
            modelSeries(ModelKey(operation: operation, provider: provider, model: model), &state).timePerOutputChunk.record(seconds)
        }
    }

    /// What the metrics count a span of an operation as.
    enum OperationKind {
        /// One of `GenAI.modelCallOperations`.
        case modelCall
        /// An agent run (workflows are in-process agents since the conventions' v0.1.0).
        case agentRun
        /// A tool call.
        case toolCall
        /// Anything else: retrieval, reranking, an operation of the application's own.
        case other
    }

    /// The kind of `operation`, without hashing it: its byte count leaves at most two names to
    /// compare it with, byte for byte (Swift's `==` on two different strings takes its slow,
    /// Unicode-aware path even for short ones).
    static func kind(of operation: String) -> OperationKind {
        switch operation.utf8.count {
        case 4: operation.hasSameUTF8(as: GenAI.operationChat) ? .modelCall : .other
        case 10: operation.hasSameUTF8(as: GenAI.operationEmbeddings) ? .modelCall : .other
        case 12:
            operation.hasSameUTF8(as: GenAI.operationInvokeAgent) ? .agentRun
                : operation.hasSameUTF8(as: GenAI.operationExecuteTool) ? .toolCall : .other
        case 15:
            operation.hasSameUTF8(as: GenAI.operationTextCompletion) ? .modelCall
                : operation.hasSameUTF8(as: GenAI.operationInvokeWorkflow) ? .agentRun : .other
        case 16: operation.hasSameUTF8(as: GenAI.operationGenerateContent) ? .modelCall : .other
        default: .other
        }
    }

    /// Whether `operation` is one of `GenAI.modelCallOperations`.
    static func isModelCall(_ operation: String) -> Bool { kind(of: operation) == .modelCall }

    /// The named, finite scores of a span's `gen_ai.evaluation.result` events.
    static func evaluationScores(_ events: [SpanEvent]) -> [(name: String, score: Double)] {
        guard !events.isEmpty else { return [] }
        return events.compactMap { event in
            guard event.name == GenAI.evaluationResultEvent,
                  let name = event.attributes[GenAI.evaluationName].flatMap(string),
                  let score = event.attributes[GenAI.evaluationScoreValue]?.numericValue, score.isFinite
            else { return nil }
            return (name, score)
        }
    }

    private func modelSeries(_ key: ModelKey, _ state: inout State) -> ModelSeries {
        if let series = state.lastModelSeries, state.lastModelKey == key { return series }
        if let series = state.models[key] {
            state.lastModelKey = key
            state.lastModelSeries = series
            return series
        }
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
                if series.timePerOutputChunk.count > 0 { points.append(.histogram(GenAI.clientOperationTimePerOutputChunk, base, series.timePerOutputChunk)) }
                points.append(.counter(LLMTraceAttributes.requestsMetric, base, Double(series.requests)))
                if series.costNanoUSD > 0 { points.append(.counter(LLMTraceAttributes.costMetric, base, Double(series.costNanoUSD) / 1e9)) }
            }
            points += state.stages.points() + state.agents.points() + state.tools.points() + state.evaluations.points()
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
