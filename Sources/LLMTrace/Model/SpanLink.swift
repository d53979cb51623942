/// A reference from a span to another span, in this trace or another one (a batch job that
/// serves several requests, a retry of an earlier attempt).
public struct SpanLink: Sendable, Hashable {
    /// The linked span.
    public var context: SpanContext
    /// Why it is linked.
    public var attributes: Attributes
    /// Attributes discarded by the per-link count limit.
    public var droppedAttributesCount: Int

    /// Creates a link.
    public init(context: SpanContext, attributes: Attributes = Attributes(), droppedAttributesCount: Int = 0) {
        self.context = context
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
    }

    /// The OTLP `flags` field: the W3C trace flags, plus whether the linked span is remote.
    var otlpFlags: UInt32 {
        UInt32(context.traceFlags.intersection(.known).rawValue) | 0x100 | (context.isRemote ? 0x200 : 0)
    }
}
