import Dispatch
import Foundation
import LLMTrace
import LLMTraceTesting
import Logging
import Synchronization
import LLMTraceSupport

/// The app a child process plays: worker threads and tasks that make traces as fast as asked,
/// timing every call into LLMTrace.
final class AppWorkload: Sendable {
    let tracer: Tracer
    /// With a logger, each trace also logs one numbered line (`line-<n>`) inside its root span.
    private let logger: Logger?
    private let lines = Atomic<Int>(0)
    private let offered = Atomic<Int>(0)
    private let maxBlocked = Atomic<UInt64>(0)
    private let stopFlag = Atomic<Bool>(false)
    private let active = Atomic<Int>(0)

    init(tracer: Tracer, logger: Logger? = nil) {
        self.tracer = tracer
        self.logger = logger
    }

    var offeredSpans: Int { offered.load(ordering: .acquiring) }
    var offeredLines: Int { lines.load(ordering: .acquiring) }

    /// The numbers of the `line-<n>` bodies in a log request, JSON or protobuf (the text is
    /// the same bytes in both).
    static func lineNumbers(in body: [UInt8]) -> [UInt64] {
        let marker = Array("line-".utf8)
        var numbers: [UInt64] = []
        var offset = 0
        while let position = LoopbackHTTPServer.find(marker, in: body, from: offset) {
            var i = position + marker.count
            var number: UInt64 = 0
            var digits = 0
            while i < body.count, body[i] >= UInt8(ascii: "0"), body[i] <= UInt8(ascii: "9") {
                number = number &* 10 &+ UInt64(body[i] - UInt8(ascii: "0"))
                i += 1
                digits += 1
            }
            if digits > 0 { numbers.append(number) }
            offset = i
        }
        return numbers
    }
    var maxBlockedNanos: Int64 { Int64(maxBlocked.load(ordering: .acquiring)) }
    /// Asks every worker to stop after its current trace and waits (up to `timeout`) until they have.
    func stop(timeout: Duration = .seconds(2)) {
        stopFlag.store(true, ordering: .releasing)
        let deadline = ContinuousClock.now + timeout
        while active.load(ordering: .acquiring) > 0 && ContinuousClock.now < deadline { usleep(1000) }
    }

    /// Runs `threads` threads and `tasks` tasks until `duration` passes or `stop()`, each at
    /// `tracesPerSecond / (threads + tasks)` traces a second (0: as fast as it can).
    func run(threads: Int, tasks: Int, duration: Duration, tracesPerSecond: Int) async {
        let workers = threads + tasks
        let clock = ContinuousClock()
        let end = clock.now + duration
        let interval: Duration? = tracesPerSecond > 0 ? .nanoseconds(Int64(1e9) * Int64(workers) / Int64(tracesPerSecond)) : nil
        let group = DispatchGroup()
        active.wrappingAdd(workers, ordering: .releasing)
        for worker in 0..<threads {
            group.enter()
            Thread { [self] in
                defer { active.wrappingSubtract(1, ordering: .releasing) }
                var next = clock.now
                while running(until: end) {
                    let wait = step(worker: worker, interval: interval, next: &next)
                    if wait > .zero { Thread.sleep(forTimeInterval: wait.seconds) }
                }
                group.leave()
            }.start()
        }
        await withTaskGroup(of: Void.self) { tasksGroup in
            for worker in threads..<workers {
                tasksGroup.addTask { [self] in
                    defer { active.wrappingSubtract(1, ordering: .releasing) }
                    var next = clock.now
                    while running(until: end) {
                        let wait = step(worker: worker, interval: interval, next: &next)
                        if wait > .zero {
                            try? await Task.sleep(for: wait)
                        } else if Int.random(in: 0..<64) == 0 {
                            await Task.yield() // flat out, but leave the cooperative pool some air
                        }
                    }
                }
            }
        }
        await withCheckedContinuation { continuation in
            group.notify(queue: .global()) { continuation.resume() }
        }
    }

    private func running(until end: ContinuousClock.Instant) -> Bool {
        ContinuousClock.now < end && !stopFlag.load(ordering: .relaxed)
    }

    /// Makes one trace; returns how long to wait before the next to keep to `interval` (after
    /// `next`, the time the next one is due).
    private func step(worker: Int, interval: Duration?, next: inout ContinuousClock.Instant) -> Duration {
        trace(worker: worker)
        guard let interval else { return .zero }
        next += interval
        return max(.zero, next - ContinuousClock.now)
    }

    /// One RAG-shaped trace of four spans; every call into LLMTrace is timed.
    func trace(worker: Int) {
        let root = timed { tracer.startSpan("rag_pipeline", parent: .root, attributes: [GenAI.operationName: .string(GenAI.operationInvokeWorkflow), "worker": .int(worker)]) }
        if let logger {
            let number = lines.wrappingAdd(1, ordering: .relaxed).oldValue
            TraceContext.withSpan(root) { timed { logger.info("line-\(number)", metadata: ["worker": "\(worker)"]) } }
        }
        for step in ["retrieval", "rerank", "chat gpt-4o-mini"] {
            let span = timed { tracer.startSpan(step, parent: .span(root)) }
            timed { span.setAttribute(GenAI.usageInputTokens, 1200) }
            timed { span.end() }
        }
        timed { root.end() }
        offered.wrappingAdd(4, ordering: .relaxed)
    }

    @discardableResult
    private func timed<T>(_ body: () -> T) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = body()
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        if elapsed > maxBlocked.load(ordering: .relaxed) { maxBlocked.max(elapsed, ordering: .relaxed) }
        return result
    }
}
