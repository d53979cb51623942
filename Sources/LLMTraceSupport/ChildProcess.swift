import Foundation

public enum ChildProcess {
    /// Runs `executable` with `arguments` and `environment` (added to this process's), calling
    /// `whileRunning` once it has started; collects its output.
    public static func run(
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
