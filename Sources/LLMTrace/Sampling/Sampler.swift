/// What a sampler decided for a new span.
public enum SamplingDecision: Sendable, Hashable {
    /// Record nothing; the span still carries its context to children.
    case drop
    /// Record the span and give it to processors, but do not set the sampled flag.
    case recordOnly
    /// Record the span and set the sampled flag: exporters receive it.
    case recordAndSample
}

/// The inputs a sampler sees when a span starts.
///
/// Only what is known at start is here: set attributes that should steer sampling (model,
/// operation) when you start the span.
public struct SamplingParameters: Sendable {
    /// The parent's context; `nil` for a root span.
    public var parentContext: SpanContext?
    /// The trace id the new span will have.
    public var traceID: TraceID
    /// The span name.
    public var name: String
    /// The span kind.
    public var kind: SpanKind
    /// Attributes given at start.
    public var attributes: Attributes
    /// Links given at start.
    public var links: [SpanLink]

    /// Creates sampling parameters.
    public init(parentContext: SpanContext?, traceID: TraceID, name: String, kind: SpanKind, attributes: Attributes = Attributes(), links: [SpanLink] = []) {
        self.parentContext = parentContext
        self.traceID = traceID
        self.name = name
        self.kind = kind
        self.attributes = attributes
        self.links = links
    }
}

/// A sampler's answer: the decision, attributes to add to the span, and its trace state.
public struct SamplingResult: Sendable {
    /// The decision.
    public var decision: SamplingDecision
    /// Attributes added to the new span.
    public var attributes: Attributes
    /// The new span's trace state; `nil` keeps the parent's.
    public var traceState: TraceState?

    /// Creates a result.
    public init(_ decision: SamplingDecision, attributes: Attributes = Attributes(), traceState: TraceState? = nil) {
        self.decision = decision
        self.attributes = attributes
        self.traceState = traceState
    }
}

/// Decides at span start whether a span is recorded and sampled.
///
/// See the OpenTelemetry SDK specification, "Sampling". Called on the caller's thread for every
/// span: it MUST be fast and MUST NOT block.
public protocol Sampler: Sendable, CustomStringConvertible {
    /// Decides for one new span.
    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult
}

/// Samples every span.
public struct AlwaysOnSampler: Sampler {
    /// Creates the sampler.
    public init() {}
    public func shouldSample(_ parameters: SamplingParameters) -> SamplingResult { SamplingResult(.recordAndSample) }
    public var description: String { "AlwaysOnSampler" }
}

/// Drops every span.
public struct AlwaysOffSampler: Sampler {
    /// Creates the sampler.
    public init() {}
    public func shouldSample(_ parameters: SamplingParameters) -> SamplingResult { SamplingResult(.drop) }
    public var description: String { "AlwaysOffSampler" }
}

/// Samples a fixed fraction of traces, decided from the trace id alone, so every service that
/// uses the same ratio agrees on the same traces.
///
/// Uses the Go SDK's arithmetic: the low 8 bytes of the id, shifted right by one, compared with
/// `ratio × 2⁶³`. Monotone: a higher ratio samples a superset of a lower one.
public struct TraceIDRatioBasedSampler: Sampler {
    /// The fraction in [0, 1].
    public let ratio: Double
    private let bound: UInt64

    /// Creates the sampler; the ratio is clamped to [0, 1].
    public init(ratio: Double) {
        let clamped = ratio.isNaN ? 0 : min(1, max(0, ratio))
        self.ratio = clamped
        if clamped >= 1 {
            bound = .max
        } else {
            bound = UInt64(clamped * 9_223_372_036_854_775_808.0) // 2^63
        }
    }

    /// Whether the ratio keeps `traceID`.
    public func keeps(_ traceID: TraceID) -> Bool {
        if ratio >= 1 { return true }
        if ratio <= 0 { return false }
        return (traceID.low >> 1) < bound
    }

    public func shouldSample(_ parameters: SamplingParameters) -> SamplingResult {
        SamplingResult(keeps(parameters.traceID) ? .recordAndSample : .drop)
    }

    public var description: String { "TraceIdRatioBased{\(ratio)}" }
}

/// Follows the parent's decision when there is a parent, and asks `root` for new traces.
public struct ParentBasedSampler: Sampler {
    /// The sampler for spans without a parent.
    public let root: any Sampler
    /// For a sampled parent from another process. Default: always on.
    public var remoteParentSampled: any Sampler = AlwaysOnSampler()
    /// For an unsampled parent from another process. Default: always off.
    public var remoteParentNotSampled: any Sampler = AlwaysOffSampler()
    /// For a sampled parent in this process. Default: always on.
    public var localParentSampled: any Sampler = AlwaysOnSampler()
    /// For an unsampled parent in this process. Default: always off.
    public var localParentNotSampled: any Sampler = AlwaysOffSampler()

    /// Creates the sampler around `root`.
    public init(root: any Sampler) { self.root = root }

    public func shouldSample(_ parameters: SamplingParameters) -> SamplingResult {
        guard let parent = parameters.parentContext, parent.isValid else {
            return root.shouldSample(parameters)
        }
        switch (parent.isRemote, parent.isSampled) {
        case (true, true): return remoteParentSampled.shouldSample(parameters)
        case (true, false): return remoteParentNotSampled.shouldSample(parameters)
        case (false, true): return localParentSampled.shouldSample(parameters)
        case (false, false): return localParentNotSampled.shouldSample(parameters)
        }
    }

    public var description: String { "ParentBased{root=\(root)}" }
}
