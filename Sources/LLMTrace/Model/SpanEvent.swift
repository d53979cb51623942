/// Something that happened at one moment during a span, such as an exception or a streamed chunk.
public struct SpanEvent: Sendable, Hashable {
    /// The event name, for example `exception`.
    public var name: String
    /// When it happened, Unix epoch nanoseconds.
    public var timeUnixNano: UInt64
    /// Its attributes.
    public var attributes: Attributes
    /// Attributes discarded by the per-event count limit.
    public var droppedAttributesCount: Int

    /// Creates an event.
    public init(name: String, timeUnixNano: UInt64, attributes: Attributes = Attributes(), droppedAttributesCount: Int = 0) {
        self.name = name
        self.timeUnixNano = timeUnixNano
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
    }
}
