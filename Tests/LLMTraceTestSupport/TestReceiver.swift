import Foundation
import LLMTrace
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A real HTTP/1.1 server on 127.0.0.1 that records what it receives and answers as each test
/// scripts it: the exporter under test talks to it over libcurl exactly as it would to a Collector.
///
/// When `LLMTRACE_PAYLOAD_DIR` is set, every body posted to `/v1/traces` (after gunzip) is saved
/// there, so `.ci/run` can replay them through the strict OTLP receiver in `../shared/otlp/`.
package final class TestReceiver: Sendable {
    package typealias Request = LoopbackHTTPServer.Request
    package typealias Reply = LoopbackHTTPServer.Reply
    package typealias Responder = @Sendable (_ index: Int, _ request: Request) -> Reply

    private let server: LoopbackHTTPServer
    private let state: Locked<[Request]>
    private static let dumpCounter = Atomic<Int>(0)

    package init(responder: @escaping Responder = { _, _ in .respond(status: 200) }) throws {
        let state = Locked<[Request]>([])
        self.state = state
        server = try LoopbackHTTPServer { request in
            let index = state.withLock { requests -> Int in
                requests.append(request)
                return requests.count - 1
            }
            // Only OTLP bodies go to the conformance replay; other fakes (a chat API) share this server.
            if request.path.hasSuffix("/v1/traces") { Self.dump(request.body, kind: "payload", ext: "json") }
            if request.path.hasSuffix("/v1/metrics") { Self.dump(request.body, kind: "metrics", ext: "json") }
            return responder(index, request)
        }
    }

    package var port: Int { server.port }

    package var url: String { "http://127.0.0.1:\(port)/v1/traces" }

    package var requests: [Request] { state.withLock { $0 } }

    /// TCP connections accepted so far: one means the client kept its connection alive.
    package var connections: Int { server.connections }

    /// Every span the receiver got, as JSON objects, across requests.
    package var spans: [[String: Any]] {
        requests.flatMap { request -> [[String: Any]] in
            let resourceSpans = request.json["resourceSpans"] as? [[String: Any]] ?? []
            return resourceSpans.flatMap { rs in
                (rs["scopeSpans"] as? [[String: Any]] ?? []).flatMap { $0["spans"] as? [[String: Any]] ?? [] }
            }
        }
    }

    package func stop() { server.stop() }

    /// A port on which nothing listens.
    package static func closedPort() -> Int { LoopbackHTTPServer.closedPort() }

    /// Saves `body` for the conformance replay as `<kind>-<pid>-<n>.<ext>` in `directory`
    /// (default: `LLMTRACE_PAYLOAD_DIR`; nothing is saved without one): `payload-*.json` go to
    /// `/v1/traces`, `metrics-*.json` to `/v1/metrics`, `metrics-*.prom` to a Prometheus parser.
    package static func dump(_ body: [UInt8], kind: String, ext: String, into directory: String? = ProcessInfo.processInfo.environment["LLMTRACE_PAYLOAD_DIR"]) {
        guard let dir = directory, !body.isEmpty else { return }
        let n = dumpCounter.wrappingAdd(1, ordering: .relaxed).newValue
        try? Data(body).write(to: URL(fileURLWithPath: dir).appendingPathComponent("\(kind)-\(getpid())-\(n).\(ext)"))
    }

    /// Every metric data point the receiver got on `/v1/metrics`, as (metric name, point) pairs,
    /// from the last request (values are cumulative, so the last push holds the totals).
    package var lastMetrics: [(name: String, point: [String: Any])] {
        guard let last = requests.last(where: { $0.path.hasSuffix("/v1/metrics") }) else { return [] }
        let resourceMetrics = last.json["resourceMetrics"] as? [[String: Any]] ?? []
        return resourceMetrics.flatMap { rm in
            (rm["scopeMetrics"] as? [[String: Any]] ?? []).flatMap { sm in
                (sm["metrics"] as? [[String: Any]] ?? []).flatMap { metric -> [(name: String, point: [String: Any])] in
                    let name = metric["name"] as? String ?? ""
                    let data = (metric["sum"] ?? metric["histogram"]) as? [String: Any] ?? [:]
                    return (data["dataPoints"] as? [[String: Any]] ?? []).map { (name, $0) }
                }
            }
        }
    }
}

/// Ids counted up from 1, so tests can name the span they expect.
package final class SequentialIDGenerator: IDGenerator {
    private let next = Atomic<UInt64>(0)
    package init() {}
    package func newTraceID() -> TraceID { TraceID(high: 0, low: next.wrappingAdd(1, ordering: .relaxed).newValue) }
    package func newSpanID() -> SpanID { SpanID(next.wrappingAdd(1, ordering: .relaxed).newValue) }
}

extension SpanData {
    /// A finished span for processor and encoder tests.
    package static func stub(name: String, sampled: Bool = true, traceID: TraceID = TraceID(high: 1, low: 2), spanID: UInt64 = 3) -> SpanData {
        SpanData(
            context: SpanContext(traceID: traceID, spanID: SpanID(spanID), traceFlags: sampled ? [.sampled] : []),
            name: name, startTimeUnixNano: 1_767_225_600_000_000_000, endTimeUnixNano: 1_767_225_601_000_000_000
        )
    }
}

/// A provider whose spans land in memory, flushed on demand.
package func makeInMemoryProvider(_ configure: (inout TracingConfiguration) -> Void = { _ in }) -> (TracerProvider, InMemorySpanExporter) {
    let exporter = InMemorySpanExporter()
    var configuration = TracingConfiguration()
    configure(&configuration)
    // Metrics are aggregated (tests read them) but never pushed to a collector that is not there.
    configuration.metrics.exporters = configuration.metrics.exporters.isEmpty ? [] : [.prometheus]
    let processor = BatchSpanProcessor(exporter: exporter, configuration: configuration.batch)
    return (TracerProvider(configuration: configuration, processors: [processor]), exporter)
}
