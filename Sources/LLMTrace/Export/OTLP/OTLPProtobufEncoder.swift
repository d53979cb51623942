internal import LLMTraceSupport

/// Encodes spans as an OTLP `ExportTraceServiceRequest` in the protobuf binary format
/// (`opentelemetry/proto/collector/trace/v1`), straight into the writer.
///
/// Field numbers are the schema's; fields at their default value are left out, as proto3 does,
/// except a oneof value (an empty string attribute is still a string). Ids are raw bytes,
/// big-endian; times and counts `fixed64`.
enum OTLPProtobufEncoder {
    /// Reserve for a batch of `count` spans: typical LLM spans encode to 150–500 bytes.
    static func estimatedSize(of count: Int) -> Int { 256 + count * 384 }

    static func encode(_ spans: [SpanData], into w: inout ByteWriter) {
        for resourceGroup in ExportGroups.byResource(spans) {
            let resourceSpans = w.beginMessage(1)
            resource(resourceGroup[0].resource, field: 1, into: &w)
            for scopeGroup in ExportGroups.byScope(resourceGroup) {
                let scopeSpans = w.beginMessage(2)
                scope(name: scopeGroup[0].scope.name, version: scopeGroup[0].scope.version, field: 1, into: &w)
                scopeGroup.forEachInPlace { _, span in encode(&span, field: 2, into: &w) }
                w.endMessage(scopeSpans)
            }
            w.endMessage(resourceSpans)
        }
    }

    /// A `Resource` message.
    static func resource(_ resource: Resource, field: Int, into w: inout ByteWriter) {
        let message = w.beginMessage(field)
        attributes(resource.exportedAttributes, field: 1, into: &w)
        w.endMessage(message)
    }

    /// An `InstrumentationScope` message.
    static func scope(name: String, version: String?, field: Int, into w: inout ByteWriter) {
        let message = w.beginMessage(field)
        w.string(1, name)
        if let version, !version.isEmpty { w.string(2, version) }
        w.endMessage(message)
    }

    /// `span` is `inout` to be read in place (`Array.forEachInPlace`); it is not written.
    @inline(__always)
    static func encode(_ span: inout SpanData, field: Int, into w: inout ByteWriter) {
        let message = w.beginMessage(field)
        ids(span.context, into: &w)
        if let parent = span.parentSpanID, parent.isValid { w.id(4, parent.value) }
        // An empty name is legal in the schema but useless in a UI; keep the span visible.
        w.string(5, span.name.isEmpty ? "unnamed" : span.name)
        if span.kind.rawValue != 0 { w.uint(6, UInt64(span.kind.rawValue)) }
        w.fixed64(7, span.startTimeUnixNano)
        w.fixed64(8, span.endTimeUnixNano)
        attributes(span.attributes, field: 9, into: &w)
        if span.droppedAttributesCount > 0 { w.uint(10, UInt64(span.droppedAttributesCount)) }
        if let extras = span.extras { eventsAndLinks(extras, into: &w) }
        switch span.status {
        case .unset:
            break
        case .ok:
            let status = w.beginMessage(15)
            w.uint(3, 1)
            w.endMessage(status)
        case .error(let description):
            let status = w.beginMessage(15)
            if !description.isEmpty { w.string(2, description) }
            w.uint(3, 2)
            w.endMessage(status)
        }
        w.fixed32(16, span.otlpFlags)
        w.endMessage(message)
    }

    /// Events (11), their dropped count (12), links (13) and theirs (14), each only when not
    /// empty or zero.
    private static func eventsAndLinks(_ extras: SpanDataExtras, into w: inout ByteWriter) {
        extras.contents.events.forEachInPlace { _, event in
            let e = w.beginMessage(11)
            w.fixed64(1, event.timeUnixNano)
            w.string(2, event.name)
            attributes(event.attributes, field: 3, into: &w)
            if event.droppedAttributesCount > 0 { w.uint(4, UInt64(event.droppedAttributesCount)) }
            w.endMessage(e)
        }
        if extras.contents.droppedEvents > 0 { w.uint(12, UInt64(extras.contents.droppedEvents)) }
        extras.contents.links.forEachInPlace { _, link in
            let l = w.beginMessage(13)
            ids(link.context, into: &w)
            attributes(link.attributes, field: 4, into: &w)
            if link.droppedAttributesCount > 0 { w.uint(5, UInt64(link.droppedAttributesCount)) }
            w.fixed32(6, link.otlpFlags)
            w.endMessage(l)
        }
        if extras.contents.droppedLinks > 0 { w.uint(14, UInt64(extras.contents.droppedLinks)) }
    }

    /// `trace_id` (1), `span_id` (2) and, when present, `trace_state` (3): shared by spans and links.
    private static func ids(_ context: SpanContext, into w: inout ByteWriter) {
        w.id(1, high: context.traceID.high, low: context.traceID.low)
        w.id(2, context.spanID.value)
        if !context.traceState.isEmpty { w.string(3, context.traceState.header) }
    }

    /// One `KeyValue` message per attribute, in `field`.
    static func attributes(_ attributes: Attributes, field: Int, into w: inout ByteWriter) {
        // Read in place: iterating the collection copies each key and value out (a retain and a
        // release apiece).
        attributes.elements.forEachInPlace { _, attribute in
            let keyValue = w.beginMessage(field)
            w.string(1, attribute.key)
            value(attribute.value, field: 2, into: &w)
            w.endMessage(keyValue)
        }
    }

    /// An `AnyValue` message.
    static func value(_ attributeValue: AttributeValue, field: Int, into w: inout ByteWriter) {
        let message = w.beginMessage(field)
        switch attributeValue {
        case .string(let v): w.string(1, v)
        case .bool(let v): w.bool(2, v)
        case .int(let v): w.int(3, Int64(v))
        case .double(let v): w.double(4, v)
        case .stringArray(let values): array(values, into: &w) { w, v in value(.string(v), field: 1, into: &w) }
        case .boolArray(let values): array(values, into: &w) { w, v in value(.bool(v), field: 1, into: &w) }
        case .intArray(let values): array(values, into: &w) { w, v in value(.int(v), field: 1, into: &w) }
        case .doubleArray(let values): array(values, into: &w) { w, v in value(.double(v), field: 1, into: &w) }
        }
        w.endMessage(message)
    }

    /// `array_value` (5): an `ArrayValue` of `values`.
    private static func array<T>(_ values: [T], into w: inout ByteWriter, _ element: (inout ByteWriter, T) -> Void) {
        let message = w.beginMessage(5)
        for v in values { element(&w, v) }
        w.endMessage(message)
    }
}
