internal import LLMTraceSupport
import Logging

extension TracingConfiguration {
    mutating func readGeneral(_ env: inout EnvironmentReader) {
        if let value = env.bool(EnvironmentKey.sdkDisabled) { disabled = value }
        if let pairs = env.keyValueList(EnvironmentKey.resourceAttributes, redactValues: false) {
            for (key, value) in pairs { resourceAttributes[key] = .string(value) }
        }
        if let name = env.string(EnvironmentKey.serviceName) { serviceName = name }
        if let level = env.choice(EnvironmentKey.logLevel, [
            "trace": Logger.Level.trace, "debug": .debug, "info": .info, "warn": .warning,
            "warning": .warning, "error": .error, "critical": .critical, "none": .critical,
        ]) { logLevel = level }

        if let kinds = env.list(EnvironmentKey.tracesExporter, { $0 == ExporterKind.prometheus.rawValue ? nil : ExporterKind(rawValue: $0) }, expected: "otlp, console or none") {
            exporters = kinds
        }
        if let keys = env.string(EnvironmentKey.baggageSpanAttributes) {
            baggageSpanAttributes = keys.split(separator: ",").map { String($0.trimmingOWS()) }.filter { !$0.isEmpty }
        }
        if let kinds = env.list(EnvironmentKey.propagators, PropagatorKind.init(rawValue:), expected: "tracecontext, baggage or none (b3, jaeger, xray are not supported)") {
            propagators = kinds
        }
    }

    mutating func readSampler(_ env: inout EnvironmentReader) {
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

    mutating func readSamplingRules(_ env: inout EnvironmentReader) {
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
        if let cost = env.double(EnvironmentKey.samplingCostUSD, in: 0...1e9) { samplingRules.costThresholdUSD = cost == 0 ? nil : cost }
        if let tokens = env.integer(EnvironmentKey.samplingTokens, in: 0...Int.max) { samplingRules.tokenThreshold = tokens == 0 ? nil : tokens }
        if let ttft = env.milliseconds(EnvironmentKey.samplingTimeToFirstChunk) { samplingRules.timeToFirstChunkThreshold = ttft == .zero ? nil : ttft }
        if let value = env.string(EnvironmentKey.samplingFinishReasons) {
            samplingRules.finishReasons = Set(value.split(separator: ",").map { String($0.trimmingOWS()) }.filter { !$0.isEmpty })
        }
        if let below = env.double(EnvironmentKey.samplingEvaluationBelow, in: 0...1e9) { samplingRules.evaluationScoreBelow = below == 0 ? nil : below }
        if let keep = env.bool(EnvironmentKey.samplingKeepFailedEvaluations) { samplingRules.keepFailedEvaluations = keep }
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
        if let limit = env.integer(EnvironmentKey.samplingMaxPendingBytes, in: 1...Int.max) { samplingRules.maxPendingBytes = limit }
        if let age = env.integer(EnvironmentKey.samplingMaxTraceAge, in: 1...Int(Int32.max)) { samplingRules.maxTraceAge = .milliseconds(age) }
    }

    mutating func readBatch(_ env: inout EnvironmentReader) {
        batch = Self.readBatchSettings(&env, logs: false, into: batch)
    }

    /// The settings of the span (`OTEL_BSP_*`) or log record (`OTEL_BLRP_*`) batch processor.
    static func readBatchSettings(_ env: inout EnvironmentReader, logs: Bool, into base: BatchConfiguration) -> BatchConfiguration {
        var batch = base
        let key = { (setting: EnvironmentKey.BatchSetting) in EnvironmentKey.batch(setting, logs: logs) }
        if let delay = env.milliseconds(key(.scheduleDelay)) { batch.scheduleDelay = delay }
        if let timeout = env.milliseconds(key(.exportTimeout)) { batch.exportTimeout = timeout }
        if let size = env.integer(key(.maxQueueSize), in: 1...Int(Int32.max)) { batch.maxQueueSize = size }
        if let size = env.integer(key(.maxExportBatchSize), in: 1...Int(Int32.max)) {
            if size > batch.maxQueueSize {
                env.warn(key(.maxExportBatchSize), String(size), expected: "at most \(key(.maxQueueSize)) (\(batch.maxQueueSize)); clamped to it")
                batch.maxExportBatchSize = batch.maxQueueSize
            } else {
                batch.maxExportBatchSize = size
            }
        } else if batch.maxExportBatchSize > batch.maxQueueSize {
            batch.maxExportBatchSize = batch.maxQueueSize
        }
        return batch
    }

    mutating func readLogs(_ env: inout EnvironmentReader) {
        if let kinds = env.list(EnvironmentKey.logsExporter, { $0 == ExporterKind.prometheus.rawValue ? nil : ExporterKind(rawValue: $0) }, expected: "otlp, console or none") {
            logs.exporters = kinds
        }
        logs.batch = Self.readBatchSettings(&env, logs: true, into: logs.batch)
        if let limit = env.integer(EnvironmentKey.logRecordAttributeCountLimit) ?? env.integer(EnvironmentKey.attributeCountLimit) {
            logs.attributeCountLimit = limit
        }
        if let limit = env.integer(EnvironmentKey.logRecordAttributeValueLengthLimit) ?? env.integer(EnvironmentKey.attributeValueLengthLimit) {
            logs.attributeValueLengthLimit = limit
        }
        logs.otlp = Self.readOTLPSettings(&env, signal: .logs, into: logs.otlp)
        logs.otlp.gzipLevel = otlp.gzipLevel
        logs.otlp.delivery = otlp.delivery
    }

    mutating func readLimits(_ env: inout EnvironmentReader) {
        let general = env.integer(EnvironmentKey.attributeCountLimit)
        let generalLength = env.integer(EnvironmentKey.attributeValueLengthLimit)
        if let limit = env.integer(EnvironmentKey.spanAttributeCountLimit) ?? general { limits.attributeCountLimit = limit }
        if let limit = env.integer(EnvironmentKey.spanAttributeValueLengthLimit) ?? generalLength { limits.attributeValueLengthLimit = limit }
        if let limit = env.integer(EnvironmentKey.spanEventCountLimit) { limits.eventCountLimit = limit }
        if let limit = env.integer(EnvironmentKey.spanLinkCountLimit) { limits.linkCountLimit = limit }
        if let limit = env.integer(EnvironmentKey.eventAttributeCountLimit) ?? general { limits.attributePerEventCountLimit = limit }
        if let limit = env.integer(EnvironmentKey.linkAttributeCountLimit) ?? general { limits.attributePerLinkCountLimit = limit }
    }

    mutating func readOTLP(_ env: inout EnvironmentReader) {
        otlp = Self.readOTLPSettings(&env, signal: .traces, into: otlp)
        if let level = env.integer(EnvironmentKey.otlpGzipLevel, in: 1...9) {
            otlp.gzipLevel = Int32(level)
        }
        if let bytes = env.integer(EnvironmentKey.exportQueueMaxBytes, in: 1...Int.max) { otlp.delivery.maxQueueBytes = bytes }
        if let lanes = env.integer(EnvironmentKey.exportConcurrency, in: 1...64) { otlp.delivery.concurrency = lanes }
        if let directory = env.string(EnvironmentKey.spoolDirectory) { otlp.delivery.spoolDirectory = directory }
        if let bytes = env.integer(EnvironmentKey.spoolMaxBytes, in: 1...Int.max) { otlp.delivery.spoolMaxBytes = bytes }
    }

    mutating func readMetrics(_ env: inout EnvironmentReader) {
        if let kinds = env.list(EnvironmentKey.metricsExporter, ExporterKind.init(rawValue:), expected: "otlp, console, prometheus or none") {
            metrics.exporters = kinds
        }
        if let interval = env.integer(EnvironmentKey.metricExportInterval, in: 1...Int(Int32.max)) { metrics.exportInterval = .milliseconds(interval) }
        if let timeout = env.integer(EnvironmentKey.metricExportTimeout, in: 1...Int(Int32.max)) { metrics.exportTimeout = .milliseconds(timeout) }
        if let series = env.integer(EnvironmentKey.metricsMaxSeries, in: 1...1_000_000) { metrics.maxSeriesPerMetric = series }
        if let budget = env.double(EnvironmentKey.costBudgetUSDPerHour, in: 0...1e12), budget > 0 {
            metrics.costBudgetUSDPerHour = budget
        }
        if let budget = env.double(EnvironmentKey.costBudgetUSDPerHourPerKey, in: 0...1e12), budget > 0 {
            metrics.costBudgetUSDPerHourPerKey = budget
        }
        if let key = env.string(EnvironmentKey.costBudgetKey) { metrics.costBudgetKey = key }
        if let keys = env.integer(EnvironmentKey.costBudgetMaxKeys, in: 1...1_000_000) { metrics.costBudgetMaxKeys = keys }
        if let totals = env.bool(EnvironmentKey.traceTotals) { metrics.traceTotals = totals }
        metrics.otlp = Self.readOTLPSettings(&env, signal: .metrics, into: metrics.otlp)
        metrics.otlp.gzipLevel = otlp.gzipLevel
        metrics.otlp.delivery = otlp.delivery
    }

    /// The OTLP settings of one signal: its own `OTEL_EXPORTER_OTLP_<SIGNAL>_*` variables win
    /// over the general `OTEL_EXPORTER_OTLP_*` ones; the general endpoint gets `v1/<signal>`.
    static func readOTLPSettings(_ env: inout EnvironmentReader, signal: OTLPSignal, into base: OTLPExporterConfiguration) -> OTLPExporterConfiguration {
        var otlp = base
        let specific = { (setting: EnvironmentKey.OTLPSetting) in EnvironmentKey.otlp(setting, signal: signal) }
        let general = { (setting: EnvironmentKey.OTLPSetting) in EnvironmentKey.otlp(setting) }
        if let url = env.string(specific(.endpoint)) {
            if let hasPath = Self.urlHasPath(url) {
                otlp.endpoint = hasPath ? url : url + "/"
            } else {
                env.warn(specific(.endpoint), Redaction.url(url), expected: "an http:// or https:// URL")
            }
        } else if let base = env.string(general(.endpoint)) {
            if Self.urlHasPath(base) != nil {
                otlp.endpoint = (base.hasSuffix("/") ? base : base + "/") + "v1/\(signal.rawValue)"
            } else {
                env.warn(general(.endpoint), Redaction.url(base), expected: "an http:// or https:// URL")
            }
        }
        if let key = env.firstKey(specific(.protocol), general(.protocol)), let value = env.string(key) {
            if let chosen = OTLPProtocol(rawValue: value.lowercased()) {
                otlp.protocol = chosen
            } else {
                // gRPC needs HTTP/2 framing LLMTrace does not carry; OTLP/HTTP reaches the same receivers.
                env.warn(key, value, expected: "http/protobuf or http/json; grpc is not supported")
            }
        }
        if let key = env.firstKey(specific(.headers), general(.headers)),
           let pairs = env.keyValueList(key, redactValues: true) {
            otlp.headers = pairs.map { (name: $0.0, value: $0.1) }
        }
        if let key = env.firstKey(specific(.timeout), general(.timeout)),
           let timeout = env.milliseconds(key) {
            otlp.timeout = timeout
        }
        if let key = env.firstKey(specific(.compression), general(.compression)),
           let compression = env.choice(key, ["gzip": OTLPExporterConfiguration.Compression.gzip, "none": .none]) {
            otlp.compression = compression
        }
        if let key = env.firstKey(specific(.certificate), general(.certificate)) {
            otlp.certificateFile = env.string(key)
        }
        if let key = env.firstKey(specific(.clientCertificate), general(.clientCertificate)) {
            otlp.clientCertificateFile = env.string(key)
        }
        if let key = env.firstKey(specific(.clientKey), general(.clientKey)) {
            otlp.clientKeyFile = env.string(key)
        }
        return otlp
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
