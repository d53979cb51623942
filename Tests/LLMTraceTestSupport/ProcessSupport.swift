import Foundation
import LLMTrace
#if canImport(Glibc)
import Glibc
#endif

/// Figures about this process from `/proc/self` (Linux), for the benchmark and the reliability
/// suite.
package enum ProcessFigures {
    /// The peak resident set (`VmHWM`), in bytes.
    package static func peakRSSBytes() -> Int { statusField("VmHWM:") * 1024 }

    /// The resident set now (`VmRSS`), in bytes.
    package static func residentBytes() -> Int { statusField("VmRSS:") * 1024 }

    /// Threads in the process.
    package static func threads() -> Int { statusField("Threads:") }

    /// Open file descriptors.
    package static func openFileDescriptors() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).count
    }

    private static func statusField(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            return Int(line.dropFirst(name.count).filter(\.isNumber)) ?? 0
        }
        return 0
    }

    /// This executable's path, to start it again as a child.
    package static var executablePath: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    }
}

/// Reads span ids out of OTLP/JSON bodies without parsing them, fast enough for a sink that
/// must not be what a benchmark measures.
package enum OTLPBody {
    /// Calls `visit` with the offset of each span's id value (just past `"spanId":"`).
    /// `parentSpanId` has a capital S and link ids sit in `links`, which the workloads leave empty.
    ///
    /// The search keys on the rare byte `I` (three per span: `traceId`, `spanId`,
    /// `parentSpanId`) rather than on the quote that opens every token.
    package static func forEachSpanID(in body: [UInt8], _ visit: (Int) -> Void) {
        var offset = 0
        while let position = LoopbackHTTPServer.find(capitalI, in: body, from: offset) {
            offset = position + 1
            // `I` is at index 5 of `"spanId":"`; the quote before `span` turns away `traceId` and
            // `parentSpanId` with one byte read.
            if position >= 5, body[position - 5] == UInt8(ascii: "\""), body.count >= position + 5,
               body[(position - 5)..<(position + 5)].elementsEqual(spanKey) {
                visit(position + 5)
            }
        }
    }

    /// How many spans a body holds.
    package static func countSpans(in body: [UInt8]) -> Int {
        var total = 0
        forEachSpanID(in: body) { _ in total += 1 }
        return total
    }

    /// The span ids of a body, in order.
    package static func spanIDs(in body: [UInt8]) -> [UInt64] {
        var ids: [UInt64] = []
        forEachSpanID(in: body) { start in
            guard start + 16 <= body.count,
                  let id = UInt64(String(decoding: body[start..<(start + 16)], as: UTF8.self), radix: 16)
            else { return }
            ids.append(id)
        }
        return ids
    }

    private static let spanKey = Array("\"spanId\":\"".utf8)
    private static let capitalI = Array("I".utf8)
}

/// A finished child process.
package struct ChildOutput: Sendable {
    /// Exit status, or the signal's number when `signalled`.
    package var status: Int32
    /// Whether a signal ended it.
    package var signalled: Bool
    package var stdout: String
    package var stderr: String
    /// From start to exit.
    package var elapsed: Duration
}

package enum ChildProcess {
    /// Runs `executable` with `arguments` and `environment` (added to this process's), calling
    /// `whileRunning` once it has started; collects its output.
    package static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        whileRunning: (Process) -> Void = { _ in }
    ) throws -> ChildOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        // Read both pipes while it runs, so a chatty child never fills one and stalls.
        let stderrData = Locked(Data())
        let stderrDone = DispatchSemaphore(value: 0)
        Thread {
            let data = err.fileHandleForReading.readDataToEndOfFile()
            stderrData.withLock { $0 = data }
            stderrDone.signal()
        }.start()
        whileRunning(process)
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        stderrDone.wait()
        return ChildOutput(
            status: process.terminationStatus,
            signalled: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData.withLock { $0 }, as: UTF8.self),
            elapsed: clock.now - start
        )
    }
}
