internal import LLMTraceSupport

extension OTLPMetricsEncoder {
    /// The `ExportMetricsServiceRequest` for `points` in the protobuf binary format: the same
    /// metrics, grouping and values as the JSON form.
    static func encodeProtobuf(_ points: [MetricPoint], resource: Resource, startTimeUnixNano: UInt64, into w: inout ByteWriter) {
        let resourceMetrics = w.beginMessage(1)
        OTLPProtobufEncoder.resource(resource, field: 1, into: &w)
        let scopeMetrics = w.beginMessage(2)
        OTLPProtobufEncoder.scope(name: "llmtrace", version: TracerProvider.sdkVersion, field: 1, into: &w)
        for group in grouped(points) {
            let descriptor = descriptors[group.name] ?? Descriptor(description: "", unit: "")
            let metric = w.beginMessage(2)
            w.string(1, group.name)
            if !descriptor.description.isEmpty { w.string(2, descriptor.description) }
            if !descriptor.unit.isEmpty { w.string(3, descriptor.unit) }
            let isHistogram = group.points[0].kind == .histogram
            // histogram (9) or sum (7); both cumulative (aggregation_temporality 2).
            let data = w.beginMessage(isHistogram ? 9 : 7)
            for point in group.points {
                let dataPoint = w.beginMessage(1)
                let attributes = Attributes(point.attributes.map { Attribute($0.key, .string($0.value)) })
                w.fixed64(2, startTimeUnixNano)
                w.fixed64(3, max(point.timeUnixNano, startTimeUnixNano))
                if isHistogram {
                    if point.count > 0 { w.fixed64(4, point.count) }
                    w.double(5, point.sum)
                    w.packedFixed64(6, point.bucketCounts)
                    w.packedDouble(7, point.bounds)
                    OTLPProtobufEncoder.attributes(attributes, field: 9, into: &w)
                    if point.count > 0 {
                        w.double(11, point.min)
                        w.double(12, point.max)
                    }
                } else {
                    if descriptor.isDouble {
                        w.double(4, point.value)
                    } else {
                        w.sfixed64(6, Int64(point.value))
                    }
                    OTLPProtobufEncoder.attributes(attributes, field: 7, into: &w)
                }
                w.endMessage(dataPoint)
            }
            w.uint(2, 2)
            if !isHistogram { w.bool(3, true) }
            w.endMessage(data)
            w.endMessage(metric)
        }
        w.endMessage(scopeMetrics)
        w.endMessage(resourceMetrics)
    }
}
