import Foundation
import LLMTrace
import LLMTraceTesting
#if canImport(Glibc)
import Glibc
#endif
import LLMTraceSupport
import Synchronization

/// Runs each row's child against a fault receiver and checks the books of both sides.
struct Suite {
    /// Sent as the `x-api-key` header; must never show up in a log line, an error or a span.
    static let secret = "sk-llmtrace-SECRET-\(UInt32.random(in: 100_000...999_999))"

    /// No call to start, end or annotate a span may take longer (README "What LLMTrace survives").
    static let blockedBound: Duration = .milliseconds(50)
    /// The soak's bound: it runs six busy workers on purpose, 3 per core with the export and
    /// receiver threads besides, so its longest call is mostly time spent preempted.
    static let soakBlockedBound: Duration = .milliseconds(200)
    /// `shutdown(timeout:)` may overrun its timeout by this much: waking a thread is not instant.
    static let shutdownSlack: Duration = .milliseconds(50)
    static let shutdownTimeout: Duration = .seconds(3)

    let executable = ProcessFigures.executablePath
    let payloadDirectory: String?
    let faultSeconds: Int
    let soakSeconds: Int

    /// The environment every child gets: a short export timeout and schedule delay, so each
    /// fault plays out in seconds, and a secret header.
    func environment(port: Int) -> [String: String] {
        [
            "OTEL_SERVICE_NAME": "llmtrace-reliability",
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:\(port)",
            "OTEL_EXPORTER_OTLP_HEADERS": "x-api-key=\(Self.secret)",
            "OTEL_EXPORTER_OTLP_TIMEOUT": "2000",
            "OTEL_BSP_SCHEDULE_DELAY": "200",
            // LLM metrics are pushed to the same faulty receiver every 500 ms: shutdown's
            // timeout covers their last push too.
            "OTEL_METRICS_EXPORTER": "otlp",
            "OTEL_METRIC_EXPORT_INTERVAL": "500",
            "OTEL_LOG_LEVEL": "info",
        ]
    }

    /// A fault row: the child makes traces (and, for `.logs`, one log line each) for
    /// `seconds` (default `faultSeconds`) against `fault`; the receiver books the variant's
    /// items. A row against a fault the delivery queue bridges must lose nothing.
    func run(_ fault: Fault, variant: Variant = .spans, seconds: Int? = nil, environment extra: [String: String] = [:], lossless: Bool? = nil) throws -> Row {
        var arguments = ["--child", "workload", "--seconds", String(seconds ?? faultSeconds), "--rate", "1000"]
        if variant == .logs { arguments.append("--logs") }
        var row = try runChild(fault: fault, name: variant.rowName(fault), arguments: arguments, variant: variant, environment: extra)
        if lossless ?? Fault.bridged.contains(fault.name), row.droppedTotal > 0 {
            row.problems.append("lost \(row.droppedTotal) items to a fault the delivery queue bridges")
        }
        return row
    }

    /// An outage row with the spool on: the spool directory's size is sampled while it runs.
    func runSpooled(_ fault: Fault, seconds: Int, environment extra: [String: String], lossless: Bool) throws -> Row {
        let directory = NSTemporaryDirectory() + "llmtrace-reliability-spool-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let peak = Atomic<Int>(0)
        let done = Atomic<Bool>(false)
        let sampler = Thread {
            while !done.load(ordering: .acquiring) {
                peak.max(Self.directoryBytes(directory + "/traces"), ordering: .relaxed)
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        sampler.start()
        var row = try run(fault, seconds: seconds, environment: extra.merging(["LLMTRACE_SPOOL_DIR": directory]) { $1 }, lossless: lossless)
        done.store(true, ordering: .releasing)
        let cap = extra["LLMTRACE_SPOOL_MAX_BYTES"].flatMap(Int.init) ?? DeliveryConfiguration().spoolMaxBytes
        let peakBytes = peak.load(ordering: .relaxed)
        row.name += String(format: ", spool (peak %.1f MB of %.1f MB)", Double(peakBytes) / 1_048_576, Double(cap) / 1_048_576)
        if peakBytes > cap { row.problems.append("the spool grew to \(peakBytes) bytes, over its cap of \(cap)") }
        return row
    }

    static func directoryBytes(_ directory: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.reduce(0) { total, name in
            total + (((try? FileManager.default.attributesOfItem(atPath: directory + "/" + name))?[.size] as? Int) ?? 0)
        }
    }

    /// A process killed with SIGKILL while it spools (its receiver away), then the next process
    /// on the same spool directory, with a receiver: what the first had on disk arrives, once.
    func sigkillWhileSpooling() throws -> Row {
        let directory = NSTemporaryDirectory() + "llmtrace-reliability-spool-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spool = ["LLMTRACE_SPOOL_DIR": directory]
        var first = environment(port: LoopbackHTTPServer.closedPort()).merging(spool) { $1 }
        first["OTEL_LOGS_EXPORTER"] = "none"
        let killed = try ChildProcess.run(executable, ["--child", "workload", "--seconds", "60", "--rate", "1000", "--progress"], environment: first) { process in
            Thread.sleep(forTimeInterval: 2.5)
            process.signal(SIGKILL)
        }
        var row = Row(name: "SIGKILL while spooling, then a new process")
        let progress = killed.stdout.split(separator: "\n").compactMap { try? JSONDecoder().decode(AppResult.self, from: Data($0.utf8)) }
        guard killed.signalled, killed.status == SIGKILL, let last = progress.last else {
            let ended = killed.signalled ? "signal \(killed.status)" : "exit status \(killed.status)"
            row.problems.append("the first process did not report progress and die by SIGKILL (\(ended), \(progress.count) reports, \(killed.stdout.utf8.count) bytes of output): \(killed.stderr.suffix(300))")
            return row
        }
        let receiver = try FaultReceiver(fault: Fault.all[0], payloadDirectory: payloadDirectory, bookedPath: Variant.spans.bookedPath)
        defer { receiver.stop() }
        let output = try ChildProcess.run(executable, ["--child", "workload", "--seconds", "1", "--rate", "1000"],
                                          environment: environment(port: receiver.port).merging(spool) { $1 }.merging(["OTEL_LOGS_EXPORTER": "none"]) { $1 })
        guard let line = output.stdout.split(separator: "\n").last, let next = try? JSONDecoder().decode(AppResult.self, from: Data(line.utf8)) else {
            row.problems.append("no result from the second process: \(output.stderr.suffix(300))")
            return row
        }
        let books = receiver.snapshot
        // The first process's spans that were encoded and on disk at its last report must all
        // arrive; what it lost is what it had not yet written (its last schedule delay's spans
        // and the batch being written), which the bound below allows.
        let lostAtKill = last.offered - next.recovered
        row.offered = last.offered + next.offered
        row.delivered = books.accepted.count
        row.duplicates = books.duplicates
        row.dropped = next.droppedByReason
        if lostAtKill > 0 { row.dropped["not on disk at SIGKILL", default: 0] += lostAtKill }
        row.peakRSSBytes = next.peakRSSBytes
        row.maxBlockedNanos = max(last.maxBlockedNanos, next.maxBlockedNanos)
        row.shutdownNanos = next.shutdownNanos
        if next.recovered < last.spooled { row.problems.append("\(last.spooled) spans were on disk, the next process recovered \(next.recovered)") }
        // 4,000 spans/s: 200 ms of schedule delay, 100 ms between reports, one batch of 512.
        if lostAtKill > 800 + 400 + 512 { row.problems.append("\(lostAtKill) spans lost at SIGKILL, over a schedule delay, a report interval and one batch") }
        if books.duplicates > 512 { row.problems.append("\(books.duplicates) spans arrived twice, over one batch") }
        var app = next
        app.offered = next.offered + next.recovered
        var checked = row
        checked.offered = app.offered
        checked.dropped = next.droppedByReason
        check(&checked, app: app, books: books, output: output, blockedBound: Self.blockedBound)
        row.problems += checked.problems
        return row
    }

    /// The soak: six workers as fast as they can, against a healthy receiver.
    func soak() throws -> Row {
        try runChild(fault: Fault.all[0], name: "soak: 3 threads + 3 tasks, \(soakSeconds) s flat out",
                     arguments: ["--child", "workload", "--seconds", String(soakSeconds), "--rate", "0", "--threads", "3", "--tasks", "3"],
                     blockedBound: Self.soakBlockedBound)
    }

    /// Providers made, used and shut down one after another.
    func churn(rounds: Int) throws -> Row {
        var row = try runChild(fault: Fault.all[0], name: "\(rounds) providers made and shut down", arguments: ["--child", "churn", "--rounds", String(rounds)])
        row.shutdownNanos = nil
        return row
    }

    /// The sample app (this program's child mode) ended by SIGTERM mid-run.
    func sampleAppSignal() throws -> Row {
        try runChild(fault: Fault.all[0], name: "sample app: SIGTERM mid-run", arguments: ["--child", "signal"], signal: SIGTERM)
    }

    private func runChild(fault: Fault, name: String, arguments: [String], variant: Variant = .spans, environment extra: [String: String] = [:], signal: Int32? = nil, blockedBound: Duration = Suite.blockedBound) throws -> Row {
        let receiver = try FaultReceiver(fault: fault, payloadDirectory: payloadDirectory, bookedPath: variant.bookedPath)
        defer { receiver.stop() }
        var signalSent: ContinuousClock.Instant?
        let childEnvironment = environment(port: receiver.port).merging(variant.environment) { $1 }.merging(extra) { $1 }
        let output = try ChildProcess.run(executable, arguments, environment: childEnvironment) { process in
            guard let signal else { return }
            Thread.sleep(forTimeInterval: 1.5)
            signalSent = .now
            process.signal(signal)
        }
        let exited = ContinuousClock.now
        var row = Row(name: name)
        if let signal {
            if !(output.signalled && output.status == signal) {
                row.problems.append("expected to end by signal \(signal), ended with \(output.signalled ? "signal" : "status") \(output.status)")
            }
        } else if output.signalled || output.status != 0 {
            row.problems.append("child \(output.signalled ? "killed by signal" : "exited with status") \(output.status): \(output.stderr.suffix(300))")
        }
        guard let line = output.stdout.split(separator: "\n").last,
              let app = try? JSONDecoder().decode(AppResult.self, from: Data(line.utf8))
        else {
            row.problems.append("no result from the child")
            return row
        }
        let books = receiver.snapshot
        row.offered = app.offered
        row.delivered = books.accepted.count
        row.dropped = app.droppedByReason
        row.duplicates = books.duplicates
        row.maxBlockedNanos = app.maxBlockedNanos
        row.shutdownNanos = signalSent.map { (exited - $0).nanoseconds } ?? app.shutdownNanos
        row.peakRSSBytes = app.peakRSSBytes
        check(&row, app: app, books: books, output: output, blockedBound: blockedBound)
        return row
    }

    /// The rag-demo executable built next to this one, ended by `signal` mid-run.
    func demoSignal(_ signal: Int32, name: String) throws -> Row? {
        let demo = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("rag-demo").path
        guard FileManager.default.isExecutableFile(atPath: demo) else { return nil }
        let receiver = try FaultReceiver(fault: Fault.all[0], payloadDirectory: payloadDirectory, bookedPath: Variant.spans.bookedPath)
        defer { receiver.stop() }
        var signalSent = ContinuousClock.now
        let output = try ChildProcess.run(demo, ["--questions", "100000", "--concurrency", "4", "--latency-scale", "0.05", "--seed", "7"], environment: environment(port: receiver.port)) { process in
            // Mid-run means once spans arrive (the demo handles signals before it makes one),
            // then a second more: a fixed sleep from launch can end a slow cold start by the
            // signal's default action, before the handler exists.
            let deadline = ContinuousClock.now + .seconds(30)
            while process.isRunning, receiver.snapshot.requests == 0, ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
            Thread.sleep(forTimeInterval: 1)
            signalSent = .now
            process.signal(signal)
        }
        let exited = ContinuousClock.now
        var row = Row(name: name)
        if !(output.signalled && output.status == signal) {
            row.problems.append("expected to end by signal \(signal), ended with status \(output.status)")
        }
        let figures = Dictionary(output.stdout.split(separator: "\n").compactMap { line -> (String, Int)? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let value = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
            return (String(parts[0]), value)
        }, uniquingKeysWith: { $1 })
        guard let exported = figures["spans_exported"], let dropped = figures["spans_dropped"] else {
            row.problems.append("no interrupted summary from rag-demo: \(output.stdout.suffix(300))")
            return row
        }
        let books = receiver.snapshot
        row.offered = exported + dropped
        row.delivered = books.accepted.count
        if dropped > 0 { row.dropped = ["counted by the demo": dropped] }
        row.duplicates = books.duplicates
        row.shutdownNanos = (exited - signalSent).nanoseconds
        var app = AppResult()
        app.offered = row.offered
        app.exported = exported
        check(&row, app: app, books: books, output: output, blockedBound: Self.blockedBound)
        if books.accepted.isEmpty { row.problems.append("nothing arrived") }
        return row
    }

    /// The promises every row keeps.
    private func check(_ row: inout Row, app: AppResult, books: FaultReceiver.Books, output: ChildOutput, blockedBound: Duration) {
        if row.duplicates > 0 { row.problems.append("\(row.duplicates) items delivered twice") }
        // A request the client stopped waiting for (its timeout, or shutdown ending it) is the
        // one drop whose outcome the client cannot know: the receiver may have taken it just
        // before (a slow answer on a loaded machine, a 16 MB answer still being written). Such
        // items are the receiver's surplus over the app's count, and can be no more than what
        // the app counted as timed out or cut short by shutdown.
        let surplus = row.delivered - app.exported
        let cutShort = (row.dropped[ExportError.timeout.reason] ?? 0) + (row.dropped[ExportError.shutdown.reason] ?? 0)
        if surplus > 0, surplus <= cutShort {
            row.arrivedCutShort = surplus
        }
        let uncounted = row.offered - row.delivered - row.droppedTotal + row.arrivedCutShort
        if uncounted != 0 { row.problems.append("\(uncounted) items neither delivered nor counted as dropped") }
        if app.exported + row.arrivedCutShort != row.delivered { row.problems.append("app counted \(app.exported) exported, receiver accepted \(row.delivered)") }
        if let blocked = row.maxBlockedNanos, blocked > blockedBound.nanoseconds {
            row.problems.append("a call blocked the app for \(Report.milliseconds(blocked))")
        }
        if let shutdown = row.shutdownNanos, shutdown > (Self.shutdownTimeout + Self.shutdownSlack).nanoseconds {
            row.problems.append("shutdown took \(Report.milliseconds(shutdown)), over its \(Report.text(Self.shutdownTimeout)) timeout")
        }
        if output.stdout.contains(Self.secret) || output.stderr.contains(Self.secret) { row.problems.append("the secret header value was printed") }
        if books.secretInBody > 0 { row.problems.append("the secret header value was in \(books.secretInBody) exported bodies") }
        if books.missingHeader > 0 { row.problems.append("\(books.missingHeader) requests lacked the configured header") }
        if app.fdGrowth > 0 { row.problems.append("\(app.fdGrowth) file descriptors leaked") }
        if app.threadGrowth > 2 { row.problems.append("\(app.threadGrowth) more threads at the end") }
        if app.rssGrowthBytes > 32 << 20 { row.problems.append("resident memory grew by \(app.rssGrowthBytes >> 20) MB") }
    }
}
