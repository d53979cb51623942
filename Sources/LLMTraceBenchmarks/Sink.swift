import LLMTraceSupport
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A fast OTLP/HTTP sink on 127.0.0.1: answers every POST with 200 `{}` and counts the spans and
/// body bytes it got, so the benchmark measures the agent, not the receiver.
///
/// Spans are counted by their ids in the (gunzipped) body, JSON or protobuf (`OTLPBody`).
final class Sink: Sendable {
    private let server: LoopbackHTTPServer
    private let counters: Counters

    private final class Counters: Sendable {
        let spans = Atomic<Int>(0)
        let bytes = Atomic<Int>(0)
        let decodedBytes = Atomic<Int>(0)
    }

    /// Spans received so far.
    var spans: Int { counters.spans.load(ordering: .acquiring) }
    /// Request body bytes as sent (compressed when gzip is on).
    var bytes: Int { counters.bytes.load(ordering: .acquiring) }
    /// Request body bytes after gunzip: the encoding's own size.
    var decodedBytes: Int { counters.decodedBytes.load(ordering: .acquiring) }
    var url: String { "http://127.0.0.1:\(server.port)/v1/traces" }
    var port: Int { server.port }

    /// - Parameter dumpDirectory: where to save each (gunzipped) body, for conformance checks.
    init(dumpDirectory: String? = nil) throws {
        let counters = Counters()
        self.counters = counters
        server = try LoopbackHTTPServer { request in
            // Counted before the answer goes out, so a flush that returned has been counted.
            counters.spans.wrappingAdd(OTLPBody.countSpans(in: request.body), ordering: .releasing)
            counters.bytes.wrappingAdd(request.rawBody.count, ordering: .releasing)
            counters.decodedBytes.wrappingAdd(request.body.count, ordering: .releasing)
            PayloadDump.save(request.body, kind: "payload-bench", ext: PayloadDump.fileExtension(contentType: request.headers["content-type"]), into: dumpDirectory)
            return .respond(status: 200)
        }
    }

    func stop() { server.stop() }
}
