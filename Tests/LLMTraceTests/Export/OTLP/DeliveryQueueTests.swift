import Foundation
import Logging
import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport
import Synchronization

/// The delivery queue behind the OTLP exporters, against real receivers on 127.0.0.1: outages
/// of every kind lose nothing, the byte bound drops the oldest, requests run side by side.
@Suite struct DeliveryQueueTests {
    static func configuration(_ url: String, gzip: Bool = false, _ configure: (inout TracingConfiguration) -> Void = { _ in }) -> TracingConfiguration {
        var configuration = TracingConfiguration(environment: [
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": url,
            "OTEL_EXPORTER_OTLP_COMPRESSION": gzip ? "gzip" : "none",
            "OTEL_METRICS_EXPORTER": "none",
            "OTEL_EXPORTER_OTLP_TIMEOUT": "2000",
        ])
        configuration.otlp.retry.initialBackoff = .milliseconds(20)
        configuration.otlp.retry.maxQueueBackoff = .milliseconds(50)
        configuration.batch.maxExportBatchSize = 100
        configuration.batch.scheduleDelay = .seconds(3600)
        configure(&configuration)
        return configuration
    }

    /// Ends `count` spans named `prefix-<i>` and hands every full batch to the exporter.
    static func spans(_ provider: TracerProvider, _ count: Int, prefix: String = "span") {
        let tracer = provider.tracer("delivery")
        for i in 0..<count { tracer.startSpan("\(prefix)-\(i)").end() }
    }

    /// The names of the spans in requests the receiver answered 2xx (`accepted` holds their
    /// indexes, kept by the responder).
    static func names(_ receiver: TestReceiver, accepted: Locked<Set<Int>>? = nil) -> [String] {
        let indexes = accepted?.withLock { $0 }
        return receiver.requests.enumerated().flatMap { index, request -> [String] in
            guard indexes?.contains(index) ?? true else { return [] }
            let resourceSpans = request.json["resourceSpans"] as? [[String: Any]] ?? []
            return resourceSpans.flatMap { ($0["scopeSpans"] as? [[String: Any]] ?? []).flatMap { $0["spans"] as? [[String: Any]] ?? [] } }
                .compactMap { $0["name"] as? String }
        }
    }

    /// A responder that answers `reply`, and records the requests it answered 2xx in `accepted`.
    static func recording(_ accepted: Locked<Set<Int>>, _ reply: @escaping @Sendable (Int) -> TestReceiver.Reply) -> TestReceiver.Responder {
        { index, _ in
            let answer = reply(index)
            if case .respond(let status, _, _) = answer, (200..<300).contains(status) { accepted.withLock { _ = $0.insert(index) } }
            return answer
        }
    }

    @Test func aReceiverAnswering503KeepsEverySpanQueuedUntilItIsBack() throws {
        let down = Atomic<Bool>(true)
        let accepted = Locked<Set<Int>>([])
        let receiver = try TestReceiver(responder: Self.recording(accepted) { _ in
            down.load(ordering: .acquiring) ? .respond(status: 503, body: #"{"code":14,"message":"unavailable"}"#) : .respond(status: 200)
        })
        let provider = TracerProvider(configuration: Self.configuration(receiver.url))
        Self.spans(provider, 2_000)
        // The processor's queue empties into encoded bodies at once; none can be delivered.
        #expect(!provider.forceFlush(timeout: .milliseconds(500)))
        var statistics = provider.statistics
        #expect(statistics.exported == 0)
        #expect(statistics.lost == 0)
        #expect(statistics.encoded == 2_000)
        #expect(statistics.pending == 2_000)
        #expect(receiver.requests.count >= 1)

        down.store(false, ordering: .releasing)
        #expect(provider.forceFlush(timeout: .seconds(20)))
        statistics = provider.statistics
        #expect(statistics.exported == 2_000)
        #expect(statistics.lost == 0)
        #expect(statistics.pending == 0)
        #expect(statistics.encoded == 0)
        let names = Self.names(receiver, accepted: accepted)
        #expect(Set(names).count == 2_000)
        #expect(names.count == 2_000)
        // Held bodies wait compressed but go out as configured: uncompressed JSON.
        #expect(receiver.requests.allSatisfy { $0.headers["content-encoding"] == nil && $0.headers["content-type"] == "application/json" })
        #expect(provider.shutdown(timeout: .seconds(5)))
    }

    @Test func aReceiverDownThenBackOnItsPortGetsEverySpan() throws {
        let port = LoopbackHTTPServer.unusedPort()
        let provider = TracerProvider(configuration: Self.configuration("http://127.0.0.1:\(port)/v1/traces", gzip: true))
        Self.spans(provider, 1_000)
        #expect(!provider.forceFlush(timeout: .milliseconds(300)))
        #expect(provider.statistics.lost == 0)
        let receiver = try TestReceiver(port: port)
        #expect(provider.forceFlush(timeout: .seconds(20)))
        #expect(Set(Self.names(receiver)).count == 1_000)
        #expect(provider.statistics.exported == 1_000)
        #expect(receiver.requests.allSatisfy { $0.headers["content-encoding"] == "gzip" })
        #expect(provider.shutdown(timeout: .seconds(5)))
    }

    /// A receiver back within the shutdown's timeout gets the backlog, although the queue's own
    /// backoff would have waited far longer: shutdown sends one last probe in time.
    @Test func shutdownProbesAReceiverWhoseBackoffWouldOutlastIt() throws {
        let refusals = Atomic<Int>(0)
        let accepted = Locked<Set<Int>>([])
        let receiver = try TestReceiver(responder: Self.recording(accepted) { _ in
            refusals.add(1, ordering: .relaxed).oldValue < 1 ? .respond(status: 503, body: #"{"code":14,"message":"unavailable"}"#) : .respond(status: 200)
        })
        let provider = TracerProvider(configuration: Self.configuration(receiver.url) {
            $0.otlp.delivery.concurrency = 1
            $0.otlp.retry.initialBackoff = .seconds(600)
            $0.otlp.retry.maxQueueBackoff = .seconds(600)
        })
        Self.spans(provider, 300)
        // The first body is refused; the backoff (5 to 15 minutes) holds the rest.
        #expect(!provider.forceFlush(timeout: .milliseconds(300)))
        #expect(receiver.requests.count == 1)
        #expect(provider.shutdown(timeout: .seconds(3)))
        let statistics = provider.statistics
        #expect(statistics.exported == 300)
        #expect(statistics.lost == 0)
        #expect(Set(Self.names(receiver, accepted: accepted)).count == 300)
    }

    /// A receiver's own `Retry-After` is honoured at shutdown: what it asked to hold back is
    /// counted as lost to the shutdown, not sent early.
    @Test func shutdownHonoursARetryAfterThatOutlastsIt() throws {
        let receiver = try TestReceiver(responder: { _, _ in
            .respond(status: 429, headers: ["Retry-After": "600"], body: #"{"code":8,"message":"slow down"}"#)
        })
        let provider = TracerProvider(configuration: Self.configuration(receiver.url) { $0.otlp.delivery.concurrency = 1 })
        Self.spans(provider, 300)
        #expect(!provider.forceFlush(timeout: .milliseconds(300)))
        _ = provider.shutdown(timeout: .seconds(1))
        let statistics = provider.statistics
        #expect(statistics.exported == 0)
        #expect(statistics.lost == 300)
        #expect(receiver.requests.count == 1)
    }

    @Test func retryAfterIsWaitedForAndTheBodiesGoOutOnce() throws {
        let refusals = Atomic<Int>(0)
        let firstRefusal = Locked<ContinuousClock.Instant?>(nil)
        let firstAcceptance = Locked<ContinuousClock.Instant?>(nil)
        let accepted = Locked<Set<Int>>([])
        let receiver = try TestReceiver(responder: Self.recording(accepted) { _ in
            if refusals.add(1, ordering: .relaxed).oldValue < 1 {
                firstRefusal.withLock { $0 = $0 ?? .now }
                return .respond(status: 429, headers: ["Retry-After": "1"], body: #"{"code":8,"message":"slow down"}"#)
            }
            firstAcceptance.withLock { $0 = $0 ?? .now }
            return .respond(status: 200)
        })
        let provider = TracerProvider(configuration: Self.configuration(receiver.url) { $0.otlp.delivery.concurrency = 1 })
        Self.spans(provider, 300)
        #expect(provider.forceFlush(timeout: .seconds(20)))
        #expect(Self.names(receiver, accepted: accepted).count == 300)
        #expect(Set(Self.names(receiver, accepted: accepted)).count == 300)
        let waited = try #require(firstAcceptance.withLock { $0 }) - (try #require(firstRefusal.withLock { $0 }))
        #expect(waited >= .milliseconds(900))
        #expect(provider.shutdown(timeout: .seconds(5)))
    }

    @Test func theByteBoundDropsTheOldestBodiesAndCountsThem() throws {
        let down = Atomic<Bool>(true)
        let accepted = Locked<Set<Int>>([])
        let receiver = try TestReceiver(responder: Self.recording(accepted) { _ in
            down.load(ordering: .acquiring) ? .respond(status: 503) : .respond(status: 200)
        })
        // Each body of 100 spans is a few kilobytes compressed; 12 KB holds a few of them.
        // One lane: at most one old body is in flight when the receiver comes back.
        // The span queue holds all 3,000, so that only the byte bound under test can drop any,
        // however fast the spans end compared with how fast the batches are encoded.
        let provider = TracerProvider(configuration: Self.configuration(receiver.url, gzip: true) {
            $0.otlp.delivery.maxQueueBytes = 12_000
            $0.otlp.delivery.concurrency = 1
            $0.batch.maxQueueSize = 4_096
        })
        Self.spans(provider, 3_000)
        _ = provider.forceFlush(timeout: .milliseconds(300))
        let held = provider.statistics
        #expect(held.evicted > 0)
        #expect(held.evictedByReason["export queue full"] == held.evicted)
        #expect(held.evicted % 100 == 0)
        down.store(false, ordering: .releasing)
        #expect(provider.forceFlush(timeout: .seconds(20)))
        let statistics = provider.statistics
        #expect(statistics.dropped == 0)
        #expect(statistics.exported + statistics.evicted == 3_000)
        #expect(statistics.pending == 0)
        // What is left is the newest: the last span arrives, and of the older half at most the
        // one body that was in flight when the receiver came back.
        let names = Set(Self.names(receiver, accepted: accepted))
        #expect(names.contains("span-2999"))
        #expect(names.filter { Int($0.dropFirst(5))! < 1_500 }.count <= 100)
        #expect(names.count == statistics.exported)
        #expect(provider.shutdown(timeout: .seconds(5)))
    }

    @Test func requestsRunSideBySideUpToTheConcurrency() throws {
        let inFlight = Atomic<Int>(0)
        let most = Atomic<Int>(0)
        let receiver = try TestReceiver { _, _ in
            let now = inFlight.add(1, ordering: .acquiringAndReleasing).newValue
            _ = most.max(now, ordering: .relaxed)
            // The first answer waits for a second request to arrive: only requests sent side by
            // side can end the wait early.
            let until = ContinuousClock.now + .seconds(5)
            while most.load(ordering: .relaxed) < 2, ContinuousClock.now < until { Thread.sleep(forTimeInterval: 0.001) }
            inFlight.subtract(1, ordering: .acquiringAndReleasing)
            return .respond(status: 200)
        }
        let provider = TracerProvider(configuration: Self.configuration(receiver.url) { $0.otlp.delivery.concurrency = 4 })
        Self.spans(provider, 1_600)
        #expect(provider.forceFlush(timeout: .seconds(20)))
        #expect(Set(Self.names(receiver)).count == 1_600)
        #expect(most.load(ordering: .relaxed) >= 2)
        #expect(most.load(ordering: .relaxed) <= 4)
        #expect(provider.shutdown(timeout: .seconds(5)))
    }

    @Test func withoutASpoolWhatIsLeftAtShutdownIsCountedAsFailed() throws {
        let receiver = try TestReceiver { _, _ in .respond(status: 503) }
        let provider = TracerProvider(configuration: Self.configuration(receiver.url))
        Self.spans(provider, 500)
        #expect(provider.shutdown(timeout: .seconds(1)))
        let statistics = provider.statistics
        #expect(statistics.failed == 500)
        #expect(statistics.failedByReason["shutdown"] == 500)
        #expect(statistics.pending == 0)
    }

    @Test func aRefusedBodyIsDroppedAtOnceAndTheRestFlowsOn() throws {
        let receiver = try TestReceiver { index, _ in index == 0 ? .respond(status: 400, body: #"{"message":"bad"}"#) : .respond(status: 200) }
        let provider = TracerProvider(configuration: Self.configuration(receiver.url) { $0.otlp.delivery.concurrency = 1 })
        Self.spans(provider, 300)
        #expect(provider.forceFlush(timeout: .seconds(10)))
        let statistics = provider.statistics
        #expect(statistics.failedByReason["http 400"] == 100)
        #expect(statistics.exported == 200)
        #expect(receiver.requests.count == 3)
        #expect(provider.shutdown(timeout: .seconds(5)))
    }

    @Test func aNewMetricsSnapshotReplacesTheOneWaiting() throws {
        let down = Atomic<Bool>(true)
        let accepted = Locked<Set<Int>>([])
        let receiver = try TestReceiver(responder: Self.recording(accepted) { _ in
            down.load(ordering: .acquiring) ? .respond(status: 503) : .respond(status: 200)
        })
        var configuration = OTLPExporterConfiguration()
        configuration.endpoint = "http://127.0.0.1:\(receiver.port)/latest"
        configuration.retry.initialBackoff = .milliseconds(20)
        configuration.retry.maxQueueBackoff = .milliseconds(50)
        configuration.delivery.concurrency = 1
        let client = OTLPHTTPClient(configuration: configuration, transport: nil, logger: Logger(label: "test"), rejectedKey: "rejectedDataPoints")
        let outcomes = Locked<[ExportResult]>([])
        let queue = DeliveryQueue(client: client, signal: .metrics, itemName: "data points", policy: .latestOnly, logger: Logger(label: "test")) { result in
            outcomes.withLock { $0.append(result) }
        }
        for n in 1...3 {
            queue.submit(EncodedBatch(body: Array(#"{"n":\#(n)}"#.utf8), storage: .plain, wireProtocol: .httpJSON, items: 1))
        }
        #expect(!queue.flush(deadline: .after(.milliseconds(200))))
        down.store(false, ordering: .releasing)
        #expect(queue.flush(deadline: .after(.seconds(10))))
        let delivered = receiver.requests.enumerated().filter { accepted.withLock { $0 }.contains($0.offset) }.map { String(decoding: $0.element.body, as: UTF8.self) }
        #expect(delivered == [#"{"n":3}"#])
        #expect(outcomes.withLock { $0 } == [.success])
        queue.shutdown(deadline: .after(.seconds(1)))
    }
}
