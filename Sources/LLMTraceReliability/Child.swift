import Foundation
import LLMTrace
import LLMTraceTesting
import Logging
import LLMTraceSupport

/// The app side of each row, run in a child process so that a crash is seen as one, peak RSS is
/// its own, and a signal can end it.
enum Child {
    /// The provider an app would build: from the environment the suite set.
    static func provider() -> TracerProvider {
        TracerProvider(environment: ProcessInfo.processInfo.environment)
    }

    /// A fault or soak row: make traces for `duration`, then shut down with `shutdownTimeout`.
    /// With `progress`, a line of the books so far every 100 ms (for a run that ends by SIGKILL).
    static func workload(threads: Int, tasks: Int, duration: Duration, tracesPerSecond: Int, logs: Bool, progress: Bool = false, shutdownTimeout: Duration) async -> AppResult {
        let provider = provider()
        let handler = provider.logHandler(label: "reliability-app")
        let app = AppWorkload(tracer: provider.tracer("llmtrace-reliability"), logger: logs ? Logger(label: "reliability-app") { _ in handler } : nil)
        if progress {
            Thread {
                while true {
                    Thread.sleep(forTimeInterval: 0.1)
                    var report = AppResult()
                    // Offered first: every span counted here was ended before the books were read.
                    report.offered = app.offeredSpans
                    report.add(provider.statistics)
                    report.maxBlockedNanos = app.maxBlockedNanos
                    FileDescriptorOutput.write(String(decoding: (try? JSONEncoder().encode(report)) ?? Data(), as: UTF8.self) + "\n", to: 1)
                }
            }.start()
        }
        await app.run(threads: threads, tasks: tasks, duration: duration, tracesPerSecond: tracesPerSecond)
        let clock = ContinuousClock()
        let start = clock.now
        let completed = provider.shutdown(timeout: shutdownTimeout)
        let elapsed = clock.now - start
        var result = AppResult()
        // The books of the row's items: the log lines, or the spans.
        result.offered = logs ? app.offeredLines : app.offeredSpans
        result.add(logs ? provider.logStatistics ?? ExportStatistics() : provider.statistics)
        result.maxBlockedNanos = app.maxBlockedNanos
        result.shutdownNanos = elapsed.nanoseconds
        result.shutdownCompleted = completed
        result.peakRSSBytes = ProcessFigures.peakRSSBytes()
        return result
    }

    /// The sample app stopped by a signal: traces until the suite sends SIGTERM; LLMTrace's
    /// handler flushes, this app reports its books, then the signal ends the process.
    static func untilSignal(shutdownTimeout: Duration) async -> Never {
        let provider = provider()
        let app = AppWorkload(tracer: provider.tracer("llmtrace-reliability"))
        provider.shutdownOnSignals(timeout: shutdownTimeout) { [provider] _, flushed in
            app.stop()
            var result = AppResult()
            result.offered = app.offeredSpans
            result.add(provider.statistics)
            result.maxBlockedNanos = app.maxBlockedNanos
            result.shutdownCompleted = flushed
            result.peakRSSBytes = ProcessFigures.peakRSSBytes()
            print(String(decoding: (try? JSONEncoder().encode(result)) ?? Data(), as: UTF8.self))
        }
        await app.run(threads: 2, tasks: 2, duration: .seconds(60), tracesPerSecond: 1000)
        // The handler stops the workers before it reports; the signal then ends the process.
        try? await Task.sleep(for: .seconds(60))
        exit(3)
    }

    /// Many providers, one after another, each used and shut down: descriptors, threads and
    /// memory must come back.
    static func churn(rounds: Int) -> AppResult {
        var result = AppResult()
        var baseline: (fds: Int, threads: Int, rss: Int)?
        for round in 0..<rounds {
            let provider = provider()
            let app = AppWorkload(tracer: provider.tracer("llmtrace-reliability"))
            for worker in 0..<5 { app.trace(worker: worker) }
            provider.forceFlush(timeout: .seconds(2))
            _ = provider.shutdown(timeout: .seconds(2))
            result.offered += app.offeredSpans
            result.add(provider.statistics)
            result.maxBlockedNanos = max(result.maxBlockedNanos, app.maxBlockedNanos)
            // Measured after a few rounds, once libcurl, Dispatch and the runtime have set up
            // what they keep for the life of the process.
            if round == min(9, rounds - 1) {
                baseline = (ProcessFigures.openFileDescriptors(), ProcessFigures.threads(), ProcessFigures.residentBytes())
            }
        }
        if let baseline {
            // Dispatch retires idle worker threads after a while, longer on a loaded machine:
            // give it up to 5 s. A leaked thread stays however long we wait.
            let deadline = ContinuousClock.now + .seconds(5)
            Thread.sleep(forTimeInterval: 0.5)
            while ProcessFigures.threads() - baseline.threads > 2, ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.1)
            }
            result.fdGrowth = ProcessFigures.openFileDescriptors() - baseline.fds
            result.threadGrowth = ProcessFigures.threads() - baseline.threads
            result.rssGrowthBytes = ProcessFigures.residentBytes() - baseline.rss
        }
        result.peakRSSBytes = ProcessFigures.peakRSSBytes()
        return result
    }
}
