import Foundation
import Synchronization
import LLMTrace
#if canImport(Glibc)
import Glibc
#endif

/// A real HTTP/1.1 server on 127.0.0.1 (port chosen by the kernel) that records what it
/// receives and answers as each test scripts it: the exporter under test talks to it over
/// libcurl exactly as it would to a Collector.
///
/// When `LLMTRACE_PAYLOAD_DIR` is set, every body posted to `/v1/traces` (after gunzip) is saved there,
/// so `.ci/run` can replay them through the strict OTLP receiver in `../shared/otlp/`.
package final class TestReceiver: Sendable {
    package struct Request: Sendable {
        package var path: String
        package var headers: [String: String]
        /// The body as sent (maybe gzipped).
        package var rawBody: [UInt8]
        /// The body after `Content-Encoding` was undone.
        package var body: [UInt8]

        /// The body as a JSON object.
        package var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        }
    }

    package enum Reply: Sendable {
        /// Answer with a status, headers and body.
        case respond(status: Int, headers: [String: String] = [:], body: String = "{}")
        /// Close the connection without answering.
        case hangUp
    }

    package typealias Responder = @Sendable (_ index: Int, _ request: Request) -> Reply

    package let port: Int
    private let listener: Int32
    private let responder: Responder
    private let state = Locked<[Request]>([])
    private let stopped = Atomic<Bool>(false)
    private let acceptedConnections = Atomic<Int>(0)
    private static let dumpCounter = Atomic<Int>(0)

    package init(responder: @escaping Responder = { _, _ in .respond(status: 200) }) throws {
        self.responder = responder
        (listener, port) = try LoopbackSocket.listen()
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    package var url: String { "http://127.0.0.1:\(port)/v1/traces" }

    package var requests: [Request] { state.withLock { $0 } }

    /// TCP connections accepted so far: one means the client kept its connection alive.
    package var connections: Int { acceptedConnections.load(ordering: .relaxed) }

    /// Every span the receiver got, as JSON objects, across requests.
    package var spans: [[String: Any]] {
        requests.flatMap { request -> [[String: Any]] in
            let resourceSpans = request.json["resourceSpans"] as? [[String: Any]] ?? []
            return resourceSpans.flatMap { rs in
                (rs["scopeSpans"] as? [[String: Any]] ?? []).flatMap { $0["spans"] as? [[String: Any]] ?? [] }
            }
        }
    }

    package func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .acquiring) {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if stopped.load(ordering: .acquiring) { return }
                continue
            }
            acceptedConnections.wrappingAdd(1, ordering: .relaxed)
            var timeout = timeval(tv_sec: 15, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let thread = Thread { [self] in serve(connection) }
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        func fill() -> Bool {
            let n = read(connection, &chunk, chunk.count)
            guard n > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<n])
            return true
        }
        while !stopped.load(ordering: .acquiring) {
            var headerEnd: Int?
            while headerEnd == nil {
                headerEnd = Self.find([13, 10, 13, 10], in: buffer)
                if headerEnd == nil, !fill() { return }
            }
            let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
            buffer.removeFirst(headerEnd! + 4)
            var lines = head.components(separatedBy: "\r\n")
            let requestLine = lines.removeFirst().split(separator: " ")
            var headers: [String: String] = [:]
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let length = Int(headers["content-length"] ?? "0") ?? 0
            while buffer.count < length { if !fill() { return } }
            let raw = Array(buffer[0..<length])
            buffer.removeFirst(length)
            let body = headers["content-encoding"] == "gzip" ? ((try? Gzip.decompress(raw)) ?? []) : raw
            let request = Request(path: requestLine.count > 1 ? String(requestLine[1]) : "/", headers: headers, rawBody: raw, body: body)
            let index = state.withLock { requests -> Int in
                requests.append(request)
                return requests.count - 1
            }
            // Only OTLP bodies go to the conformance replay; other fakes (a chat API) share this server.
            if request.path.hasSuffix("/v1/traces") { Self.dump(body) }
            switch responder(index, request) {
            case .hangUp:
                return
            case .respond(let status, let extra, let text):
                var response = "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(text.utf8.count)\r\n"
                for (name, value) in extra { response += "\(name): \(value)\r\n" }
                response += "\r\n" + text
                let bytes = Array(response.utf8)
                _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }

    private static func dump(_ body: [UInt8]) {
        guard let dir = ProcessInfo.processInfo.environment["LLMTRACE_PAYLOAD_DIR"], !body.isEmpty else { return }
        let n = dumpCounter.wrappingAdd(1, ordering: .relaxed).newValue
        try? Data(body).write(to: URL(fileURLWithPath: dir).appendingPathComponent("payload-\(getpid())-\(n).json"))
    }

    /// A port on which nothing listens: bound once to learn a free number, then closed.
    package static func closedPort() -> Int {
        // Listened on once to learn a free number, then closed: nothing answers there.
        guard let (fd, port) = try? LoopbackSocket.listen() else { return 9 }
        close(fd)
        return port
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
    let processor = BatchSpanProcessor(exporter: exporter, configuration: configuration.batch)
    return (TracerProvider(configuration: configuration, processors: [processor]), exporter)
}
