import AsyncHTTPClient
import Foundation
import LLMTraceTesting
import NIOCore
import NIOHTTP1
import Testing

/// The `llm-gateway` executable as its users run it: a child process on a free port.
@Suite struct GatewayCommandTests {
    /// The built executable, next to the test bundle.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("llm-gateway").path

    /// SIGTERM stops the server gracefully and exports every span of the answered requests
    /// before the process exits; nothing was exported before (the batch delay is a minute).
    @Test func sigtermFlushesEverySpanOfFinishedRequests() async throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["--port", "0", "--latency-scale", "0"]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OTEL_") && !$0.key.hasPrefix("OPENAI_") }
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:\(receiver.port)"
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "60000"
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "60000"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A failed expectation must not leave the server running (and `swift test` waiting on it).
        defer { if process.isRunning { process.terminate() } }
        let reader = LineReader(output.fileHandleForReading)
        let first = try #require(await reader.next())
        let prefix = "llm-gateway: listening on http://127.0.0.1:"
        #expect(first.hasPrefix(prefix))
        let port = try #require(Int(first.dropFirst(prefix.count).prefix { $0.isNumber }), "\(first)")

        var traceIDs: [String] = []
        for question in ["What port does OTLP over HTTP use?", "How does BM25 weight rare terms?"] {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/ask")
            request.method = .POST
            request.body = .bytes(ByteBuffer(string: #"{"question": "\#(question)"}"#))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            #expect(response.status.code == 200)
            let body = try await response.body.collect(upTo: 1 << 20)
            let answer = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
            traceIDs.append(try #require(answer?["trace_id"] as? String))
        }
        #expect(receiver.spans.isEmpty)

        kill(process.processIdentifier, SIGTERM)
        var rest: [String] = []
        while let line = await reader.next() { rest.append(line) }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(rest.contains { $0.hasPrefix("llm-gateway: stopped; spans exported:") && $0.contains("dropped: 0") && !$0.contains("dropped: 1") }, "\(rest)")

        let spans = receiver.spans
        for traceID in traceIDs {
            let names = Set(spans.filter { $0["traceId"] as? String == traceID }.compactMap { $0["name"] as? String })
            #expect(names.contains("/ask") && names.contains("invoke_workflow rag_pipeline") && names.contains("chat gpt-4o-mini"), "\(names)")
        }
        // The request's log line arrived as an OTLP log record with its trace id.
        let records = receiver.requests.filter { $0.path == "/v1/logs" }.flatMap { request -> [[String: Any]] in
            ((request.json["resourceLogs"] as? [[String: Any]]) ?? []).flatMap { ($0["scopeLogs"] as? [[String: Any]]) ?? [] }
                .flatMap { ($0["logRecords"] as? [[String: Any]]) ?? [] }
        }
        for traceID in traceIDs {
            #expect(records.contains { $0["traceId"] as? String == traceID && ($0["body"] as? [String: Any])?["stringValue"] as? String == "answered" })
        }
    }
}

/// Lines of a child's output, read off the cooperative pool (reads block).
private final class LineReader: Sendable {
    private let handle: FileHandle

    init(_ handle: FileHandle) { self.handle = handle }

    /// The next line without its newline; `nil` at the end of the output.
    func next() async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { [handle] in
                var line: [UInt8] = []
                while true {
                    let byte = handle.readData(ofLength: 1)
                    if byte.isEmpty { continuation.resume(returning: line.isEmpty ? nil : String(decoding: line, as: UTF8.self)); return }
                    if byte[byte.startIndex] == UInt8(ascii: "\n") { continuation.resume(returning: String(decoding: line, as: UTF8.self)); return }
                    line.append(byte[byte.startIndex])
                }
            }
        }
    }
}
