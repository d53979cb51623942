/// Settings of the LLM metrics LLMTrace aggregates from every ended span (sampled or not).
///
/// See the README, "LLM metrics". The metrics are counted in the process before sampling, so
/// they are exact whatever the trace sampler keeps.
public struct MetricsConfiguration: Sendable, Equatable {
    /// Where metrics go: `otlp` (pushed as OTLP/HTTP JSON to `otlp.endpoint` every
    /// `exportInterval` and at shutdown), `console` (the Prometheus text on standard error every
    /// `exportInterval`), `prometheus` (nothing pushed: the app serves
    /// `TracerProvider.metrics?.prometheusText()` itself). Empty turns aggregation off.
    /// - Environment: `OTEL_METRICS_EXPORTER` (`otlp`, `console`, `prometheus`, `none`, or a
    ///   comma list). Default: otlp.
    public var exporters: [ExporterKind] = [.otlp]
    /// Time between pushes.
    /// - Environment: `OTEL_METRIC_EXPORT_INTERVAL` (ms). Default: 60 s.
    public var exportInterval: Duration = .seconds(60)
    /// Longest time one push may take, retries included.
    /// - Environment: `OTEL_METRIC_EXPORT_TIMEOUT` (ms). Default: 30 s.
    public var exportTimeout: Duration = .seconds(30)
    /// OTLP settings for metrics: the same rules as for traces, with the `..._METRICS_...`
    /// variables and the `/v1/metrics` path.
    public var otlp: OTLPExporterConfiguration = {
        var otlp = OTLPExporterConfiguration()
        otlp.endpoint = "http://localhost:4318/v1/metrics"
        return otlp
    }()
    /// Most distinct attribute sets per metric; records past it go to one series marked
    /// `otel.metric.overflow=true` and are counted in `LLMMetrics.overflowRecords`.
    /// - Environment: `LLMTRACE_METRICS_MAX_SERIES`. Default: 2000.
    public var maxSeriesPerMetric = 2000
    /// A budget in USD per hour: when the spend of the last hour crosses it, LLMTrace logs a
    /// warning and adds an `llmtrace.cost_budget.exceeded` event to the span that crossed it.
    /// - Environment: `LLMTRACE_COST_BUDGET_USD_PER_HOUR`. Default: none.
    public var costBudgetUSDPerHour: Double?
    /// A budget in USD per hour for each value of `costBudgetKey` (each user, by default): when
    /// one key's spend of the last hour crosses it, LLMTrace logs a warning naming the key, at
    /// most once per key per hour, and adds an `llmtrace.cost_budget.exceeded` event (with
    /// `llmtrace.cost_budget.key`) to the span that crossed it. Only the `costBudgetMaxKeys`
    /// keys that spend the most are tracked, so memory stays bounded however many users there are.
    /// - Environment: `LLMTRACE_COST_BUDGET_USD_PER_HOUR_PER_KEY`. Default: none.
    public var costBudgetUSDPerHourPerKey: Double?
    /// The attribute whose value keys the per-key budget, read from each model call's span. With
    /// the per-key budget on, a baggage entry of this name is copied onto spans started under it
    /// (as `TracingConfiguration.baggageSpanAttributes` does), so a user id set once at the edge
    /// reaches every model call.
    /// - Environment: `LLMTRACE_COST_BUDGET_KEY`. Default: `enduser.id`.
    public var costBudgetKey = OTelAttributes.enduserID
    /// Most keys the per-key budget tracks at once (the heaviest spenders of the hour).
    /// - Environment: `LLMTRACE_COST_BUDGET_MAX_KEYS`. Default: 1000.
    public var costBudgetMaxKeys = 1000
    /// Whether the local root of each trace carries what its model calls in this process cost
    /// and used: `llmtrace.trace.cost` (USD), `llmtrace.trace.input_tokens`,
    /// `llmtrace.trace.output_tokens`. Counted with the metrics, so off when they are.
    /// - Environment: `LLMTRACE_TRACE_TOTALS`. Default: true.
    public var traceTotals = true

    /// The defaults above.
    public init() {}

    /// Whether spans are aggregated at all.
    public var isEnabled: Bool { !exporters.isEmpty || costBudgetUSDPerHour != nil || costBudgetUSDPerHourPerKey != nil }
}
