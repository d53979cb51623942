import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import LLMTrace
import LLMTraceSupport

/// `llmtrace-bench`: the workload of `../shared/bench/WORKLOAD.md`, every configuration, a table,
/// and the figures against the performance targets.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llmtrace-bench",
        abstract: "Measure LLMTrace on the RAG-trace workload: caller cost, end-to-end throughput, drops, memory, bytes on the wire, allocations.",
        discussion: """
        Run it in a release build: swift run -c release llmtrace-bench. Each run of each \
        configuration is a process of its own (so peak RSS is its own), posting to a fast \
        OTLP/HTTP sink on 127.0.0.1 in another process, as an outside harness would. Figures are \
        the median of --runs runs, with the spread; the last table sets them against the targets.
        """
    )

    @Flag(help: "A smoke run: 2,000 traces, one run per configuration.")
    var quick = false

    @Option(help: "Traces per run (4 spans each). Default: 200,000 (2,000 with --quick).")
    var traces: Int?

    @Option(help: "Runs per configuration; the table shows the median. Default: 3 (1 with --quick).")
    var runs: Int?

    @Option(name: .customLong("config"), help: "Only these configurations: \(BenchConfiguration.allCases.map(\.rawValue).joined(separator: ", ")). Repeatable.")
    var configurations: [String] = []

    @Option(name: .customLong("payload-dir"), help: "Save every request body the sink receives here (to check them with a strict OTLP receiver).")
    var payloadDirectory: String?

    @Option(name: .customLong("child"), help: .hidden)
    var child: String?

    @Option(name: .customLong("endpoint"), help: .hidden)
    var endpoint: String?

    @Flag(name: .customLong("sink"), help: .hidden)
    var sink = false

    /// For profiling a child under valgrind: a queue that holds every span, so the calling
    /// thread never frees dropped ones and its instruction count does not depend on timing.
    @Flag(name: .customLong("hold-all"), help: .hidden)
    var holdAll = false

    /// For profiling the steady flow under valgrind: only the allocation count's workload
    /// (flushed bursts, so the exporter keeps up), posting to `--endpoint`.
    @Flag(name: .customLong("allocations-only"), help: .hidden)
    var allocationsOnly = false

    /// For profiling the calling thread under valgrind: `--traces` traces through `--child`'s
    /// configuration with its exporter replaced by a processor that keeps nothing (as the LLM
    /// metrics' cost is measured), so that no other thread runs. The ended spans are freed on
    /// the calling thread, work the exporter's thread does in a real run, so the profile
    /// includes it.
    @Flag(name: .customLong("caller-only"), help: .hidden)
    var callerOnly = false

    func validate() throws {
        if let traces, traces < 1 { throw ValidationError("--traces must be at least 1") }
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1") }
        for name in configurations + [child].compactMap({ $0 }) where BenchConfiguration(rawValue: name) == nil {
            throw ValidationError("unknown configuration \(name); expected one of \(BenchConfiguration.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if callerOnly && child == nil { throw ValidationError("--caller-only needs --child") }
        if callerOnly && allocationsOnly { throw ValidationError("--caller-only and --allocations-only are two different runs; pass one") }
        if (child != nil && !callerOnly || allocationsOnly) && endpoint == nil { throw ValidationError("--child and --allocations-only need --endpoint") }
    }

    func run() throws {
        if sink { return try SinkProcess.serve(payloadDirectory: payloadDirectory) }
        let traceCount = traces ?? (quick ? 2_000 : 200_000)
        if allocationsOnly, let endpoint {
            let allocations = Workload.allocationsPerSpan(endpoint: endpoint)
            print("allocations per span: child \(allocations?.child ?? .nan), root \(allocations?.root ?? .nan)")
            return
        }
        if callerOnly, let child, let configuration = BenchConfiguration(rawValue: child) {
            Workload.callerOnly(configuration, traces: traceCount)
            return
        }
        if let child, let configuration = BenchConfiguration(rawValue: child), let endpoint {
            let result = Workload.run(configuration, traces: traceCount, endpoint: endpoint, holdAll: holdAll)
            print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
            return
        }
        let runCount = runs ?? (quick ? 1 : 3)
        let selected = configurations.isEmpty ? BenchConfiguration.allCases : configurations.compactMap(BenchConfiguration.init(rawValue:))
        #if DEBUG
        print("warning: debug build; measure with swift run -c release llmtrace-bench")
        #endif
        let executable = ProcessFigures.executablePath
        print("LLMTrace \(TracerProvider.sdkVersion) benchmark: \(traceCount) traces × 4 spans per run (../shared/bench/WORKLOAD.md),")
        print("18 attributes set after start with one setAttribute call each; \(ProcessInfo.processInfo.activeProcessorCount) cores; median of \(runCount) run(s) [min–max];")
        print("every run in a process of its own, the sink in another (the allocation count and the LLM metrics' cost run in this one)")
        let ceiling = try Workload.sinkCeiling(executable: executable, gzip: false)
        let gzipCeiling = try Workload.sinkCeiling(executable: executable, gzip: true)
        print("sink ceiling: \(Self.grouped(ceiling)) spans/s JSON, \(Self.grouped(gzipCeiling)) spans/s gzipped JSON (two libcurl clients posting 512-span batches for 1 s)")
        print("")
        print("| configuration | caller ns/span | end-to-end spans/s | CPU ns/span: process / sink | dropped: sink count / processor | peak RSS MB | wire bytes/span | decoded bytes/span |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        var failures = 0
        var measured: [BenchConfiguration: [RunResult]] = [:]
        for configuration in selected {
            var results: [RunResult] = []
            for _ in 0..<runCount {
                results.append(try Self.measure(configuration, traces: traceCount, executable: executable, payloadDirectory: payloadDirectory))
            }
            measured[configuration] = results
            let drops = results.map { "\($0.droppedBySinkCount) / \($0.droppedByProcessor)" }
            if results.contains(where: { $0.droppedBySinkCount != $0.droppedByProcessor || !$0.flushed }) { failures += 1 }
            print("| \(configuration.rawValue) | \(Self.figure(results.map(\.callerNanosPerSpan), decimals: 0)) | \(Self.figure(results.map(\.endToEndSpansPerSecond), decimals: 0)) | \(Self.figure(results.map(\.cpuNanosPerSpan), decimals: 0)) / \(Self.figure(results.map(\.sinkCPUNanosPerSpan), decimals: 0)) | \(drops.joined(separator: ", ")) | \(Self.figure(results.map { Double($0.peakRSSBytes) / 1_048_576 }, decimals: 1)) | \(Self.figure(results.map(\.wireBytesPerSpan), decimals: 1)) | \(Self.figure(results.map(\.decodedBytesPerSpan), decimals: 1)) |")
        }
        let sinkForAllocations = try SinkProcess(executable: executable, payloadDirectory: nil)
        let allocations = Workload.allocationsPerSpan(endpoint: sinkForAllocations.url)
        _ = try sinkForAllocations.finish()
        let rounds = quick ? 3 : 9
        let tracesPerRound = quick ? 500 : 20_000
        let metricsCost = Workload.metricsCost(rounds: rounds, tracesPerRound: tracesPerRound)
        print("")
        print("caller ns/span in this process without an exporter (medians of \(rounds) rounds of \(Self.grouped(Double(tracesPerRound * 4))) spans each way): LLM metrics on \(Self.grouped(metricsCost.on)), off \(Self.grouped(metricsCost.off)), difference \(Self.grouped(metricsCost.cost))\(quick ? " (a smoke run: too short to judge)" : "")")
        print("")
        print("| figure | measured | target | |")
        print("| --- | --- | --- | --- |")
        for row in Target.rows(measured, allocationsPerSpan: allocations, metricsCost: metricsCost, traces: traceCount) { print(row.line) }
        if failures > 0 {
            print("\nerror: in \(failures) configuration(s) the sink's count and the processor's drop counter disagree, or a flush did not finish")
            throw ExitCode(1)
        }
    }

    /// One run: a sink process, the workload in a child process posting to it, both counts.
    static func measure(_ configuration: BenchConfiguration, traces: Int, executable: String, payloadDirectory: String? = nil) throws -> RunResult {
        let sink = try SinkProcess(executable: executable, payloadDirectory: payloadDirectory)
        let output = try ChildProcess.run(executable, ["--child", configuration.rawValue, "--traces", String(traces), "--endpoint", sink.url])
        let counts = try sink.finish()
        guard !output.signalled, output.status == 0, let line = output.stdout.split(separator: "\n").last
        else { throw ValidationError("child run of \(configuration.rawValue) failed with status \(output.status): \(output.stderr.suffix(300))") }
        var result = try JSONDecoder().decode(RunResult.self, from: Data(line.utf8))
        result.sink = counts
        return result
    }

    /// `median [min–max]`, grouped by thousands.
    static func figure(_ values: [Double], decimals: Int) -> String {
        let sorted = values.sorted()
        let median = sorted[sorted.count / 2]
        let text = { (value: Double) in decimals == 0 ? grouped(value) : fixed(value, decimals: decimals) }
        return sorted.count == 1 ? text(median) : "\(text(median)) [\(text(sorted.first!))–\(text(sorted.last!))]"
    }

    /// `value` with `decimals` digits after the point, as `printf`'s `%.Nf` writes it.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 350)
        _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.\(decimals)f", $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
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
