import Logging
import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct OTLPHTTPClientTests {
    func client(_ url: String, _ configure: (inout OTLPExporterConfiguration) -> Void = { _ in }) -> OTLPHTTPClient {
        var configuration = OTLPExporterConfiguration()
        configuration.endpoint = url
        configuration.retry.maxAttempts = 1
        configure(&configuration)
        return OTLPHTTPClient(configuration: configuration, transport: nil, logger: Logger(label: "test"), rejectedKey: "rejectedSpans")
    }

    func send(_ client: OTLPHTTPClient, _ json: StaticString = "{}") -> ExportResult {
        client.send(deadline: .after(.seconds(10)), estimatedSize: 64) { $0.raw(json) }
    }

    @Test func aTwoHundredBodyIsSuccessUnlessItReportsAPartialSuccess() {
        func parse(_ text: String) -> ExportResult { OTLPHTTPClient.parseSuccess(Array(text.utf8), contentType: nil, rejectedKey: "rejectedSpans") }
        #expect(parse("") == .success)
        #expect(parse("not json") == .success)
        #expect(parse(#"{"partialSuccess":{}}"#) == .success)
        #expect(parse(#"{"partialSuccess":{"rejectedSpans":"3","errorMessage":"old"}}"#) == .partialSuccess(rejected: 3, message: "old"))
        #expect(parse(#"{"partialSuccess":{"rejectedSpans":2}}"#) == .partialSuccess(rejected: 2, message: ""))
        #expect(parse(#"{"partialSuccess":{"errorMessage":"warning only"}}"#) == .partialSuccess(rejected: 0, message: "warning only"))
        // Other members, of any type, are passed over; a count may come as a float.
        #expect(parse(#"{"extra":[1,true,null,{"a":"b"}],"partialSuccess":{"rejectedSpans":2.0,"errorMessage":"x","more":{}}}"#) == .partialSuccess(rejected: 2, message: "x"))
        #expect(parse(#"["not","an","object"]"#) == .success)
        #expect(OTLPHTTPClient.parseSuccess(Array(#"{"partialSuccess":{"rejectedDataPoints":"4"}}"#.utf8), contentType: "application/json", rejectedKey: "rejectedDataPoints") == .partialSuccess(rejected: 4, message: ""))
    }

    @Test func anErrorBodyGivesItsStatusMessageShortAndOnOneLine() {
        #expect(OTLPHTTPClient.statusMessage(Array(#"{"code":3,"message":"bad span"}"#.utf8), contentType: nil) == "bad span")
        #expect(OTLPHTTPClient.statusMessage(Array("plain\ntext".utf8), contentType: nil) == "plaintext")
        #expect(OTLPHTTPClient.statusMessage([], contentType: nil) == "")
        #expect(OTLPHTTPClient.statusMessage(Array(#"{"code":3,"message":7}"#.utf8), contentType: nil) == "")
        #expect(OTLPHTTPClient.statusMessage(Array(String(repeating: "x", count: 1000).utf8), contentType: nil).count == 200)
    }

    @Test func aHeaderValueEchoedByTheReceiverIsRedacted() throws {
        let receiver = try TestReceiver { _, _ in
            .respond(status: 200, body: #"{"partialSuccess":{"rejectedSpans":"1","errorMessage":"key sk-12345 over quota"}}"#)
        }
        defer { receiver.stop() }
        let client = client(receiver.url) { $0.headers = [(name: "x-api-key", value: "sk-12345")] }
        #expect(send(client) == .partialSuccess(rejected: 1, message: "key <redacted> over quota"))
        #expect(receiver.requests.first?.headers["x-api-key"] == "sk-12345")
        #expect(receiver.requests.first?.headers["content-type"] == "application/json")
    }

    @Test(arguments: [99, 0, -1] as [Int32])
    func aGzipLevelOutsideOneToTwelveIsSaidOnceAndTheDefaultCompresses(level: Int32) throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let captured = LogCapture()
        var configuration = OTLPExporterConfiguration()
        configuration.endpoint = receiver.url
        configuration.compression = .gzip
        configuration.gzipLevel = level
        let client = OTLPHTTPClient(configuration: configuration, transport: nil, logger: captured.logger, rejectedKey: "rejectedSpans")
        #expect(client.configuration.gzipLevel == OTLPExporterConfiguration().gzipLevel)
        for _ in 0..<3 { #expect(send(client, #"{"resourceSpans":[]}"#) == .success) }
        #expect(receiver.requests.count == 3)
        #expect(receiver.requests.allSatisfy { $0.headers["content-encoding"] == "gzip" && $0.body == Array(#"{"resourceSpans":[]}"#.utf8) })
        #expect(captured.messages == ["warning: gzip level \(level) is not one of 1...12; using 1"])
    }

    @Test func aBodyOverTheLimitIsRefusedWithoutARequest() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let client = client(receiver.url) { $0.maxRequestBytes = 8 }
        #expect(send(client, #"{"too":"large"}"#) == .failure(.payloadTooLarge(bytes: 15)))
        #expect(receiver.requests.isEmpty)
    }

    @Test func afterShutdownSendsFailAtOnceWithoutARequest() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let client = client(receiver.url)
        #expect(send(client) == .success)
        client.shutdown()
        client.shutdown()
        #expect(send(client) == .failure(.shutdown))
        #expect(receiver.requests.count == 1)
    }

    @Test func aStatusThatIsNotRetryableFailsAtOnce() throws {
        let receiver = try TestReceiver { _, _ in .respond(status: 401, body: #"{"message":"no"}"#) }
        defer { receiver.stop() }
        let client = client(receiver.url) { $0.retry.maxAttempts = 5 }
        #expect(send(client) == .failure(.httpStatus(401, retryable: false, message: "no")))
        #expect(receiver.requests.count == 1)
    }

    /// Uncompressed bodies of changing sizes: each is exactly what was written, whether the last
    /// body's size made the guess too small (the body outgrows its array) or too large (it is
    /// copied out at its own size), and none holds more than a quarter and 4 KiB of room.
    @Test func plainBodiesAreWhatWasWrittenWhateverTheLastOnesSize() throws {
        let client = client("http://127.0.0.1:9/v1/traces")
        for (items, perItem) in [(100, 10), (100, 400), (100, 10), (50, 600), (500, 1), (1, 90_000), (300, 30)] {
            let expected = (0..<items * perItem).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ items) }
            let batch = try client.encode(estimatedSize: 64, items: items) { writer in
                expected.withUnsafeBytes { writer.bytes(1, $0) }
            }.get()
            let header = [UInt8(0x0A)] + varint(expected.count)
            #expect(batch.body == header + expected, "\(items) × \(perItem)")
            #expect(batch.bytes == batch.body.capacity)
            #expect(batch.body.capacity - batch.body.count <= batch.body.count / 4 + 4096, "\(items) × \(perItem)")
        }
    }

    private func varint(_ value: Int) -> [UInt8] {
        var value = UInt64(value)
        var bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        return bytes + [UInt8(value)]
    }
}
