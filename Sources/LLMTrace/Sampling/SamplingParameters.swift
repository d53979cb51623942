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
