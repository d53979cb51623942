internal import LLMTraceSupport

/// Encodes log records as an OTLP `ExportLogsServiceRequest`, in the OTLP/JSON mapping or the
/// protobuf binary format, with the same grouping and value rules as spans.
enum OTLPLogsEncoder {
    /// Reserve for a batch of `count` records.
    static func estimatedSize(of count: Int) -> Int { 256 + count * 384 }

    static func encode(_ records: [LogRecordData], _ wireProtocol: OTLPProtocol, into w: inout ByteWriter) {
        switch wireProtocol {
        case .httpJSON: encodeJSON(records, into: &w)
        case .httpProtobuf: encodeProtobuf(records, into: &w)
        }
    }

    static func encodeJSON(_ records: [LogRecordData], into w: inout ByteWriter) {
        w.raw("{\"resourceLogs\":[")
        var keys = JSONKeyFragments()
        for (r, resourceGroup) in ExportGroups.byResource(records).enumerated() {
            if r > 0 { w.raw(UInt8(ascii: ",")) }
            w.raw("{\"resource\":{")
            OTLPJSONEncoder.attributes(resourceGroup[0].resource.exportedAttributes, dropped: 0, into: &w, leadingComma: false)
            w.raw("},\"scopeLogs\":[")
            for (s, scopeGroup) in ExportGroups.byScope(resourceGroup).enumerated() {
                if s > 0 { w.raw(UInt8(ascii: ",")) }
                let scope = scopeGroup[0].scope
                w.raw("{\"scope\":{\"name\":")
                w.string(scope.name)
                if let version = scope.version, !version.isEmpty {
                    w.raw(",\"version\":")
                    w.string(version)
                }
                w.raw("},\"logRecords\":[")
                scopeGroup.forEachInPlace { i, record in
                    if i > 0 { w.raw(UInt8(ascii: ",")) }
                    encodeJSON(&record, into: &w, keys: &keys)
                }
                w.raw("]}")
            }
            w.raw("]}")
        }
        w.raw("]}")
    }

    /// `record` is `inout` to be read in place (`Array.forEachInPlace`); it is not written.
    static func encodeJSON(_ record: inout LogRecordData, into w: inout ByteWriter, keys: inout JSONKeyFragments) {
        w.raw("{\"timeUnixNano\":")
        w.quotedDigits(record.timeUnixNano)
        w.raw(",\"observedTimeUnixNano\":")
        w.quotedDigits(record.observedTimeUnixNano)
        w.raw(",\"severityNumber\":")
        w.digits(UInt64(record.severity.rawValue))
        w.raw(",\"severityText\":")
        w.string(record.severityText)
        if let body = record.body {
            w.raw(",\"body\":")
            OTLPJSONEncoder.value(.string(body), into: &w)
        }
        OTLPJSONEncoder.attributes(record.attributes, dropped: record.droppedAttributesCount, into: &w, leadingComma: true, keys: &keys)
        if let context = record.spanContext, context.isValid {
            w.raw(",\"flags\":")
            w.digits(UInt64(record.otlpFlags))
            w.raw(",\"traceId\":")
            w.hex(context.traceID)
            w.raw(",\"spanId\":")
            w.hex(context.spanID)
        }
        if let name = record.eventName, !name.isEmpty {
            w.raw(",\"eventName\":")
            w.string(name)
        }
        w.raw(UInt8(ascii: "}"))
    }

    static func encodeProtobuf(_ records: [LogRecordData], into w: inout ByteWriter) {
        for resourceGroup in ExportGroups.byResource(records) {
            let resourceLogs = w.beginMessage(1)
            OTLPProtobufEncoder.resource(resourceGroup[0].resource, field: 1, into: &w)
            for scopeGroup in ExportGroups.byScope(resourceGroup) {
                let scopeLogs = w.beginMessage(2)
                OTLPProtobufEncoder.scope(name: scopeGroup[0].scope.name, version: scopeGroup[0].scope.version, field: 1, into: &w)
                scopeGroup.forEachInPlace { _, record in encodeProtobuf(&record, field: 2, into: &w) }
                w.endMessage(scopeLogs)
            }
            w.endMessage(resourceLogs)
        }
    }

    /// `record` is `inout` to be read in place (`Array.forEachInPlace`); it is not written.
    static func encodeProtobuf(_ record: inout LogRecordData, field: Int, into w: inout ByteWriter) {
        let message = w.beginMessage(field)
        w.fixed64(1, record.timeUnixNano)
        w.uint(2, UInt64(record.severity.rawValue))
        if !record.severityText.isEmpty { w.string(3, record.severityText) }
        if let body = record.body { OTLPProtobufEncoder.value(.string(body), field: 5, into: &w) }
        OTLPProtobufEncoder.attributes(record.attributes, field: 6, into: &w)
        if record.droppedAttributesCount > 0 { w.uint(7, UInt64(record.droppedAttributesCount)) }
        if let context = record.spanContext, context.isValid {
            if record.otlpFlags != 0 { w.fixed32(8, record.otlpFlags) }
            w.id(9, high: context.traceID.high, low: context.traceID.low)
            w.id(10, context.spanID.value)
        }
        w.fixed64(11, record.observedTimeUnixNano)
        if let name = record.eventName, !name.isEmpty { w.string(12, name) }
        w.endMessage(message)
    }
}
