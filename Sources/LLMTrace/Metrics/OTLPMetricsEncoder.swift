internal import LLMTraceSupport

/// Encodes metric points as an OTLP `ExportMetricsServiceRequest` in the OTLP/JSON mapping:
/// cumulative temporality, counters as monotonic sums, histograms with explicit bounds.
enum OTLPMetricsEncoder {
    /// What each metric is, for the `description` and `unit` fields and the Prometheus names.
    struct Descriptor {
        var description: String
        /// UCUM unit; `{...}` is an annotation (a count of something).
        var unit: String
        /// The `double` counters; the others are integer counts.
        var isDouble = false
    }

    static let descriptors: [String: Descriptor] = [
        GenAI.clientTokenUsage: Descriptor(description: "Number of input and output tokens used.", unit: "{token}"),
        GenAI.clientOperationDuration: Descriptor(description: "GenAI operation duration.", unit: "s"),
        GenAI.clientOperationTimeToFirstChunk: Descriptor(description: "Time to receive the first chunk of a streaming response.", unit: "s"),
        LLMTraceAttributes.requestsMetric: Descriptor(description: "Model calls, failed ones included.", unit: "{request}"),
        LLMTraceAttributes.errorsMetric: Descriptor(description: "Failed model calls, by error.type.", unit: "{error}"),
        LLMTraceAttributes.costMetric: Descriptor(description: "Cost of model calls in US dollars, from the model's price per token.", unit: "{USD}", isDouble: true),
        LLMTraceAttributes.ragStageDurationMetric: Descriptor(description: "Duration of each RAG pipeline stage (rag.step).", unit: "s"),
        GenAI.clientOperationTimePerOutputChunk: Descriptor(description: "Time between chunks of a streaming response, after the first.", unit: "s"),
        GenAI.invokeAgentDuration: Descriptor(description: "GenAI agent duration.", unit: "s"),
        GenAI.executeToolDuration: Descriptor(description: "GenAI tool execution duration.", unit: "s"),
        LLMTraceAttributes.evaluationScoreMetric: Descriptor(description: "Evaluation scores (gen_ai.evaluation.result), by evaluation name and model.", unit: "1"),
    ]

    /// The request body for `points`, grouped by metric name in first-seen order.
    static func encode(_ points: [MetricPoint], resource: Resource, startTimeUnixNano: UInt64, into w: inout ByteWriter) {
        w.raw("{\"resourceMetrics\":[{\"resource\":{")
        OTLPJSONEncoder.attributes(resource.exportedAttributes, dropped: 0, into: &w, leadingComma: false)
        w.raw("},\"scopeMetrics\":[{\"scope\":{\"name\":\"llmtrace\",\"version\":")
        w.string(TracerProvider.sdkVersion)
        w.raw("},\"metrics\":[")
        for (m, group) in grouped(points).enumerated() {
            if m > 0 { w.raw(UInt8(ascii: ",")) }
            let descriptor = descriptors[group.name] ?? Descriptor(description: "", unit: "")
            w.raw("{\"name\":")
            w.string(group.name)
            w.raw(",\"description\":")
            w.string(descriptor.description)
            w.raw(",\"unit\":")
            w.string(descriptor.unit)
            let isHistogram = group.points[0].kind == .histogram
            w.raw(isHistogram ? ",\"histogram\":{\"aggregationTemporality\":2,\"dataPoints\":[" : ",\"sum\":{\"aggregationTemporality\":2,\"isMonotonic\":true,\"dataPoints\":[")
            for (p, point) in group.points.enumerated() {
                if p > 0 { w.raw(UInt8(ascii: ",")) }
                w.raw("{\"startTimeUnixNano\":")
                w.quotedDigits(startTimeUnixNano)
                w.raw(",\"timeUnixNano\":")
                w.quotedDigits(max(point.timeUnixNano, startTimeUnixNano))
                let attributes = Attributes(point.attributes.map { Attribute($0.key, .string($0.value)) })
                OTLPJSONEncoder.attributes(attributes, dropped: 0, into: &w, leadingComma: true)
                if isHistogram {
                    w.raw(",\"count\":")
                    w.quotedDigits(point.count)
                    w.raw(",\"sum\":")
                    w.double(point.sum)
                    if point.count > 0 {
                        w.raw(",\"min\":")
                        w.double(point.min)
                        w.raw(",\"max\":")
                        w.double(point.max)
                    }
                    w.raw(",\"bucketCounts\":[")
                    for (i, count) in point.bucketCounts.enumerated() {
                        if i > 0 { w.raw(UInt8(ascii: ",")) }
                        w.quotedDigits(count)
                    }
                    w.raw("],\"explicitBounds\":[")
                    for (i, bound) in point.bounds.enumerated() {
                        if i > 0 { w.raw(UInt8(ascii: ",")) }
                        w.double(bound)
                    }
                    w.raw("]}")
                } else if descriptor.isDouble {
                    w.raw(",\"asDouble\":")
                    w.double(point.value)
                    w.raw(UInt8(ascii: "}"))
                } else {
                    w.raw(",\"asInt\":")
                    w.quotedDigits(Int64(point.value))
                    w.raw(UInt8(ascii: "}"))
                }
            }
            w.raw("]}}")
        }
        w.raw("]}]}]}")
    }

    static func grouped(_ points: [MetricPoint]) -> [(name: String, points: [MetricPoint])] {
        var order: [String] = []
        var groups: [String: [MetricPoint]] = [:]
        for point in points {
            if groups[point.name] == nil { order.append(point.name) }
            groups[point.name, default: []].append(point)
        }
        return order.map { ($0, groups[$0]!) }
    }
}
