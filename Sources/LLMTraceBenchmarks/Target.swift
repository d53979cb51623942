/// One performance target (issue 18's table) and what this run measured for it.
struct Target {
    var figure: String
    /// `nil` when the configurations it needs were not run.
    var measured: Double?
    var target: Double
    var atMost: Bool
    var unit: Unit

    enum Unit {
        case nanoseconds, spansPerSecond, megabytes, count

        func text(_ value: Double) -> String {
            switch self {
            case .nanoseconds: "\(BenchCommand.grouped(value)) ns"
            case .spansPerSecond: value >= 1_000_000 ? "\(BenchCommand.fixed(value / 1e6, decimals: 2)) M/s" : "\(BenchCommand.grouped(value / 1000)) k/s"
            case .megabytes: "\(BenchCommand.fixed(value, decimals: 1)) MB"
            case .count: BenchCommand.fixed(value, decimals: 3)
            }
        }
    }

    var line: String {
        let goal = "\(atMost ? "≤" : "≥") \(unit.text(target))"
        guard let measured else { return "| \(figure) | not run | \(goal) | |" }
        let met = atMost ? measured <= target : measured >= target
        return "| \(figure) | \(unit.text(measured)) | \(goal) | \(met ? "met" : "**missed**") |"
    }

    /// The rows, from the medians of what was run.
    static func rows(_ measured: [BenchConfiguration: [RunResult]], allocationsPerSpan: (child: Double, root: Double)?, metricsCost: (on: Double, off: Double, cost: Double)?, traces: Int) -> [Target] {
        func median(_ configuration: BenchConfiguration, _ value: (RunResult) -> Double) -> Double? {
            guard let results = measured[configuration], !results.isEmpty else { return nil }
            return results.map(value).sorted()[results.count / 2]
        }
        let caller = { (configuration: BenchConfiguration) in median(configuration, \.callerNanosPerSpan) }
        let throughput = { (configuration: BenchConfiguration) in median(configuration, \.endToEndSpansPerSecond) }
        let rss = { (configuration: BenchConfiguration) in median(configuration) { Double($0.peakRSSBytes) / 1_048_576 } }
        let bestGzip = [throughput(.gzipBigq), throughput(.protobufGzipBigq)].compactMap { $0 }.max()
        let held = BenchCommand.grouped(Double(traces * 4))
        return [
            Target(figure: "caller ns/span, default settings (metrics on, rules on)", measured: caller(.default), target: 250, atMost: true, unit: .nanoseconds),
            Target(figure: "caller ns/span, metrics off", measured: caller(.metricsOff), target: 200, atMost: true, unit: .nanoseconds),
            Target(figure: "cost of LLM metrics per span (on − off, paired rounds in this process, no exporter)", measured: metricsCost?.cost, target: 25, atMost: true, unit: .nanoseconds),
            Target(figure: "e2e spans/s, JSON, nothing dropped (bigq)", measured: throughput(.bigq), target: 2_500_000, atMost: false, unit: .spansPerSecond),
            Target(figure: "e2e spans/s, protobuf, nothing dropped (protobuf-bigq)", measured: throughput(.protobufBigq), target: 4_000_000, atMost: false, unit: .spansPerSecond),
            Target(figure: "e2e spans/s, gzip, nothing dropped (best of gzip-bigq, protobuf-gzip-bigq)", measured: bestGzip, target: 1_000_000, atMost: false, unit: .spansPerSecond),
            Target(figure: "peak RSS, default queue", measured: rss(.default), target: 32, atMost: true, unit: .megabytes),
            Target(figure: "peak RSS, big queue holding \(held) spans, JSON (bigq)", measured: rss(.bigq), target: 120, atMost: true, unit: .megabytes),
            Target(figure: "peak RSS, big queue holding \(held) spans, gzip (gzip-bigq)", measured: rss(.gzipBigq), target: 120, atMost: true, unit: .megabytes),
            Target(figure: "peak RSS, big queue holding \(held) spans, protobuf (protobuf-bigq)", measured: rss(.protobufBigq), target: 120, atMost: true, unit: .megabytes),
            Target(figure: "heap allocations per span start+end with 5 attributes, a child span (caller thread, default chain)", measured: allocationsPerSpan?.child, target: 1, atMost: true, unit: .count),
            Target(figure: "heap allocations per span start+end with 5 attributes, a root span (caller thread, default chain)", measured: allocationsPerSpan?.root, target: 1, atMost: true, unit: .count),
        ]
    }
}
