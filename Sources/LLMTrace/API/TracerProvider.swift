import Dispatch
internal import LLMTraceSupport
import Logging

/// The root of LLMTrace in an app: owns the resource, the sampler, the processors and exporters,
/// and hands out tracers.
///
/// Make one at start-up, from the environment or from code, and shut it down before exit so
/// that queued spans are sent:
///
/// ```swift
/// let provider = TracerProvider(environment: ProcessInfo.processInfo.environment)
/// TracerProvider.bootstrap(provider)          // optional: makes it the global one
/// let tracer = provider.tracer("my-service")
/// // ...
/// _ = provider.shutdown(timeout: .seconds(5))
/// ```
///
/// Libraries should accept a `Tracer` or `TracerProvider` from their caller and fall back to
/// `TracerProvider.global`, never build their own.
public final class TracerProvider: Sendable {
    /// The version of LLMTrace, reported as `telemetry.sdk.version` and in the `User-Agent`.
    public static let sdkVersion = SDKVersion.current

    /// The configuration the provider was built from.
    public let configuration: TracingConfiguration
    /// The resource on every span.
    public let resource: Resource
    /// Injects and extracts cross-process context, as `OTEL_PROPAGATORS` chose (W3C Trace
    /// Context by default).
    let propagator: any TextMapPropagator
    /// The exporting processors at the end of the chain (the ones you passed, or one batch
    /// processor per configured exporter).
    public let processors: [any SpanProcessor]
    /// The LLM metrics aggregated from every span; `nil` when `OTEL_METRICS_EXPORTER=none` (and
    /// no cost budget) or the provider is disabled.
    public let metrics: LLMMetrics?
    let pipeline: SpanPipeline?
    /// Log records (swift-log lines, GenAI events), made on first use.
    let logs: LogPipelineSource
    let tailSampling: TailSamplingProcessor?
    private let rateLimit: RateLimitedSampler?
    private let scopes = Locked<[String: InstrumentationScope]>([:])
    private let shutdownFinished = Latch<Bool>()
    let signalSources = Locked<[any DispatchSourceSignal]>([])

    /// Builds a provider.
    /// - Parameters:
    ///   - configuration: Resource, sampler, limits, exporters.
    ///   - processors: Replaces the processors `configuration.exporters` would make (for tests,
    ///     or a custom pipeline); they sit at the end of the chain.
    ///   - logExporters: Replaces the log record exporters `configuration.logs.exporters` would
    ///     make (for tests, or another destination).
    ///   - logger: LLMTrace's own diagnostics. Its level is set from `configuration.logLevel`.
    ///
    /// A span's end goes through a chain: the LLM metrics (when on), then the sampling rules
    /// (when active, the default: errors are kept), which hold each trace until its local root
    /// ends and keep or drop it whole, then the exporting processors.
    public convenience init(
        configuration: TracingConfiguration = TracingConfiguration(),
        processors: [any SpanProcessor]? = nil,
        logExporters: [any LogRecordExporter]? = nil,
        logger: Logger = Logger(label: "llmtrace")
    ) {
        self.init(configuration: configuration, processors: processors, logExporters: logExporters, idGenerator: RandomIDGenerator(), logger: logger, clock: WallClock.monotonicNanos)
    }

    /// A provider whose sampling rules and ratio cap read `clock` (monotonic nanoseconds), for
    /// `LLMTraceTesting`'s manual clock; `nil` reads the real one.
    @_spi(Testing)
    public convenience init(configuration: TracingConfiguration, processors: [any SpanProcessor]?, logExporters: [any LogRecordExporter]? = nil, logger: Logger, clock: (@Sendable () -> UInt64)?) {
        self.init(configuration: configuration, processors: processors, logExporters: logExporters, idGenerator: RandomIDGenerator(), logger: logger, clock: clock ?? WallClock.monotonicNanos)
    }

    /// The designated initializer; tests inject the id source and `clock` (monotonic
    /// nanoseconds), which drives the sampling rules' waits and ages and the ratio cap.
    init(
        configuration: TracingConfiguration,
        processors: [any SpanProcessor]?,
        logExporters: [any LogRecordExporter]? = nil,
        idGenerator: any IDGenerator,
        logger: Logger,
        clock: @escaping @Sendable () -> UInt64
    ) {
        var logger = logger
        logger.logLevel = configuration.logLevel
        self.configuration = configuration
        let resource = configuration.makeResource()
        self.resource = resource
        logs = LogPipelineSource { [logger] in
            guard !configuration.disabled else { return nil }
            let exporters = logExporters ?? LogPipeline.exporters(for: configuration.logs, logger: logger)
            guard !exporters.isEmpty else { return nil }
            return LogPipeline(exporters: exporters, configuration: configuration.logs, resource: resource, logger: logger)
        }
        for warning in configuration.warnings { logger.warning("\(warning)") }
        self.propagator = CompositePropagator(configuration.propagators.contains(.traceContext) ? [W3CTraceContextPropagator()] : [])

        guard !configuration.disabled else {
            self.processors = []
            self.pipeline = nil
            self.tailSampling = nil
            self.rateLimit = nil
            self.metrics = nil
            return
        }
        let exporting = processors ?? configuration.exporters.compactMap { kind -> (any SpanProcessor)? in
            let exporter: any SpanExporter
            switch kind {
            case .otlp: exporter = OTLPHTTPExporter(configuration: configuration.otlp, logger: logger)
            case .console: exporter = ConsoleSpanExporter()
            case .prometheus:
                logger.warning("exporter prometheus is for metrics; ignored for traces")
                return nil
            }
            return BatchSpanProcessor(exporter: exporter, configuration: configuration.batch, logger: logger)
        }
        self.processors = exporting

        // The chain, built from its end: exporting processors, sampling rules, LLM metrics.
        var head: any SpanProcessor = ProcessorGroup(exporting)
        var sampler = configuration.sampler
        var rateLimit: RateLimitedSampler?
        if configuration.samplingRules.isActive {
            let stage = TailSamplingProcessor(rules: configuration.samplingRules, next: head, logger: logger, attributeCountLimit: configuration.limits.attributeCountLimit, clock: clock)
            head = stage
            self.tailSampling = stage
            if let cap = configuration.samplingRules.maxTracesPerSecond, cap > 0 {
                let capped = RateLimitedSampler(sampler, tracesPerSecond: cap, clock: clock)
                rateLimit = capped
                sampler = capped
            }
        } else {
            self.tailSampling = nil
        }
        self.rateLimit = rateLimit
        if configuration.metrics.isEnabled {
            let metrics = LLMMetrics(configuration: configuration.metrics, resource: resource, logger: logger)
            let reader = MetricsReader(metrics: metrics, configuration: configuration.metrics, logger: logger)
            head = LLMMetricsProcessor(metrics: metrics, reader: reader, next: head, eventCountLimit: configuration.limits.eventCountLimit, attributeCountLimit: configuration.limits.attributeCountLimit)
            self.metrics = metrics
        } else {
            self.metrics = nil
        }
        if head.needsUnsampledSpans {
            // The sampling rules decide whole traces: a local child follows its parent there.
            sampler = AlwaysRecordSampler(sampler, followsLocalParent: tailSampling != nil)
        }
        self.pipeline = SpanPipeline(
            resource: resource, limits: configuration.limits, sampler: sampler, idGenerator: idGenerator, head: head,
            baggageAttributeKeys: Self.baggageAttributeKeys(configuration), metrics: metrics
        )
    }

    /// The baggage entries copied onto spans: the configured ones, plus the per-key cost
    /// budget's key when that budget is on, so a user id set in baggage at the edge keys it.
    private static func baggageAttributeKeys(_ configuration: TracingConfiguration) -> [String] {
        var keys = configuration.baggageSpanAttributes
        if configuration.metrics.costBudgetUSDPerHourPerKey != nil, !keys.contains(configuration.metrics.costBudgetKey) {
            keys.append(configuration.metrics.costBudgetKey)
        }
        return keys
    }

    /// Builds a provider from environment variables (pass `ProcessInfo.processInfo.environment`).
    public convenience init(environment: [String: String], logger: Logger = Logger(label: "llmtrace")) {
        self.init(configuration: TracingConfiguration(environment: environment), logger: logger)
    }

    /// A tracer for the scope `name` (your library or module), optionally versioned.
    public func tracer(_ name: String, version: String? = nil) -> Tracer {
        // `nil` and "" are different versions: the key tells them apart.
        let key = "\(name)\u{0}\(version.map { "v" + $0 } ?? "")"
        let scope = scopes.withLock { scopes in
            if let existing = scopes[key] { return existing }
            let scope = InstrumentationScope(name: name, version: version)
            scopes[key] = scope
            return scope
        }
        return Tracer(scope: scope, propagator: propagator, propagatesBaggage: configuration.propagators.contains(.baggage), pipeline: pipeline, logs: logs)
    }

    /// Exports every span ended before the call.
    /// - Returns: whether every processor finished within `timeout`.
    @discardableResult
    public func forceFlush(timeout: Duration = .seconds(30)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        let spans = pipeline?.head.forceFlush(timeout: timeout) ?? true
        let records = logs.existing?.forceFlush(timeout: max(.zero, deadline - .now)) ?? true
        return spans && records
    }

    /// Flushes and stops every processor; spans started afterwards record nothing.
    ///
    /// A call made while another is in progress (say, a signal handler's while `main` shuts
    /// down) waits for that one, up to its own timeout; a call after it returns the first
    /// call's result at once.
    /// - Returns: whether everything finished within `timeout`. Spans still unsent then are
    ///   counted as failed (reason `shutdown`) in `statistics`.
    @discardableResult
    public func shutdown(timeout: Duration = .seconds(30)) -> Bool {
        guard let pipeline else { return true }
        guard !pipeline.isShutdown.exchange(true, ordering: .acquiringAndReleasing) else {
            return shutdownFinished.wait(timeout: timeout) ?? false
        }
        let deadline = ContinuousClock.now + timeout
        let spans = pipeline.head.shutdown(timeout: timeout)
        // Log records after spans: what the span processors logged while they shut down is in.
        let records = logs.shutdown(timeout: max(.zero, deadline - .now))
        let completed = spans && records
        shutdownFinished.set(completed)
        return completed
    }

    /// A swift-log handler that exports log lines as OpenTelemetry log records with this
    /// provider's log settings, each with the trace and span ids of the span current where it
    /// was logged. See `LLMTraceLogHandler`.
    /// - Parameters:
    ///   - label: The logger's label: the records' instrumentation scope.
    ///   - metadataProvider: Adds metadata to every record (the handler's own, as swift-log asks).
    public func logHandler(label: String, metadataProvider: Logger.MetadataProvider? = nil) -> LLMTraceLogHandler {
        LLMTraceLogHandler(label: label, pipeline: logs.pipeline, metadataProvider: metadataProvider)
    }

    /// Delivery counters of the log records; `nil` until something was logged through
    /// `logHandler(label:)` or an event was emitted, and when logs go nowhere.
    public var logStatistics: ExportStatistics? { logs.existing?.statistics }

    /// What the sampling rules kept, dropped and decided early; `nil` when no rule is active.
    public var samplingStatistics: SamplingStatistics? {
        guard var statistics = tailSampling?.samplingStatistics else { return nil }
        statistics.tracesOverRatioCap = rateLimit?.refused ?? 0
        return statistics
    }

    /// Delivery counters summed over the exporting processors; `ignoredAfterShutdown` also
    /// counts the spans started after shutdown, which recorded nothing.
    public var statistics: ExportStatistics {
        var sum = pipeline?.head.statistics ?? ExportStatistics()
        sum.ignoredAfterShutdown += pipeline?.startedAfterShutdown.load(ordering: .relaxed) ?? 0
        return sum
    }

    // MARK: Global provider

    private static let globalProvider = Locked<TracerProvider>(TracerProvider(configuration: {
        var configuration = TracingConfiguration()
        configuration.disabled = true
        return configuration
    }()))

    /// The app-wide provider. Until `bootstrap(_:)` is called it is disabled: spans record
    /// nothing and cost almost nothing.
    public static var global: TracerProvider { globalProvider.withLock { $0 } }

    /// Makes `provider` the global one. Call once, early in `main`.
    public static func bootstrap(_ provider: TracerProvider) {
        globalProvider.withLock { $0 = provider }
    }
}

extension TracerProvider {
    /// Hands an ended span to the head of the processor chain, as `Span.end()` does. For the
    /// benchmarks, which measure the chain without the span's own cost.
    @_spi(Benchmarks)
    public func processEnded(_ span: SpanData) {
        pipeline?.spanEnded(span)
    }
}
