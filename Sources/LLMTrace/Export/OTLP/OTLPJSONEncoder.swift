internal import LLMTraceSupport

/// Encodes spans as an OTLP `ExportTraceServiceRequest` in the OTLP/JSON mapping.
///
/// The rules (see the OTLP specification, "JSON Protobuf Encoding"): lowerCamelCase keys, trace
/// and span ids as lowercase hex (not base64), enums as integers, 64-bit integers as decimal
/// strings, fields at their default value left out. Spans are grouped by resource, then by
/// instrumentation scope, keeping first-seen order.
enum OTLPJSONEncoder {
    /// The request body for `spans`.
    static func encode(_ spans: [SpanData]) -> [UInt8] {
        ByteWriter.array(capacity: estimatedSize(of: spans.count)) { encode(spans, into: &$0) }
    }

    /// Reserve for a batch of `count` spans: typical LLM spans encode to 300–900 bytes.
    static func estimatedSize(of count: Int) -> Int { 256 + count * 640 }

    static func encode(_ spans: [SpanData], into w: inout ByteWriter) {
        w.raw("{\"resourceSpans\":[")
        var keys = JSONKeyFragments()
        for (r, resourceGroup) in ExportGroups.byResource(spans).enumerated() {
            if r > 0 { w.raw(UInt8(ascii: ",")) }
            w.raw("{\"resource\":{")
            attributes(resourceGroup[0].resource.exportedAttributes, dropped: 0, into: &w, leadingComma: false)
            w.raw("},\"scopeSpans\":[")
            for (s, scopeGroup) in ExportGroups.byScope(resourceGroup).enumerated() {
                if s > 0 { w.raw(UInt8(ascii: ",")) }
                let scope = scopeGroup[0].scope
                w.raw("{\"scope\":{\"name\":")
                w.string(scope.name)
                if let version = scope.version, !version.isEmpty {
                    w.raw(",\"version\":")
                    w.string(version)
                }
                w.raw("},\"spans\":[")
                scopeGroup.forEachInPlace { i, span in
                    if i > 0 { w.raw(UInt8(ascii: ",")) }
                    encode(&span, into: &w, keys: &keys)
                }
                w.raw("]}")
            }
            w.raw("]}")
        }
        w.raw("]}")
    }

    /// `span` is `inout` to be read in place (`Array.forEachInPlace`); it is not written.
    @inline(__always)
    static func encode(_ span: inout SpanData, into w: inout ByteWriter, keys: inout JSONKeyFragments) {
        w.raw(UInt8(ascii: "{"))
        ids(span.context, into: &w)
        if let parent = span.parentSpanID, parent.isValid {
            w.raw(",\"parentSpanId\":")
            w.hex(parent)
        }
        w.raw(",\"flags\":")
        w.digits(UInt64(span.otlpFlags))
        w.raw(",\"name\":")
        // An empty name is legal in the schema but useless in a UI; keep the span visible.
        w.string(span.name.isEmpty ? "unnamed" : span.name)
        w.raw(",\"kind\":")
        w.digits(UInt64(span.kind.rawValue))
        w.raw(",\"startTimeUnixNano\":")
        w.quotedDigits(span.startTimeUnixNano)
        w.raw(",\"endTimeUnixNano\":")
        w.quotedDigits(span.endTimeUnixNano)
        attributes(span.attributes, dropped: span.droppedAttributesCount, into: &w, leadingComma: true, keys: &keys)
        if let extras = span.extras { eventsAndLinks(extras, into: &w, keys: &keys) }
        switch span.status {
        case .unset:
            break
        case .ok:
            w.raw(",\"status\":{\"code\":1}")
        case .error(let description):
            w.raw(",\"status\":{\"code\":2")
            if !description.isEmpty {
                w.raw(",\"message\":")
                w.string(description)
            }
            w.raw(UInt8(ascii: "}"))
        }
        w.raw(UInt8(ascii: "}"))
    }

    /// `"events"`, `"droppedEventsCount"`, `"links"` and `"droppedLinksCount"`, each only when
    /// not empty or zero.
    private static func eventsAndLinks(_ extras: SpanDataExtras, into w: inout ByteWriter, keys: inout JSONKeyFragments) {
        if !extras.contents.events.isEmpty {
            w.raw(",\"events\":[")
            extras.contents.events.forEachInPlace { i, event in
                if i > 0 { w.raw(UInt8(ascii: ",")) }
                w.raw("{\"timeUnixNano\":")
                w.quotedDigits(event.timeUnixNano)
                w.raw(",\"name\":")
                w.string(event.name)
                attributes(event.attributes, dropped: event.droppedAttributesCount, into: &w, leadingComma: true, keys: &keys)
                w.raw(UInt8(ascii: "}"))
            }
            w.raw(UInt8(ascii: "]"))
        }
        if extras.contents.droppedEvents > 0 {
            w.raw(",\"droppedEventsCount\":")
            w.digits(UInt64(extras.contents.droppedEvents))
        }
        if !extras.contents.links.isEmpty {
            w.raw(",\"links\":[")
            extras.contents.links.forEachInPlace { i, link in
                if i > 0 { w.raw(UInt8(ascii: ",")) }
                w.raw(UInt8(ascii: "{"))
                ids(link.context, into: &w)
                attributes(link.attributes, dropped: link.droppedAttributesCount, into: &w, leadingComma: true, keys: &keys)
                w.raw(",\"flags\":")
                w.digits(UInt64(link.otlpFlags))
                w.raw(UInt8(ascii: "}"))
            }
            w.raw(UInt8(ascii: "]"))
        }
        if extras.contents.droppedLinks > 0 {
            w.raw(",\"droppedLinksCount\":")
            w.digits(UInt64(extras.contents.droppedLinks))
        }
    }

    /// `"traceId"`, `"spanId"` and, when present, `"traceState"`: shared by spans and links.
    private static func ids(_ context: SpanContext, into w: inout ByteWriter) {
        w.raw("\"traceId\":")
        w.hex(context.traceID)
        w.raw(",\"spanId\":")
        w.hex(context.spanID)
        if !context.traceState.isEmpty {
            w.raw(",\"traceState\":")
            w.string(context.traceState.header)
        }
    }

    /// `"attributes":[...]` and `"droppedAttributesCount"`, each only when not empty or zero.
    static func attributes(_ attributes: Attributes, dropped: Int, into w: inout ByteWriter, leadingComma: Bool) {
        var keys = JSONKeyFragments.none
        self.attributes(attributes, dropped: dropped, into: &w, leadingComma: leadingComma, keys: &keys)
    }

    /// `attributes(_:dropped:into:leadingComma:)` with the keys of the body written so far.
    static func attributes(_ attributes: Attributes, dropped: Int, into w: inout ByteWriter, leadingComma: Bool, keys: inout JSONKeyFragments) {
        var needsComma = leadingComma
        if !attributes.isEmpty {
            if needsComma { w.raw(UInt8(ascii: ",")) }
            w.raw("\"attributes\":[")
            // Read in place: iterating the collection copies each key and value out (a retain
            // and a release apiece).
            attributes.elements.forEachInPlace { i, attribute in
                if i > 0 { w.raw(UInt8(ascii: ",")) }
                keys.writeOpening(of: attribute.key, into: &w)
                value(attribute.value, into: &w)
                w.raw(UInt8(ascii: "}"))
            }
            w.raw(UInt8(ascii: "]"))
            needsComma = true
        }
        if dropped > 0 {
            if needsComma { w.raw(UInt8(ascii: ",")) }
            w.raw("\"droppedAttributesCount\":")
            w.digits(UInt64(dropped))
        }
    }

    /// An `AnyValue` object.
    static func value(_ attributeValue: AttributeValue, into w: inout ByteWriter) {
        switch attributeValue {
        case .string(let v):
            w.raw("{\"stringValue\":")
            w.string(v)
        case .bool(let v):
            w.raw(v ? "{\"boolValue\":true" : "{\"boolValue\":false")
        case .int(let v):
            w.raw("{\"intValue\":")
            w.quotedDigits(Int64(v))
        case .double(let v):
            w.raw("{\"doubleValue\":")
            w.double(v)
        case .stringArray(let values):
            array(values, into: &w) { w, v in value(.string(v), into: &w) }
            return
        case .boolArray(let values):
            array(values, into: &w) { w, v in value(.bool(v), into: &w) }
            return
        case .intArray(let values):
            array(values, into: &w) { w, v in value(.int(v), into: &w) }
            return
        case .doubleArray(let values):
            array(values, into: &w) { w, v in value(.double(v), into: &w) }
            return
        }
        w.raw(UInt8(ascii: "}"))
    }

    private static func array<T>(_ values: [T], into w: inout ByteWriter, _ element: (inout ByteWriter, T) -> Void) {
        w.raw("{\"arrayValue\":{")
        if !values.isEmpty {
            w.raw("\"values\":[")
            for (i, v) in values.enumerated() {
                if i > 0 { w.raw(UInt8(ascii: ",")) }
                element(&w, v)
            }
            w.raw(UInt8(ascii: "]"))
        }
        w.raw("}}")
    }
}
