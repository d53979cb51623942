import Synchronization

/// What the spans of one provider share: how they are sampled and limited, and the chain of
/// processors their ends go through.
///
/// The provider composes the chain (LLM metrics, then tail sampling, then the exporting
/// processors); a span only knows its head.
final class SpanPipeline: Sendable {
    let resource: Resource
    let limits: SpanLimits
    let sampler: any Sampler
    /// What `sampler` decides from the parent alone (the built-in samplers, mostly).
    let parentOnlyDecisions: ParentOnlyDecisions
    let idGenerator: any IDGenerator
    /// The first processor of the chain; each one forwards to the next.
    let head: any SpanProcessor
    /// `head`, as what takes an ended span over.
    private let handOver: SpanHandOver
    private let terminalBatch: BatchSpanProcessor?
    /// Whether any processor of the chain wants `onStart`; usually none does.
    let isStartRequired: Bool
    /// How many attributes the chain's stages may add to a local root (`SpanHandOver`); 0 when
    /// they leave roots alone.
    let attributesAddedToLocalRoots: Int
    /// Baggage entries copied onto every span started where they are current.
    let baggageAttributeKeys: [String]
    let isShutdown = Atomic<Bool>(false)
    /// Spans asked for after shutdown: they record nothing, and are counted as lost.
    let startedAfterShutdown = Atomic<Int>(0)

    /// The LLM metrics, for what spans cannot carry (the time between streamed chunks).
    let metrics: LLMMetrics?

    init(resource: Resource, limits: SpanLimits, sampler: any Sampler, idGenerator: any IDGenerator, head: any SpanProcessor, baggageAttributeKeys: [String] = [], metrics: LLMMetrics? = nil) {
        self.baggageAttributeKeys = baggageAttributeKeys
        self.metrics = metrics
        self.resource = resource
        self.limits = limits
        self.sampler = sampler
        self.parentOnlyDecisions = ParentOnlyDecisions.of(sampler)
        self.idGenerator = idGenerator
        self.head = head
        self.handOver = SpanHandOver(head)
        self.isStartRequired = head.isStartRequired
        self.attributesAddedToLocalRoots = handOver.attributesAddedToLocalRoots
        self.terminalBatch = handOver.terminalBatch
    }

    /// Whether the batch queue at the end of the chain holds a long backlog (see
    /// `BatchSpanProcessor.longBacklog`).
    var holdsLongBacklog: Bool { terminalBatch?.holdsLongBacklog ?? false }

    /// Adds the allow-listed entries of `baggage` to a new span's start attributes, unless the
    /// caller set the same key.
    func addBaggageAttributes(from baggage: [String: String], to attributes: inout Attributes) {
        guard !baggage.isEmpty else { return }
        for key in baggageAttributeKeys where attributes[key] == nil {
            if let value = baggage[key] { attributes[key] = .string(value) }
        }
    }

    /// Hands a span that just ended to the chain, which owns it from here.
    @inline(__always)
    func spanEnded(_ data: consuming SpanData) {
        handOver.pass(consume data, to: head)
    }
}
