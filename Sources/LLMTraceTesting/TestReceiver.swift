import Foundation
import LLMTrace
public import LLMTraceSupport
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A real HTTP/1.1 server on 127.0.0.1 that records what it receives and answers as each test
/// scripts it: the exporter under test talks to it over libcurl exactly as it would to a Collector.
///
/// When `LLMTRACE_PAYLOAD_DIR` is set, every body posted to `/v1/traces` (after gunzip) is saved
/// there, so `.ci/run` can replay them through the strict OTLP receiver in `../shared/otlp/`.
public final class TestReceiver: Sendable {
    /// A request the receiver took.
    public typealias Request = LoopbackHTTPServer.Request
    /// How the receiver answers.
    public typealias Reply = LoopbackHTTPServer.Reply
    /// Chooses the answer to the `index`-th request (from 0).
    public typealias Responder = @Sendable (_ index: Int, _ request: Request) -> Reply

    private let server: LoopbackHTTPServer
    private let state: Locked<[Request]>

    /// Starts a receiver on 127.0.0.1 that answers as `responder` says (default: 200), on `port`
    /// (0: a free one; a given port lets a test bring a receiver back where one was).
    public init(port: Int = 0, responder: @escaping Responder = { _, _ in .respond(status: 200) }) throws {
        let state = Locked<[Request]>([])
        self.state = state
        server = try LoopbackHTTPServer(port: port) { request in
            let index = state.withLock { requests -> Int in
                requests.append(request)
                return requests.count - 1
            }
            // Only OTLP bodies go to the conformance replay; other fakes (a chat API) share this server.
            if request.path.hasSuffix("/v1/traces") { Self.dump(request.body, kind: "payload", ext: Self.fileExtension(of: request)) }
            if request.path.hasSuffix("/v1/metrics") { Self.dump(request.body, kind: "metrics", ext: Self.fileExtension(of: request)) }
            if request.path.hasSuffix("/v1/logs") { Self.dump(request.body, kind: "logs", ext: Self.fileExtension(of: request)) }
            return responder(index, request)
        }
    }

    /// The port it listens on.
    public var port: Int { server.port }

    /// Its `/v1/traces` URL, for `OTLPExporterConfiguration.endpoint`.
    public var url: String { "http://127.0.0.1:\(port)/v1/traces" }

    /// Every request so far, in order.
    public var requests: [Request] { state.withLock { $0 } }

    /// TCP connections accepted so far: one means the client kept its connection alive.
    public var connections: Int { server.connections }

    /// Every span the receiver got, as JSON objects, across requests.
    public var spans: [[String: Any]] {
        requests.flatMap { request -> [[String: Any]] in
            let resourceSpans = request.json["resourceSpans"] as? [[String: Any]] ?? []
            return resourceSpans.flatMap { rs in
                (rs["scopeSpans"] as? [[String: Any]] ?? []).flatMap { $0["spans"] as? [[String: Any]] ?? [] }
            }
        }
    }

    /// Stops listening and closes the connections.
    public func stop() { server.stop() }

    /// A port on which nothing listens.
    public static func closedPort() -> Int { LoopbackHTTPServer.closedPort() }

    /// `pb` for a protobuf body, `json` otherwise: the replay posts each with its content type.
    public static func fileExtension(of request: Request) -> String {
        PayloadDump.fileExtension(contentType: request.headers["content-type"])
    }

    /// Saves `body` for the conformance replay as `<kind>-<pid>-<n>.<ext>` in `directory`
    /// (default: `LLMTRACE_PAYLOAD_DIR`; nothing is saved without one): `payload-*.json|pb` go to
    /// `/v1/traces`, `metrics-*.json|pb` to `/v1/metrics`, `metrics-*.prom` to a Prometheus parser.
    public static func dump(_ body: [UInt8], kind: String, ext: String, into directory: String? = ProcessInfo.processInfo.environment["LLMTRACE_PAYLOAD_DIR"]) {
        PayloadDump.save(body, kind: kind, ext: ext, into: directory)
    }

    /// Every metric data point the receiver got on `/v1/metrics`, as (metric name, point) pairs,
    /// from the last request (values are cumulative, so the last push holds the totals).
    public var lastMetrics: [(name: String, point: [String: Any])] {
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
