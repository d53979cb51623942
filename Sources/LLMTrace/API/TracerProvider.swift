import Dispatch
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
    /// The configuration the provider was built from.
    public let configuration: TracingConfiguration
    /// The resource on every span.
    public let resource: Resource
    /// The propagators chosen by `configuration.propagators`.
    public let propagator: any TextMapPropagator
    /// The processors spans are handed to, in order.
    public let processors: [any SpanProcessor]
    let pipeline: SpanPipeline?
    let samplingStage: SamplingRulesProcessor?
    private let metricsReader: MetricsReader?
    /// The LLM metrics aggregated from every span; `nil` when `OTEL_METRICS_EXPORTER=none` (and
    /// no cost budget) or the provider is disabled.
    public let metrics: LLMMetrics?
    private let scopes = Locked<[String: InstrumentationScope]>([:])
    private let shutdownFinished = Latch<Bool>()
    let signalSources = Locked<[any DispatchSourceSignal]>([])
    private let logger: Logger

    /// Builds a provider.
    /// - Parameters:
    ///   - configuration: Resource, sampler, limits, exporters.
    ///   - processors: Replaces the processors `configuration.exporters` would make (for tests,
    ///     or a custom pipeline).
    ///   - idGenerator: The id source; inject a fixed one in tests.
    ///   - logger: LLMTrace's own diagnostics. Its level is set from `configuration.logLevel`.
    ///
    /// When `configuration.samplingRules` is active (the default: errors are kept), the
    /// processors sit behind a stage that holds each trace until its local root ends and keeps
    /// or drops it whole.
    public convenience init(
        configuration: TracingConfiguration = TracingConfiguration(),
        processors: [any SpanProcessor]? = nil,
        idGenerator: any IDGenerator = RandomIDGenerator(),
        logger: Logger = Logger(label: "llmtrace")
    ) {
        self.init(configuration: configuration, processors: processors, idGenerator: idGenerator, logger: logger, clock: WallClock.monotonicNanos)
    }

    /// The designated initializer; `clock` (monotonic nanoseconds) drives the sampling stage's
    /// waits and ages, and tests inject their own.
    init(
        configuration: TracingConfiguration,
        processors: [any SpanProcessor]?,
        idGenerator: any IDGenerator,
        logger: Logger,
        clock: @escaping @Sendable () -> UInt64
    ) {
        var logger = logger
        logger.logLevel = configuration.logLevel
        self.logger = logger
        self.configuration = configuration
        self.resource = configuration.makeResource()
        for warning in configuration.warnings { logger.warning("\(warning)") }

        let propagators: [any TextMapPropagator] = configuration.propagators.contains(.traceContext) ? [W3CTraceContextPropagator()] : []
        self.propagator = CompositePropagator(propagators)

        if configuration.disabled {
            self.processors = []
            self.pipeline = nil
            self.samplingStage = nil
            self.metrics = nil
            self.metricsReader = nil
            return
        }
        let metrics = configuration.metrics.isEnabled ? LLMMetrics(configuration: configuration.metrics, resource: resource, logger: logger) : nil
        self.metrics = metrics
        self.metricsReader = metrics.map { MetricsReader(metrics: $0, configuration: configuration.metrics, logger: logger) }
        let processors = processors ?? configuration.exporters.map { kind -> any SpanProcessor in
            let exporter: any SpanExporter
            switch kind {
            case .otlp: exporter = OTLPHTTPExporter(configuration: configuration.otlp, logger: logger)
            case .console: exporter = ConsoleSpanExporter()
            }
            return BatchSpanProcessor(exporter: exporter, configuration: configuration.batch, logger: logger)
        }
        var sampler = configuration.sampler
        if configuration.samplingRules.isActive {
            let stage = SamplingRulesProcessor(rules: configuration.samplingRules, downstream: processors, logger: logger, clock: clock)
            sampler = RulesHeadSampler(head: sampler, stage: stage)
            self.samplingStage = stage
            self.processors = [stage]
        } else {
            self.samplingStage = nil
            self.processors = processors
            // Metrics count every span: what the sampler drops is recorded (not exported) instead.
            if metrics != nil { sampler = RecordingSampler(head: sampler) }
        }
        self.pipeline = SpanPipeline(
            resource: resource, limits: configuration.limits, sampler: sampler,
            idGenerator: idGenerator, processors: self.processors, metrics: metrics
        )
    }

    /// Builds a provider from environment variables (pass `ProcessInfo.processInfo.environment`).
    public convenience init(environment: [String: String], logger: Logger = Logger(label: "llmtrace")) {
        self.init(configuration: TracingConfiguration(environment: environment), logger: logger)
    }

    /// A tracer for the scope `name` (your library or module), optionally versioned.
    public func tracer(_ name: String, version: String? = nil) -> Tracer {
        let key = "\(name)\u{0}\(version ?? "")"
        let scope = scopes.withLock { scopes in
            if let existing = scopes[key] { return existing }
            let scope = InstrumentationScope(name: name, version: version)
            scopes[key] = scope
            return scope
        }
        return Tracer(scope: scope, propagator: propagator, pipeline: pipeline)
    }

    /// Exports every span ended before the call.
    /// - Returns: whether every processor finished within `timeout`.
    @discardableResult
    public func forceFlush(timeout: Duration = .seconds(30)) -> Bool {
        let deadline = Deadline.after(timeout)
        var completed = true
        for processor in processors {
            completed = processor.forceFlush(timeout: .nanoseconds(Int64(clamping: deadline.remainingNanos))) && completed
        }
        if let metricsReader {
            completed = metricsReader.forceFlush(timeout: .nanoseconds(Int64(clamping: deadline.remainingNanos))) && completed
        }
        return completed
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
        let deadline = Deadline.after(timeout)
        var completed = true
        for processor in processors {
            completed = processor.shutdown(timeout: .nanoseconds(Int64(clamping: deadline.remainingNanos))) && completed
        }
        // After the spans: the final push carries everything that ended.
        if let metricsReader {
            completed = metricsReader.shutdown(timeout: .nanoseconds(Int64(clamping: deadline.remainingNanos))) && completed
        }
        shutdownFinished.set(completed)
        return completed
    }

    /// What the sampling rules kept, dropped and decided early; `nil` when no rule is active.
    public var samplingStatistics: SamplingStatistics? { samplingStage?.samplingStatistics }

    /// Delivery counters summed over the exporting processors; `ignoredAfterShutdown` also
    /// counts the spans started after shutdown, which recorded nothing.
    public var statistics: ExportStatistics {
        var sum = processors.compactMap(\.statistics).reduce(ExportStatistics(), +)
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
