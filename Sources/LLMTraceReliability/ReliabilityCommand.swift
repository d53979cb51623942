import ArgumentParser
import Foundation
import LLMTrace
#if canImport(Glibc)
import Glibc
#endif
import LLMTraceSupport

/// `llmtrace-reliability`: runs the agent against a misbehaving receiver, under load, through
/// signals and provider churn, and prints what it survived.
@main
struct ReliabilityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llmtrace-reliability",
        abstract: "Run LLMTrace against receiver faults, load, signals and provider churn, and print a table of what arrived, what was dropped and why, duplicates, caller blocking, shutdown time and memory.",
        discussion: """
        Each row runs an app in its own child process against a receiver on 127.0.0.1 that this \
        command controls. A row passes when no span arrived twice, every span the app ended was \
        either accepted by the receiver or counted as dropped with a reason, the app's count of \
        exported spans equals the receiver's, no call into LLMTrace took longer than \
        \(Report.text(Suite.blockedBound)) (\(Report.text(Suite.soakBlockedBound)) in the soak, which \
        oversubscribes the cores on purpose), shutdown returned within its \(Report.text(Suite.shutdownTimeout)) timeout, and \
        the secret header value appeared in no output and no body. The exit status is 1 if any \
        row failed.
        """
    )

    @Option(help: "Seconds each fault row makes traces for.")
    var seconds = 3

    @Option(name: .customLong("soak-seconds"), help: "Seconds of the load soak.")
    var soakSeconds = 10

    @Option(name: .customLong("churn"), help: "Providers made and shut down in the churn row.")
    var churnRounds = 200

    @Option(name: .customLong("only"), help: "Only the rows whose name contains this text (with --outage too; the healthy baseline is a row named \"healthy receiver\").")
    var only: String?

    @Option(name: .customLong("outage"), help: "Instead of the usual rows: a healthy baseline and the collector-restart outages (down, 503, 429 with Retry-After, never answers) of this many seconds each, mid-run; repeatable. Each must lose nothing and stay within 64 MiB of the baseline's peak RSS.")
    var outages: [Int] = []

    @Flag(name: .customLong("spool"), help: "With --outage: the spool on (a new directory per row).")
    var spool = false

    @Option(name: .customLong("queue-max-bytes"), help: "With --outage: LLMTRACE_EXPORT_QUEUE_MAX_BYTES (a cap the outage overflows: losses must be counted exactly).")
    var queueMaxBytes: Int?

    @Option(name: .customLong("spool-max-bytes"), help: "With --outage --spool: LLMTRACE_SPOOL_MAX_BYTES.")
    var spoolMaxBytes: Int?

    @Option(name: .customLong("payload-dir"), help: "Save one request body per row here (for the strict OTLP receiver's replay).")
    var payloadDirectory: String?

    // Child modes: the app side of a row.
    @Option(name: .customLong("child"), help: .hidden) var child: String?
    @Option(name: .customLong("rate"), help: .hidden) var rate = 1000
    @Option(name: .customLong("threads"), help: .hidden) var threads = 2
    @Option(name: .customLong("tasks"), help: .hidden) var tasks = 2
    @Option(name: .customLong("rounds"), help: .hidden) var rounds = 200
    @Flag(name: .customLong("logs"), help: .hidden) var logs = false
    @Flag(name: .customLong("progress"), help: .hidden) var progress = false

    func validate() throws {
        guard seconds >= 1, soakSeconds >= 1, churnRounds >= 1 else { throw ValidationError("durations and rounds must be at least 1") }
    }

    func run() async throws {
        if let child {
            let result: AppResult
            switch child {
            case "workload":
                result = await Child.workload(threads: threads, tasks: tasks, duration: .seconds(seconds), tracesPerSecond: rate, logs: logs, progress: progress, shutdownTimeout: Suite.shutdownTimeout)
            case "churn":
                result = Child.churn(rounds: rounds)
            case "signal":
                await Child.untilSignal(shutdownTimeout: Suite.shutdownTimeout)
            default:
                throw ValidationError("unknown child mode \(child)")
            }
            print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
            return
        }

        #if DEBUG
        print("note: debug build; figures for the README come from swift run -c release llmtrace-reliability")
        #endif
        print("LLMTrace \(TracerProvider.sdkVersion) reliability suite: \(ProcessInfo.processInfo.activeProcessorCount) cores; each fault row: 2 threads + 2 tasks making 1,000 traces/s (4 spans each) for \(seconds) s,")
        print("export timeout 2 s, schedule delay 200 ms, queue 2048, shutdown(timeout: \(Report.text(Suite.shutdownTimeout))); bounds: caller blocked ≤ \(Report.text(Suite.blockedBound)) (soak: \(Report.text(Suite.soakBlockedBound))), shutdown ≤ timeout + \(Report.text(Suite.shutdownSlack))")
        print("")
        Report.header()
        let suite = Suite(payloadDirectory: payloadDirectory, faultSeconds: seconds, soakSeconds: soakSeconds)
        typealias Step = (String, () throws -> Row?)
        if !outages.isEmpty {
            try runOutages(suite)
            return
        }
        var rows: [Step] = Fault.all.map { fault in (fault.name, { try suite.run(fault) }) }
        for variant in [Variant.protobuf, .logs] {
            for fault in Fault.all where variant.faults.contains(fault.name) {
                rows.append((variant.rowName(fault), { try suite.run(fault, variant: variant) }))
            }
        }
        rows += [
            ("soak", { try suite.soak() }),
            ("sample app: SIGTERM", { try suite.sampleAppSignal() }),
            ("rag-demo: SIGINT", { try suite.demoSignal(SIGINT, name: "rag-demo: SIGINT mid-run") }),
            ("rag-demo: SIGTERM", { try suite.demoSignal(SIGTERM, name: "rag-demo: SIGTERM mid-run") }),
            ("providers", { try suite.churn(rounds: churnRounds) }),
            ("SIGKILL while spooling", { try suite.sigkillWhileSpooling() }),
        ]
        var failed: [Row] = []
        var skipped: [String] = []
        for (key, run) in rows where only.map({ key.localizedCaseInsensitiveContains($0) }) ?? true {
            guard let row = try run() else {
                skipped.append(key)
                continue
            }
            Report.line(row)
            if !row.problems.isEmpty { failed.append(row) }
        }
        print("")
        for name in skipped { print("skipped: \(name) (build the rag-demo product next to this one)") }
        for row in failed { print("FAIL \(row.name): \(row.problems.joined(separator: "; "))") }
        if failed.isEmpty {
            print("every row: no duplicates, no uncounted loss, no caller blocked over its bound, shutdown within its timeout, no secret printed or sent")
        } else {
            throw ExitCode(1)
        }
    }

    /// The outage rows: a healthy baseline, then each outage of each length, mid-run.
    private func runOutages(_ suite: Suite) throws {
        var extra: [String: String] = [:]
        if let queueMaxBytes { extra["LLMTRACE_EXPORT_QUEUE_MAX_BYTES"] = String(queueMaxBytes) }
        if let spoolMaxBytes { extra["LLMTRACE_SPOOL_MAX_BYTES"] = String(spoolMaxBytes) }
        // Past a cap, losses are expected: they must be counted exactly, which every row checks.
        let lossless = queueMaxBytes == nil && spoolMaxBytes == nil
        let longest = outages.max() ?? 0
        // After the outage: time for the backlog to drain before the run ends (backoff ≤ 5 s).
        let tail = 10
        var failed: [Row] = []
        let selected = { (name: String) in only.map { name.localizedCaseInsensitiveContains($0) } ?? true }
        var baseline: Row?
        if selected(Fault.all[0].name) {
            let row = try suite.run(Fault.all[0], seconds: longest + tail + 1, environment: extra)
            Report.line(row)
            if !row.problems.isEmpty { failed.append(row) }
            baseline = row
        }
        for seconds in outages {
            for fault in Fault.outages(from: 1, seconds: seconds) where selected(fault.name) {
                var row = spool
                    ? try suite.runSpooled(fault, seconds: seconds + tail + 1, environment: extra, lossless: lossless)
                    : try suite.run(fault, seconds: seconds + tail + 1, environment: extra, lossless: lossless)
                if let peak = row.peakRSSBytes, let healthy = baseline?.peakRSSBytes, peak > healthy + 64 << 20 {
                    row.problems.append("peak RSS \(peak >> 20) MB, over the healthy row's \(healthy >> 20) MB + 64 MiB")
                }
                Report.line(row)
                if !row.problems.isEmpty { failed.append(row) }
            }
        }
        print("")
        for row in failed { print("FAIL \(row.name): \(row.problems.joined(separator: "; "))") }
        if failed.isEmpty {
            print("every outage row: \(lossless ? "nothing lost" : "every loss counted"), no duplicates, peak RSS within 64 MiB of the healthy row")
        } else {
            throw ExitCode(1)
        }
    }
}
