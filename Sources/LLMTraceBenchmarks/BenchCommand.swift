import ArgumentParser
import Foundation
import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

/// `llmtrace-bench`: the workload of `../shared/bench/WORKLOAD.md`, every configuration, a table.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llmtrace-bench",
        abstract: "Measure LLMTrace on the RAG-trace workload: caller cost, end-to-end throughput, drops, memory, bytes on the wire.",
        discussion: """
        Run it in a release build: swift run -c release llmtrace-bench. Each configuration runs in \
        its own child process (so peak RSS is its own), against a fast OTLP/HTTP sink on 127.0.0.1 \
        started by the benchmark. Figures are the median of --runs runs, with the spread.
        """
    )

    @Flag(help: "A smoke run: 2,000 traces, one run per configuration.")
    var quick = false

    @Option(help: "Traces per run (4 spans each). Default: 200,000 (2,000 with --quick).")
    var traces: Int?

    @Option(help: "Runs per configuration; the table shows the median. Default: 3 (1 with --quick).")
    var runs: Int?

    @Option(name: .customLong("config"), help: "Only these configurations: default, bigq, gzip-bigq, rules, protobuf-bigq, protobuf-gzip-bigq, bigq-concurrency1. Repeatable.")
    var configurations: [String] = []

    @Option(name: .customLong("payload-dir"), help: "Save every request body the sink receives here (to check them with a strict OTLP receiver).")
    var payloadDirectory: String?

    @Option(name: .customLong("child"), help: .hidden)
    var child: String?

    func validate() throws {
        if let traces, traces < 1 { throw ValidationError("--traces must be at least 1") }
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1") }
        for name in configurations + [child].compactMap({ $0 }) where BenchConfiguration(rawValue: name) == nil {
            throw ValidationError("unknown configuration \(name); expected one of \(BenchConfiguration.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let traceCount = traces ?? (quick ? 2_000 : 200_000)
        if let child, let configuration = BenchConfiguration(rawValue: child) {
            let result = try Workload.run(configuration, traces: traceCount, payloadDirectory: payloadDirectory)
            print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
            return
        }
        let runCount = runs ?? (quick ? 1 : 3)
        let selected = configurations.isEmpty ? BenchConfiguration.allCases : configurations.compactMap(BenchConfiguration.init(rawValue:))
        #if DEBUG
        print("warning: debug build; measure with swift run -c release llmtrace-bench")
        #endif
        print("LLMTrace \(TracerProvider.sdkVersion) benchmark: \(traceCount) traces × 4 spans per run (../shared/bench/WORKLOAD.md),")
        print("18 attributes set after start with one setAttribute call each; \(ProcessInfo.processInfo.activeProcessorCount) cores; median of \(runCount) run(s) [min–max]")
        print("sink ceiling: \(Self.grouped(try Workload.sinkCeiling())) spans/s (two libcurl clients posting 512-span JSON batches for 1 s)")
        print("")
        print("| configuration | caller ns/span | end-to-end spans/s | dropped: sink count / processor | peak RSS MB | wire bytes/span | decoded bytes/span |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        let executable = ProcessFigures.executablePath
        var failures = 0
        for configuration in selected {
            var results: [RunResult] = []
            for _ in 0..<runCount {
                var arguments = ["--child", configuration.rawValue, "--traces", String(traceCount)]
                if let payloadDirectory { arguments += ["--payload-dir", payloadDirectory] }
                results.append(try Self.runChild(executable, arguments))
            }
            let caller = results.map(\.callerNanosPerSpan)
            let throughput = results.map(\.endToEndSpansPerSecond)
            let rss = results.map { Double($0.peakRSSBytes) / 1_048_576 }
            let drops = results.map { "\($0.droppedBySinkCount) / \($0.droppedByProcessor)" }
            if results.contains(where: { $0.droppedBySinkCount != $0.droppedByProcessor || !$0.flushed }) { failures += 1 }
            print("| \(configuration.rawValue) | \(Self.figure(caller, decimals: 0)) | \(Self.figure(throughput, decimals: 0)) | \(drops.joined(separator: ", ")) | \(Self.figure(rss, decimals: 1)) | \(Self.figure(results.map(\.wireBytesPerSpan), decimals: 1)) | \(Self.figure(results.map(\.decodedBytesPerSpan), decimals: 1)) |")
        }
        if failures > 0 {
            print("\nerror: in \(failures) configuration(s) the sink's count and the processor's drop counter disagree, or a flush did not finish")
            throw ExitCode(1)
        }
    }

    static func runChild(_ executable: String, _ arguments: [String]) throws -> RunResult {
        let output = try ChildProcess.run(executable, arguments)
        guard !output.signalled, output.status == 0, let line = output.stdout.split(separator: "\n").last
        else { throw ValidationError("child run \(arguments.joined(separator: " ")) failed with status \(output.status): \(output.stderr.suffix(300))") }
        return try JSONDecoder().decode(RunResult.self, from: Data(line.utf8))
    }

    /// `median [min–max]`, grouped by thousands.
    static func figure(_ values: [Double], decimals: Int) -> String {
        let sorted = values.sorted()
        let median = sorted[sorted.count / 2]
        let text = { (value: Double) in decimals == 0 ? grouped(value) : String(format: "%.\(decimals)f", value) }
        return sorted.count == 1 ? text(median) : "\(text(median)) [\(text(sorted.first!))–\(text(sorted.last!))]"
    }

    static func grouped(_ value: Double) -> String {
        let digits = String(Int(value.rounded()))
        var result = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 && character != "-" { result.append(",") }
            result.append(character)
        }
        return String(result.reversed())
    }
}
