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
