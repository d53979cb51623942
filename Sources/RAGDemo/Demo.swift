import Foundation
import LLMTrace
import LLMTraceGenAI
import LLMTraceSupport

/// One run of the demo: the questions, how many at a time, and the pipeline.
struct Demo: Sendable {
    /// The cost of `outcomes` in billionths of a dollar, each call rounded to one, as the cost
    /// metric counts it.
    static func costNanoUSD(_ outcomes: [QuestionOutcome]) -> Int {
        outcomes.compactMap(\.cost).reduce(0) { $0 + Int(($1 * 1e9).rounded()) }
    }

    let questions: [String]
    let concurrency: Int
    let pipeline: RAGPipeline

    /// Answers every question, `concurrency` at a time; outcomes in question order.
    func run() async -> [QuestionOutcome] {
        await withTaskGroup(of: (Int, QuestionOutcome).self) { group in
            var outcomes = [QuestionOutcome?](repeating: nil, count: questions.count)
            var next = 0
            func startNext() {
                guard next < questions.count else { return }
                let index = next
                next += 1
                group.addTask { [pipeline, questions] in (index, await pipeline.answer(questions[index], index: index)) }
            }
            for _ in 0..<min(concurrency, questions.count) { startNext() }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                startNext()
            }
            return outcomes.compactMap { $0 }
        }
    }
}

/// The closing report: one `name: value` line per figure, so scripts can read it.
struct Summary {
    var outcomes: [QuestionOutcome]
    var export: ExportStatistics
    var sampling: SamplingStatistics?
    var serviceName: String

    var lines: [String] {
        let failed = outcomes.filter { $0.errorType != nil }
        var lines = [
            "questions: \(outcomes.count)",
            "answered: \(outcomes.count - failed.count)",
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
