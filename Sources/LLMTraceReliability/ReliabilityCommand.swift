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

    @Option(name: .customLong("only"), help: "Only the rows whose name contains this text.")
    var only: String?

    @Option(name: .customLong("payload-dir"), help: "Save one request body per row here (for the strict OTLP receiver's replay).")
    var payloadDirectory: String?

    // Child modes: the app side of a row.
    @Option(name: .customLong("child"), help: .hidden) var child: String?
    @Option(name: .customLong("rate"), help: .hidden) var rate = 1000
    @Option(name: .customLong("threads"), help: .hidden) var threads = 2
    @Option(name: .customLong("tasks"), help: .hidden) var tasks = 2
    @Option(name: .customLong("rounds"), help: .hidden) var rounds = 200
    @Flag(name: .customLong("logs"), help: .hidden) var logs = false

    func validate() throws {
        guard seconds >= 1, soakSeconds >= 1, churnRounds >= 1 else { throw ValidationError("durations and rounds must be at least 1") }
    }

    func run() async throws {
        if let child {
            let result: AppResult
            switch child {
            case "workload":
                result = await Child.workload(threads: threads, tasks: tasks, duration: .seconds(seconds), tracesPerSecond: rate, logs: logs, shutdownTimeout: Suite.shutdownTimeout)
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
}
