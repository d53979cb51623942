import Foundation
import LLMTrace
import LLMTraceGenAI
import RAGDemoKit
import LLMTraceSupport

/// The closing report: one `name: value` line per figure, so scripts can read it.
struct Summary {
    var outcomes: [QuestionOutcome]
    var export: ExportStatistics
    var sampling: SamplingStatistics?
    var serviceName: String
    /// The log records' delivery, when any were logged through LLMTrace.
    var logs: ExportStatistics?

    var lines: [String] {
        let failed = outcomes.filter { $0.errorType != nil }
        var lines = [
            "questions: \(outcomes.count)",
            "answered: \(outcomes.count - failed.count)",
            "model_calls: \(outcomes.map(\.modelCalls).reduce(0, +) + failed.count)",
            "errors: \(failed.count)",
        ]
        for (type, count) in Dictionary(grouping: failed, by: { $0.errorType ?? "" }).mapValues(\.count).sorted(by: { $0.key < $1.key }) {
            lines.append("errors_\(type): \(count)")
        }
        let usages = outcomes.compactMap(\.usage)
        lines.append("input_tokens: \(usages.map(\.inputTokens).reduce(0, +))")
        lines.append("output_tokens: \(usages.map(\.outputTokens).reduce(0, +))")
        let costs = outcomes.compactMap(\.cost)
        // Summed in billionths of a dollar, as LLMTrace's cost metric sums it: the two agree exactly.
        lines.append("cost_usd: " + (usages.count == costs.count ? Self.usd(nanos: Demo.costNanoUSD(outcomes)) : "unknown (model has no price)"))
        let latencies = outcomes.map { $0.latency.seconds * 1000 }
        lines.append("latency_p50_ms: \(Self.format(Self.percentile(latencies, 0.50), decimals: 1))")
        lines.append("latency_p95_ms: \(Self.format(Self.percentile(latencies, 0.95), decimals: 1))")
        lines.append("spans_exported: \(export.exported)")
        lines.append("spans_dropped: \(export.lost)")
        for (reason, count) in export.failedByReason.sorted(by: { $0.key < $1.key }) {
            lines.append("spans_failed_\(reason.replacingOccurrences(of: " ", with: "_")): \(count)")
        }
        for (reason, count) in export.evictedByReason.sorted(by: { $0.key < $1.key }) {
            lines.append("spans_evicted_\(reason.replacingOccurrences(of: " ", with: "_")): \(count)")
        }
        // Not lost: on disk for the next run (LLMTRACE_SPOOL_DIR).
        if export.spooled > 0 { lines.append("spans_spooled: \(export.spooled)") }
        if let logs {
            lines.append("log_records_exported: \(logs.exported)")
            lines.append("log_records_dropped: \(logs.lost)")
        }
        if let sampling {
            for (rule, count) in sampling.tracesKept.sorted(by: { $0.key < $1.key }) {
                lines.append("traces_kept_\(rule): \(count)")
            }
            lines.append("traces_dropped: \(sampling.tracesDropped)")
        }
        lines.append("jaeger: http://localhost:16686/search?service=\(serviceName.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? serviceName)")
        return lines
    }

    /// `nanos` billionths of a dollar as a decimal with nine places.
    static func usd(nanos: Int) -> String {
        let fraction = String(nanos % 1_000_000_000)
        return "\(nanos / 1_000_000_000)." + String(repeating: "0", count: 9 - fraction.count) + fraction
    }

    /// Nearest-rank percentile; 0 for no values.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    static func format(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
