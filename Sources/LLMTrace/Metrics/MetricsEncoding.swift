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
        LLMMetrics.Name.tokenUsage: Descriptor(description: "Number of input and output tokens used.", unit: "{token}"),
        LLMMetrics.Name.operationDuration: Descriptor(description: "GenAI operation duration.", unit: "s"),
        LLMMetrics.Name.timeToFirstChunk: Descriptor(description: "Time to receive the first chunk of a streaming response.", unit: "s"),
        LLMMetrics.Name.requests: Descriptor(description: "Model calls, failed ones included.", unit: "{request}"),
        LLMMetrics.Name.errors: Descriptor(description: "Failed model calls, by error.type.", unit: "{error}"),
        LLMMetrics.Name.cost: Descriptor(description: "Cost of model calls in US dollars, from the model's price per token.", unit: "{USD}", isDouble: true),
        LLMMetrics.Name.ragStageDuration: Descriptor(description: "Duration of each RAG pipeline stage (rag.step).", unit: "s"),
    ]

    /// The request body for `points`, grouped by metric name in first-seen order.
    static func encode(_ points: [MetricPoint], resource: Resource, startTimeUnixNano: UInt64, into w: inout JSONWriter) {
        w.raw("{\"resourceMetrics\":[{\"resource\":{")
        OTLPJSONEncoder.attributes(resource.attributes, dropped: 0, into: &w, leadingComma: false)
        w.raw("},\"scopeMetrics\":[{\"scope\":{\"name\":\"llmtrace\",\"version\":")
        w.string(LLMTraceVersion.current)
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

/// Renders metric points in the Prometheus text exposition format (version 0.0.4), with the
/// names the OpenTelemetry Collector's Prometheus exporter gives the same metrics: dots become
/// underscores, `s` adds `_seconds`, `{...}` units add nothing, counters end in `_total`.
enum PrometheusText {
    static func render(_ points: [MetricPoint]) -> String {
        var out = ""
        for group in OTLPMetricsEncoder.grouped(points) {
            let descriptor = OTLPMetricsEncoder.descriptors[group.name]
            let name = metricName(group.name, unit: descriptor?.unit ?? "")
            let isHistogram = group.points[0].kind == .histogram
            let family = isHistogram ? name : name + "_total"
            if let help = descriptor?.description, !help.isEmpty {
                out += "# HELP \(family) \(escapeHelp(help))\n"
            }
            out += "# TYPE \(family) \(isHistogram ? "histogram" : "counter")\n"
            for point in group.points {
                let labels = point.attributes.map { (labelName($0.key), $0.value) }
                if isHistogram {
                    var cumulative: UInt64 = 0
                    for (i, count) in point.bucketCounts.enumerated() {
                        cumulative += count
                        let le = i < point.bounds.count ? number(point.bounds[i]) : "+Inf"
                        out += "\(name)_bucket\(labelText(labels + [("le", le)])) \(cumulative)\n"
                    }
                    out += "\(name)_sum\(labelText(labels)) \(number(point.sum))\n"
                    out += "\(name)_count\(labelText(labels)) \(point.count)\n"
                } else {
                    out += "\(family)\(labelText(labels)) \(number(point.value))\n"
                }
            }
        }
        return out
    }

    static func metricName(_ name: String, unit: String) -> String {
        var result = sanitize(name)
        if unit == "s" && !result.hasSuffix("_seconds") { result += "_seconds" }
        return result
    }

    static func labelName(_ key: String) -> String { sanitize(key) }

    /// Characters outside `[a-zA-Z0-9_]` become `_`; a leading digit gets a `_` in front.
    private static func sanitize(_ text: String) -> String {
        var result = String(text.unicodeScalars.map { scalar -> Character in
            let ok = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9") || scalar == "_"
            return ok ? Character(scalar) : "_"
        })
        if let first = result.unicodeScalars.first, first >= "0" && first <= "9" { result = "_" + result }
        return result
    }

    private static func labelText(_ labels: [(String, String)]) -> String {
        guard !labels.isEmpty else { return "" }
        return "{" + labels.map { "\($0.0)=\"\(escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
    }

    /// Label values escape backslash, quote and newline; help text only backslash and newline.
    private static func escapeLabel(_ value: String, quote: Bool = true) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"" where quote: out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    private static func escapeHelp(_ text: String) -> String { escapeLabel(text, quote: false) }

    /// Shortest round-trip text; integral values without a fraction.
    private static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
