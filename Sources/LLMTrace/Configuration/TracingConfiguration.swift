internal import LLMTraceSupport
import Logging

/// Everything a `TracerProvider` is built from.
///
/// Precedence: the defaults, then the environment (`init(environment:)`), then code, which
/// changes properties after `init`. Reading the environment never fails: an invalid value keeps
/// the default and adds one line to `warnings`, which the provider logs once.
public struct TracingConfiguration: Sendable {
    /// Header formats for cross-process context.
    enum PropagatorKind: String, Sendable, Equatable {
        /// W3C `traceparent` and `tracestate`.
        case traceContext = "tracecontext"
        /// W3C `baggage`: accepted in the list for compatibility; LLMTrace does not carry baggage.
        case baggage
    }

    /// Turns tracing off: spans record nothing, propagation still works.
    /// - Environment: `OTEL_SDK_DISABLED`. Default: false.
    public var disabled = false
    /// `service.name`; set in code it wins over everything.
    /// - Environment: `OTEL_SERVICE_NAME` (wins over `service.name` in `OTEL_RESOURCE_ATTRIBUTES`).
    ///   Default: `unknown_service:<executable>`.
    public var serviceName: String?
    /// More resource attributes (`service.version`, `deployment.environment.name`, ...).
    /// - Environment: `OTEL_RESOURCE_ATTRIBUTES` (`k=v,k=v`, percent-encoded).
    public var resourceAttributes = Attributes()
    /// Decides at span start which spans are recorded and sampled.
    /// - Environment: `OTEL_TRACES_SAMPLER`, `OTEL_TRACES_SAMPLER_ARG`. Default: `parentbased_always_on`.
    public var sampler: any Sampler = ParentBasedSampler(root: AlwaysOnSampler())
    /// Rules that keep whole traces by what happened in them (errors, slow, costly), decided
    /// when the trace is complete in this process.
    /// - Environment: `LLMTRACE_SAMPLING_*`. Default: errors kept, other rules off.
    public var samplingRules = SamplingRules()
    /// Batch processor settings.
    public var batch = BatchConfiguration()
    /// Span limits.
    public var limits = SpanLimits()
    /// OTLP exporter settings.
    public var otlp = OTLPExporterConfiguration()
    /// LLM metrics aggregated from every span (tokens, cost, latency, errors).
    /// - Environment: `OTEL_METRICS_EXPORTER`, `OTEL_METRIC_EXPORT_*`, `OTEL_EXPORTER_OTLP_METRICS_*`,
    ///   `LLMTRACE_METRICS_MAX_SERIES`, `LLMTRACE_COST_BUDGET_USD_PER_HOUR`. Default: OTLP, every 60 s.
    public var metrics = MetricsConfiguration()
    /// Log records: swift-log lines through `TracerProvider.logHandler(label:)` and GenAI events.
    /// - Environment: `OTEL_LOGS_EXPORTER`, `OTEL_BLRP_*`, `OTEL_EXPORTER_OTLP_LOGS_*`,
    ///   `OTEL_LOGRECORD_ATTRIBUTE_*`. Default: OTLP, batched every second.
    public var logs = LogsConfiguration()
    /// Where spans go: `otlp` (OTLP/HTTP JSON to `otlp.endpoint`), `console` (one line per span
    /// on standard error); empty means nowhere. `prometheus` is for metrics and ignored here.
    /// - Environment: `OTEL_TRACES_EXPORTER` (`otlp`, `console`, `none`, or a comma list). Default: otlp.
    public var exporters: [ExporterKind] = [.otlp]
    /// Propagators for `inject`/`extract`.
    /// - Environment: `OTEL_PROPAGATORS`. Default: `tracecontext,baggage`.
    var propagators: [PropagatorKind] = [.traceContext, .baggage]
    /// Baggage entries copied onto every span started where they are current, as string
    /// attributes of the same name (for example `session.id`, `enduser.id`,
    /// `gen_ai.conversation.id`). Baggage comes from callers: copy only keys you expect, and
    /// nothing secret.
    /// - Environment: `LLMTRACE_BAGGAGE_SPAN_ATTRIBUTES` (comma list). Default: none.
    public var baggageSpanAttributes: [String] = []
    /// The level of LLMTrace's own log.
    /// - Environment: `OTEL_LOG_LEVEL`. Default: info.
    public var logLevel = Logger.Level.info
    /// What was wrong with the environment, one line per variable.
    public private(set) var warnings: [String] = []

    /// The defaults.
    public init() {}

    /// The defaults, overridden by each valid value in `environment`.
    public init(environment: [String: String]) {
        self.init()
        var env = EnvironmentReader(environment)
        readGeneral(&env)
        readSampler(&env)
        readSamplingRules(&env)
        readBatch(&env)
        readLimits(&env)
        readOTLP(&env)
        readMetrics(&env)
        readLogs(&env)
        warnings = env.warnings
    }

    /// The resource this configuration describes: `service.name`, the `telemetry.sdk.*`
    /// attributes, then `resourceAttributes`.
    public func makeResource() -> Resource {
        var attributes = Attributes()
        let name: String
        if let serviceName {
            name = serviceName
        } else if case .string(let fromAttributes)? = resourceAttributes[OTelAttributes.serviceName] {
            name = fromAttributes
        } else {
            let executable = CommandLine.arguments.first.map { String($0.split(separator: "/").last ?? "") } ?? ""
            name = executable.isEmpty ? "unknown_service" : "unknown_service:\(executable)"
        }
        attributes[OTelAttributes.serviceName] = .string(name)
        attributes[OTelAttributes.telemetrySDKName] = "opentelemetry"
        attributes[OTelAttributes.telemetrySDKLanguage] = "swift"
        attributes[OTelAttributes.telemetrySDKVersion] = .string(TracerProvider.sdkVersion)
        attributes[OTelAttributes.telemetryDistroName] = "llmtrace"
        for attribute in resourceAttributes where attribute.key != OTelAttributes.serviceName {
            attributes[attribute.key] = attribute.value
        }
        return Resource(attributes: attributes)
    }
}
