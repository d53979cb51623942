import Logging

/// Everything a `TracerProvider` is built from.
///
/// Precedence: the defaults, then the environment (`init(environment:)`), then code, which
/// changes properties after `init`. Reading the environment never fails: an invalid value keeps
/// the default and adds one line to `warnings`, which the provider logs once.
public struct TracingConfiguration: Sendable {
    /// Where spans go.
    public enum ExporterKind: String, Sendable, Equatable, CaseIterable {
        /// OTLP/HTTP JSON to `otlp.endpoint`.
        case otlp
        /// One line per span on standard error.
        case console
    }

    /// Header formats for cross-process context.
    public enum PropagatorKind: String, Sendable, Equatable {
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
    /// Exporters; empty means none.
    /// - Environment: `OTEL_TRACES_EXPORTER` (`otlp`, `console`, `none`, or a comma list). Default: otlp.
    public var exporters: [ExporterKind] = [.otlp]
    /// Propagators for `inject`/`extract`.
    /// - Environment: `OTEL_PROPAGATORS`. Default: `tracecontext,baggage`.
    public var propagators: [PropagatorKind] = [.traceContext, .baggage]
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
        warnings = env.warnings
    }

    /// The resource this configuration describes: `service.name`, the `telemetry.sdk.*`
    /// attributes, then `resourceAttributes`.
    public func makeResource() -> Resource {
        var attributes = Attributes()
        let name: String
        if let serviceName {
            name = serviceName
        } else if case .string(let fromAttributes)? = resourceAttributes["service.name"] {
            name = fromAttributes
        } else {
            let executable = CommandLine.arguments.first.map { String($0.split(separator: "/").last ?? "") } ?? ""
            name = executable.isEmpty ? "unknown_service" : "unknown_service:\(executable)"
        }
        attributes["service.name"] = .string(name)
        attributes["telemetry.sdk.name"] = "opentelemetry"
        attributes["telemetry.sdk.language"] = "swift"
        attributes["telemetry.sdk.version"] = .string(LLMTraceVersion.current)
        attributes["telemetry.distro.name"] = "llmtrace"
        for attribute in resourceAttributes where attribute.key != "service.name" {
            attributes[attribute.key] = attribute.value
        }
        return Resource(attributes: attributes)
    }

    private mutating func readGeneral(_ env: inout EnvironmentReader) {
        if let value = env.bool(EnvironmentKey.sdkDisabled) { disabled = value }
        if let pairs = env.keyValueList(EnvironmentKey.resourceAttributes, redactValues: false) {
            for (key, value) in pairs { resourceAttributes[key] = .string(value) }
        }
        if let name = env.string(EnvironmentKey.serviceName) { serviceName = name }
        if let level = env.choice(EnvironmentKey.logLevel, [
            "trace": Logger.Level.trace, "debug": .debug, "info": .info, "warn": .warning,
            "warning": .warning, "error": .error, "critical": .critical, "none": .critical,
        ]) { logLevel = level }

        if let kinds = env.list(EnvironmentKey.tracesExporter, ExporterKind.init(rawValue:), expected: "otlp, console or none") {
            exporters = kinds
        }
        if let kinds = env.list(EnvironmentKey.propagators, PropagatorKind.init(rawValue:), expected: "tracecontext, baggage or none (b3, jaeger, xray are not supported)") {
            propagators = kinds
        }
    }

    private mutating func readSampler(_ env: inout EnvironmentReader) {
        let names = ["always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio"]
        guard let name = env.choice(EnvironmentKey.tracesSampler, Dictionary(uniqueKeysWithValues: names.map { ($0, $0) })) else { return }
        let ratio = name.hasSuffix("traceidratio") ? (env.double(EnvironmentKey.tracesSamplerArg, in: 0...1) ?? 1.0) : 1.0
        switch name {
        case "always_on": sampler = AlwaysOnSampler()
        case "always_off": sampler = AlwaysOffSampler()
        case "traceidratio": sampler = TraceIDRatioBasedSampler(ratio: ratio)
        case "parentbased_always_off": sampler = ParentBasedSampler(root: AlwaysOffSampler())
        case "parentbased_traceidratio": sampler = ParentBasedSampler(root: TraceIDRatioBasedSampler(ratio: ratio))
        default: sampler = ParentBasedSampler(root: AlwaysOnSampler())
        }
    }

    private mutating func readSamplingRules(_ env: inout EnvironmentReader) {
        if let keep = env.bool(EnvironmentKey.samplingKeepErrors) { samplingRules.keepErrors = keep }
        if let slow = env.milliseconds(EnvironmentKey.samplingSlowMilliseconds) {
            samplingRules.slowThreshold = slow == .zero ? nil : slow
        }
        if let value = env.string(EnvironmentKey.samplingAttributeSum) {
            let items = value.split(separator: ",").map { $0.trimmingOWS() }.filter { !$0.isEmpty }
            let parsed = items.compactMap(AttributeSumRule.init(parsing:))
            if parsed.count == items.count {
                samplingRules.attributeSums = parsed
            } else {
                env.warn(EnvironmentKey.samplingAttributeSum, value, expected: "comma-separated key>=number, e.g. gen_ai.usage.cost>=0.5")
            }
        }
        if let cap = env.double(EnvironmentKey.samplingMaxTracesPerSecond, in: 0...1e9) {
            samplingRules.maxTracesPerSecond = cap == 0 ? nil : cap
        }
        if let floor = env.double(EnvironmentKey.samplingRuleTracesPerSecondFloor, in: 1...1e9) {
            samplingRules.ruleTracesPerSecondFloor = floor
        }
        if let wait = env.milliseconds(EnvironmentKey.samplingDecisionWait) { samplingRules.decisionWait = wait }
        if let limit = env.integer(EnvironmentKey.samplingMaxPendingTraces, in: 1...Int(Int32.max)) { samplingRules.maxPendingTraces = limit }
        if let limit = env.integer(EnvironmentKey.samplingMaxSpansPerTrace, in: 1...Int(Int32.max)) { samplingRules.maxSpansPerTrace = limit }
        if let limit = env.integer(EnvironmentKey.samplingMaxPendingSpans, in: 1...Int(Int32.max)) { samplingRules.maxPendingSpans = limit }
        if let age = env.integer(EnvironmentKey.samplingMaxTraceAge, in: 1...Int(Int32.max)) { samplingRules.maxTraceAge = .milliseconds(age) }
    }

    private mutating func readBatch(_ env: inout EnvironmentReader) {
        if let delay = env.milliseconds(EnvironmentKey.bspScheduleDelay) { batch.scheduleDelay = delay }
        if let timeout = env.milliseconds(EnvironmentKey.bspExportTimeout) { batch.exportTimeout = timeout }
        if let size = env.integer(EnvironmentKey.bspMaxQueueSize, in: 1...Int(Int32.max)) { batch.maxQueueSize = size }
        if let size = env.integer(EnvironmentKey.bspMaxExportBatchSize, in: 1...Int(Int32.max)) {
            if size > batch.maxQueueSize {
                env.warn(EnvironmentKey.bspMaxExportBatchSize, String(size), expected: "at most OTEL_BSP_MAX_QUEUE_SIZE (\(batch.maxQueueSize)); clamped to it")
                batch.maxExportBatchSize = batch.maxQueueSize
            } else {
                batch.maxExportBatchSize = size
            }
        } else if batch.maxExportBatchSize > batch.maxQueueSize {
            batch.maxExportBatchSize = batch.maxQueueSize
        }
    }

    private mutating func readLimits(_ env: inout EnvironmentReader) {
        let general = env.integer(EnvironmentKey.attributeCountLimit)
        let generalLength = env.integer(EnvironmentKey.attributeValueLengthLimit)
        if let limit = env.integer(EnvironmentKey.spanAttributeCountLimit) ?? general { limits.attributeCountLimit = limit }
        if let limit = env.integer(EnvironmentKey.spanAttributeValueLengthLimit) ?? generalLength { limits.attributeValueLengthLimit = limit }
        if let limit = env.integer(EnvironmentKey.spanEventCountLimit) { limits.eventCountLimit = limit }
        if let limit = env.integer(EnvironmentKey.spanLinkCountLimit) { limits.linkCountLimit = limit }
        if let limit = env.integer(EnvironmentKey.eventAttributeCountLimit) ?? general { limits.attributePerEventCountLimit = limit }
        if let limit = env.integer(EnvironmentKey.linkAttributeCountLimit) ?? general { limits.attributePerLinkCountLimit = limit }
    }

    private mutating func readOTLP(_ env: inout EnvironmentReader) {
        otlp = Self.readOTLP(&env, signal: .traces, into: otlp)
        if let level = env.integer(EnvironmentKey.otlpGzipLevel, in: 1...9) {
            otlp.gzipLevel = Int32(level)
        }
    }

    private mutating func readMetrics(_ env: inout EnvironmentReader) {
        if let kinds = env.list(EnvironmentKey.metricsExporter, MetricsConfiguration.ExporterKind.init(rawValue:), expected: "otlp, console, prometheus or none") {
            metrics.exporters = kinds
        }
        if let interval = env.integer(EnvironmentKey.metricExportInterval, in: 1...Int(Int32.max)) { metrics.exportInterval = .milliseconds(interval) }
        if let timeout = env.integer(EnvironmentKey.metricExportTimeout, in: 1...Int(Int32.max)) { metrics.exportTimeout = .milliseconds(timeout) }
        if let series = env.integer(EnvironmentKey.metricsMaxSeries, in: 1...1_000_000) { metrics.maxSeriesPerMetric = series }
        if let budget = env.double(EnvironmentKey.costBudgetUSDPerHour, in: 0...1e12), budget > 0 {
            metrics.costBudgetUSDPerHour = budget
        }
        metrics.otlp = Self.readOTLP(&env, signal: .metrics, into: metrics.otlp)
        metrics.otlp.gzipLevel = otlp.gzipLevel
    }

    /// The OTLP settings of one signal: its own `OTEL_EXPORTER_OTLP_<SIGNAL>_*` variables win
    /// over the general `OTEL_EXPORTER_OTLP_*` ones; the general endpoint gets `v1/<signal>`.
    static func readOTLP(_ env: inout EnvironmentReader, signal: OTLPSignal, into base: OTLPExporterConfiguration) -> OTLPExporterConfiguration {
        var otlp = base
        let specific = { (suffix: String) in "OTEL_EXPORTER_OTLP_\(signal.rawValue.uppercased())_\(suffix)" }
        let general = { (suffix: String) in "OTEL_EXPORTER_OTLP_\(suffix)" }
        if let url = env.string(specific("ENDPOINT")) {
            if let hasPath = Self.urlHasPath(url) {
                otlp.endpoint = hasPath ? url : url + "/"
            } else {
                env.warn(specific("ENDPOINT"), Self.redactedURL(url), expected: "an http:// or https:// URL")
            }
        } else if let base = env.string(general("ENDPOINT")) {
            if Self.urlHasPath(base) != nil {
                otlp.endpoint = (base.hasSuffix("/") ? base : base + "/") + "v1/\(signal.rawValue)"
            } else {
                env.warn(general("ENDPOINT"), Self.redactedURL(base), expected: "an http:// or https:// URL")
            }
        }
        if let key = env.firstKey(specific("PROTOCOL"), general("PROTOCOL")),
           let value = env.string(key), value.lowercased() != "http/json" {
            env.warn(key, value, expected: "http/json, the only protocol LLMTrace speaks")
        }
        if let key = env.firstKey(specific("HEADERS"), general("HEADERS")),
           let pairs = env.keyValueList(key, redactValues: true) {
            otlp.headers = pairs.map { OTLPExporterConfiguration.Header(name: $0.0, value: $0.1) }
        }
        if let key = env.firstKey(specific("TIMEOUT"), general("TIMEOUT")),
           let timeout = env.milliseconds(key) {
            otlp.timeout = timeout
        }
        if let key = env.firstKey(specific("COMPRESSION"), general("COMPRESSION")),
           let compression = env.choice(key, ["gzip": OTLPExporterConfiguration.Compression.gzip, "none": .none]) {
            otlp.compression = compression
        }
        if let key = env.firstKey(specific("CERTIFICATE"), general("CERTIFICATE")) {
            otlp.tls.certificateFile = env.string(key)
        }
        if let key = env.firstKey(specific("CLIENT_CERTIFICATE"), general("CLIENT_CERTIFICATE")) {
            otlp.tls.clientCertificateFile = env.string(key)
        }
        if let key = env.firstKey(specific("CLIENT_KEY"), general("CLIENT_KEY")) {
            otlp.tls.clientKeyFile = env.string(key)
        }
        return otlp
    }

    /// `url` fit for a log line: user-info and query, which can carry credentials, are hidden.
    package static func redactedURL(_ url: String) -> String {
        var text = Substring(url)
        var result = ""
        if let scheme = text.range(of: "://") {
            result += text[..<scheme.upperBound]
            text = text[scheme.upperBound...]
            let authorityEnd = text.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? text.endIndex
            if let at = text[..<authorityEnd].lastIndex(of: "@") {
                result += "<redacted>"
                text = text[at...]
            }
        }
        if let query = text.firstIndex(of: "?") {
            let fragment = text[query...].firstIndex(of: "#") ?? text.endIndex
            return result + text[..<query] + "?<redacted>" + text[fragment...]
        }
        return result + text
    }

    /// Whether `url` (of the form `http(s)://host[:port][/path]`) has a path; `nil` if it is not
    /// such a URL.
    static func urlHasPath(_ url: String) -> Bool? {
        let lower = url.lowercased()
        let rest: Substring
        if lower.hasPrefix("http://") { rest = url.dropFirst(7) } else if lower.hasPrefix("https://") { rest = url.dropFirst(8) } else { return nil }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.contains(where: { $0 == " " || $0.isNewline }) else { return nil }
        if let colon = authority.lastIndex(of: ":"), !authority.contains("]") || authority[colon...].contains("]") == false {
            let port = authority[authority.index(after: colon)...]
            guard !port.isEmpty, let number = Int(port), (1...65535).contains(number) else { return nil }
        }
        return rest.count > authority.count
    }
}
