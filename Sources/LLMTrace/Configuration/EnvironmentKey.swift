internal import LLMTraceSupport

/// The environment variables LLMTrace reads, by name.
///
/// The OTLP exporter variables exist once per signal and once for all: `otlp(_:signal:)`
/// builds their names.
enum EnvironmentKey {
    static let sdkDisabled = "OTEL_SDK_DISABLED"
    static let serviceName = "OTEL_SERVICE_NAME"
    static let resourceAttributes = "OTEL_RESOURCE_ATTRIBUTES"
    static let logLevel = "OTEL_LOG_LEVEL"
    static let propagators = "OTEL_PROPAGATORS"
    static let tracesSampler = "OTEL_TRACES_SAMPLER"
    static let tracesSamplerArg = "OTEL_TRACES_SAMPLER_ARG"
    static let tracesExporter = "OTEL_TRACES_EXPORTER"
    static let baggageSpanAttributes = "LLMTRACE_BAGGAGE_SPAN_ATTRIBUTES"

    static let logsExporter = "OTEL_LOGS_EXPORTER"
    static let logRecordAttributeCountLimit = "OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT"
    static let logRecordAttributeValueLengthLimit = "OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT"

    /// A setting of a batch processor, as it appears in its variables' names.
    enum BatchSetting: String {
        case scheduleDelay = "SCHEDULE_DELAY"
        case exportTimeout = "EXPORT_TIMEOUT"
        case maxQueueSize = "MAX_QUEUE_SIZE"
        case maxExportBatchSize = "MAX_EXPORT_BATCH_SIZE"
    }

    /// `OTEL_BSP_<SETTING>` (the span processor) or, for `logs`, `OTEL_BLRP_<SETTING>`.
    static func batch(_ setting: BatchSetting, logs: Bool = false) -> String {
        "OTEL_\(logs ? "BLRP" : "BSP")_\(setting.rawValue)"
    }

    static let attributeValueLengthLimit = "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT"
    static let attributeCountLimit = "OTEL_ATTRIBUTE_COUNT_LIMIT"
    static let spanAttributeValueLengthLimit = "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT"
    static let spanAttributeCountLimit = "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT"
    static let spanEventCountLimit = "OTEL_SPAN_EVENT_COUNT_LIMIT"
    static let spanLinkCountLimit = "OTEL_SPAN_LINK_COUNT_LIMIT"
    static let eventAttributeCountLimit = "OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT"
    static let linkAttributeCountLimit = "OTEL_LINK_ATTRIBUTE_COUNT_LIMIT"

    static let otlpGzipLevel = "LLMTRACE_OTLP_GZIP_LEVEL"
    static let exportQueueMaxBytes = "LLMTRACE_EXPORT_QUEUE_MAX_BYTES"
    static let exportConcurrency = "LLMTRACE_EXPORT_CONCURRENCY"
    static let spoolDirectory = "LLMTRACE_SPOOL_DIR"
    static let spoolMaxBytes = "LLMTRACE_SPOOL_MAX_BYTES"

    static let metricsExporter = "OTEL_METRICS_EXPORTER"
    static let metricExportInterval = "OTEL_METRIC_EXPORT_INTERVAL"
    static let metricExportTimeout = "OTEL_METRIC_EXPORT_TIMEOUT"
    static let metricsMaxSeries = "LLMTRACE_METRICS_MAX_SERIES"
    static let costBudgetUSDPerHour = "LLMTRACE_COST_BUDGET_USD_PER_HOUR"
    static let costBudgetUSDPerHourPerKey = "LLMTRACE_COST_BUDGET_USD_PER_HOUR_PER_KEY"
    static let costBudgetKey = "LLMTRACE_COST_BUDGET_KEY"
    static let costBudgetMaxKeys = "LLMTRACE_COST_BUDGET_MAX_KEYS"
    static let traceTotals = "LLMTRACE_TRACE_TOTALS"

    static let samplingKeepErrors = "LLMTRACE_SAMPLING_KEEP_ERRORS"
    static let samplingSlowMilliseconds = "LLMTRACE_SAMPLING_SLOW_MS"
    static let samplingAttributeSum = "LLMTRACE_SAMPLING_ATTRIBUTE_SUM"
    static let samplingCostUSD = "LLMTRACE_SAMPLING_COST_USD"
    static let samplingTokens = "LLMTRACE_SAMPLING_TOKENS"
    static let samplingTimeToFirstChunk = "LLMTRACE_SAMPLING_TIME_TO_FIRST_CHUNK_MS"
    static let samplingFinishReasons = "LLMTRACE_SAMPLING_FINISH_REASONS"
    static let samplingEvaluationBelow = "LLMTRACE_SAMPLING_EVALUATION_BELOW"
    static let samplingKeepFailedEvaluations = "LLMTRACE_SAMPLING_KEEP_FAILED_EVALUATIONS"
    static let samplingMaxTracesPerSecond = "LLMTRACE_SAMPLING_MAX_TRACES_PER_SECOND"
    static let samplingRuleTracesPerSecondFloor = "LLMTRACE_SAMPLING_RULE_TRACES_PER_SECOND_FLOOR"
    static let samplingDecisionWait = "LLMTRACE_SAMPLING_DECISION_WAIT_MS"
    static let samplingMaxPendingTraces = "LLMTRACE_SAMPLING_MAX_PENDING_TRACES"
    static let samplingMaxSpansPerTrace = "LLMTRACE_SAMPLING_MAX_SPANS_PER_TRACE"
    static let samplingMaxPendingBytes = "LLMTRACE_SAMPLING_MAX_PENDING_BYTES"
    static let samplingMaxPendingSpans = "LLMTRACE_SAMPLING_MAX_PENDING_SPANS"
    static let samplingMaxTraceAge = "LLMTRACE_SAMPLING_MAX_TRACE_AGE_MS"

    /// A setting of the OTLP exporter, as it appears in its variables' names.
    enum OTLPSetting: String {
        case endpoint = "ENDPOINT"
        case `protocol` = "PROTOCOL"
        case headers = "HEADERS"
        case timeout = "TIMEOUT"
        case compression = "COMPRESSION"
        case certificate = "CERTIFICATE"
        case clientCertificate = "CLIENT_CERTIFICATE"
        case clientKey = "CLIENT_KEY"
    }

    /// The variable of an OTLP exporter setting: `OTEL_EXPORTER_OTLP_<SETTING>` for every
    /// signal, or `OTEL_EXPORTER_OTLP_<SIGNAL>_<SETTING>` for one (which wins where both are set).
    static func otlp(_ setting: OTLPSetting, signal: OTLPSignal? = nil) -> String {
        guard let signal else { return "OTEL_EXPORTER_OTLP_\(setting.rawValue)" }
        return "OTEL_EXPORTER_OTLP_\(signal.rawValue.uppercased())_\(setting.rawValue)"
    }
}
