/// Limits that keep one span from growing without bound.
///
/// See the OpenTelemetry SDK specification, "Span Limits". Anything past a count limit is
/// discarded and counted in the span's dropped counts, which are exported.
public struct SpanLimits: Sendable, Equatable {
    /// Most attributes per span.
    /// - Environment: `OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT`, else `OTEL_ATTRIBUTE_COUNT_LIMIT`. Default: 128.
    public var attributeCountLimit = 128
    /// Most characters per string attribute value (each string of an array too); `nil` = none.
    /// - Environment: `OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT`, else `OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT`.
    public var attributeValueLengthLimit: Int? = nil
    /// Most events per span. - Environment: `OTEL_SPAN_EVENT_COUNT_LIMIT`. Default: 128.
    public var eventCountLimit = 128
    /// Most links per span. - Environment: `OTEL_SPAN_LINK_COUNT_LIMIT`. Default: 128.
    public var linkCountLimit = 128
    /// Most attributes per event. - Environment: `OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT`. Default: 128.
    public var attributePerEventCountLimit = 128
    /// Most attributes per link. - Environment: `OTEL_LINK_ATTRIBUTE_COUNT_LIMIT`. Default: 128.
    public var attributePerLinkCountLimit = 128

    /// The defaults above.
    public init() {}

    /// Applies the count and length limits to a set of attributes given all at once.
    func limit(_ attributes: Attributes, countLimit: Int) -> (Attributes, dropped: Int) {
        if attributes.count <= countLimit && attributeValueLengthLimit == nil { return (attributes, 0) }
        var result = Attributes()
        var dropped = 0
        for attribute in attributes {
            let value = attribute.value.truncated(toCharacters: attributeValueLengthLimit).value
            if !result.set(attribute.key, value, countLimit: countLimit) { dropped += 1 }
        }
        return (result, dropped)
    }
}
