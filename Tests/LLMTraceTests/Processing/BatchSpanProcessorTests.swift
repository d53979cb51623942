import Dispatch
import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

/// An exporter that blocks until released, to hold the export queue busy.
final class GatedExporter: SpanExporter {
    let gate = DispatchSemaphore(value: 0)
    let entered = DispatchSemaphore(value: 0)
    let batches = Locked<[[SpanData]]>([])
    func export(_ batch: [SpanData], deadline: ContinuousClock.Instant) -> ExportResult {
        entered.signal()
        _ = gate.wait(timeout: .now() + .seconds(10))
        batches.withLock { $0.append(batch) }
        return .success
    }
}

final class FailingExporter: SpanExporter {
    func export(_ batch: [SpanData], deadline: ContinuousClock.Instant) -> ExportResult { .failure(.httpStatus(400, retryable: false, message: "bad")) }
}

@Suite struct BatchSpanProcessorTests {
    func config(queue: Int, batch: Int) -> BatchConfiguration {
        var config = BatchConfiguration()
        config.maxQueueSize = queue
        config.maxExportBatchSize = batch
        config.scheduleDelay = .seconds(3600)
        return config
    }

    @Test func dropsSpansOnceQueueIsFullAndCountsThem() {
        let exporter = GatedExporter()
        let processor = BatchSpanProcessor(exporter: exporter, configuration: config(queue: 2, batch: 2))
        // A first full batch occupies the export queue until the gate opens.
        processor.onEnd(.stub(name: "x1"))
        processor.onEnd(.stub(name: "x2"))
        #expect(exporter.entered.wait(timeout: .now() + .seconds(10)) == .success)
        for name in ["a", "b", "c"] { processor.onEnd(.stub(name: name)) }
        #expect(processor.statistics?.dropped == 1)
        for _ in 0..<10 { exporter.gate.signal() }
        #expect(processor.forceFlush(timeout: .seconds(5)))
        #expect(exporter.batches.withLock { $0.flatMap { $0.map(\.name) } } == ["x1", "x2", "a", "b"])
        #expect(processor.statistics?.exported == 4)
        #expect(processor.statistics?.queued == 4)
    }

    /// A span the queue refuses, because it is full or shut down, is released, not kept: its
    /// resource (the one counted reference a test can watch) goes with it.
    @Test func refusedSpansAreReleased() {
        let exporter = GatedExporter()
        let processor = BatchSpanProcessor(exporter: exporter, configuration: config(queue: 2, batch: 2))
        processor.onEnd(.stub(name: "x1"))
        processor.onEnd(.stub(name: "x2"))
        #expect(exporter.entered.wait(timeout: .now() + .seconds(10)) == .success)
        processor.onEnd(.stub(name: "a"))
        processor.onEnd(.stub(name: "b"))
        #expect(Self.isReleasedAfterItsEnd(named: "c", by: processor))
        #expect(processor.statistics?.dropped == 1)
        for _ in 0..<10 { exporter.gate.signal() }
        #expect(processor.shutdown(timeout: .seconds(5)))
        #expect(Self.isReleasedAfterItsEnd(named: "d", by: processor))
        #expect(processor.statistics?.ignoredAfterShutdown == 1)
        #expect(processor.statistics?.exported == 4)
    }

    /// Ends a span whose resource only it holds, and tells whether the resource is gone after.
    private static func isReleasedAfterItsEnd(named name: String, by processor: BatchSpanProcessor) -> Bool {
        weak var watched: Resource?
        do {
            let resource = Resource(attributes: ["service.name": .string(name)])
            watched = resource
            processor.onEnd(SpanData(context: SpanData.stub(name: name).context, name: name, startTimeUnixNano: 1, endTimeUnixNano: 2, resource: resource))
        }
        return watched == nil
    }

    @Test func ignoresUnsampledSpans() {
        let exporter = InMemorySpanExporter()
        let processor = BatchSpanProcessor(exporter: exporter, configuration: config(queue: 10, batch: 10))
        processor.onEnd(.stub(name: "x", sampled: false))
        processor.forceFlush(timeout: .seconds(5))
        #expect(exporter.spans.isEmpty)
        #expect(processor.statistics?.queued == 0)
    }

    @Test func exportsInBatchesAndFlushDrainsEverythingOnce() {
        let exporter = InMemorySpanExporter()
        let processor = BatchSpanProcessor(exporter: exporter, configuration: config(queue: 100, batch: 4))
        for i in 0..<10 { processor.onEnd(.stub(name: "s\(i)", spanID: UInt64(i + 1))) }
        #expect(processor.forceFlush(timeout: .seconds(5)))
        #expect(processor.forceFlush(timeout: .seconds(5)))
        #expect(exporter.spans.map(\.name) == (0..<10).map { "s\($0)" })
        #expect(processor.statistics?.exported == 10)
        #expect(processor.statistics?.pending == 0)
    }

    @Test func callerNeverWaitsForASlowExporter() {
        let exporter = GatedExporter()
        let processor = BatchSpanProcessor(exporter: exporter, configuration: config(queue: 8, batch: 2))
        // The first full batch occupies the export queue; the rest must queue or drop at once.
        for i in 0..<100 { processor.onEnd(.stub(name: "s\(i)")) }
        let statistics = processor.statistics!
        #expect(statistics.queued + statistics.dropped == 100)
        #expect(statistics.dropped >= 100 - 8 - 2)
        for _ in 0..<100 { exporter.gate.signal() }
        #expect(processor.shutdown(timeout: .seconds(5)))
        let final = processor.statistics!
        #expect(final.exported == final.queued)
        #expect(exporter.batches.withLock { $0.allSatisfy { $0.count <= 2 } })
    }

    @Test func failedExportsAreCountedByReason() {
        let processor = BatchSpanProcessor(exporter: FailingExporter(), configuration: config(queue: 10, batch: 10))
        for i in 0..<3 { processor.onEnd(.stub(name: "s\(i)")) }
        processor.forceFlush(timeout: .seconds(5))
        #expect(processor.statistics?.failed == 3)
        #expect(processor.statistics?.failedByReason["http 400"] == 3)
    }

    @Test func shutdownFlushesOnceAndIgnoresLaterSpans() {
        let exporter = InMemorySpanExporter()
        let processor = BatchSpanProcessor(exporter: exporter, configuration: config(queue: 10, batch: 10))
        processor.onEnd(.stub(name: "before"))
        #expect(processor.shutdown(timeout: .seconds(5)))
        #expect(processor.shutdown(timeout: .seconds(5)))
        processor.onEnd(.stub(name: "after"))
        #expect(exporter.spans.map(\.name) == ["before"])
        #expect(processor.statistics?.ignoredAfterShutdown == 1)
    }

    @Test func scheduleDelayExportsPartialBatches() async throws {
        let exporter = InMemorySpanExporter()
        var configuration = config(queue: 10, batch: 10)
        configuration.scheduleDelay = .milliseconds(20)
        let processor = BatchSpanProcessor(exporter: exporter, configuration: configuration)
        processor.onEnd(.stub(name: "lonely"))
        // Waits for the timer, with no flush; bounded so a broken timer fails instead of hanging.
        for _ in 0..<500 where exporter.spans.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        #expect(exporter.spans.map(\.name) == ["lonely"])
    }
}
