import Foundation
import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

/// `http/protobuf` end to end: the exporter against a real HTTP server on 127.0.0.1.
@Suite struct OTLPHTTPExporterProtobufTests {
    func provider(_ url: String, gzip: Bool = false) -> TracerProvider {
        var configuration = TracingConfiguration(environment: [
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": url,
            "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
            "OTEL_EXPORTER_OTLP_COMPRESSION": gzip ? "gzip" : "none",
            "OTEL_SERVICE_NAME": "protobuf-test",
            "OTEL_METRICS_EXPORTER": "none",
        ])
        configuration.batch.scheduleDelay = .seconds(3600)
        return TracerProvider(configuration: configuration)
    }

    /// `ExportTraceServiceResponse { partial_success { rejected_spans, error_message } }`.
    static func partialSuccess(rejected: UInt64, message: String) -> String {
        var inner = ByteWriter()
        inner.uint(1, rejected)
        inner.string(2, message)
        var outer = ByteWriter()
        inner.withUnsafeBytes { outer.bytes(1, $0) }
        return String(decoding: outer.bytes, as: UTF8.self)
    }

    @Test(arguments: [false, true])
    func spansArriveAsProtobufWithTheirParents(gzip: Bool) throws {
        let receiver = try TestReceiver()
        let provider = provider(receiver.url, gzip: gzip)
        let tracer = provider.tracer("rag", version: "0.1.0")
        var rootSpanID = SpanID.invalid
        tracer.withSpan("rag_pipeline") { root in
            rootSpanID = root.context.spanID
            tracer.withSpan("chat gpt-4o-mini", kind: .client) { $0.setAttribute("gen_ai.usage.input_tokens", 1523) }
        }
        #expect(provider.forceFlush(timeout: .seconds(10)))
        provider.shutdown(timeout: .seconds(5))
        receiver.stop()

        let request = try #require(receiver.requests.first)
        #expect(request.headers["content-type"] == "application/x-protobuf")
        #expect(request.headers["content-encoding"] == (gzip ? "gzip" : nil))
        let spans = try OTLPProtobufEncoderTests.spans(request.body)
        #expect(spans.compactMap { OTLPProtobufEncoderTests.string($0, 5) } == ["chat gpt-4o-mini", "rag_pipeline"])
        var parent = [UInt8](repeating: 0, count: 8)
        withUnsafeBytes(of: rootSpanID.value.bigEndian) { parent = Array($0) }
        #expect(OTLPProtobufEncoderTests.value(spans[0], 4) == .bytes(parent[...]))
        #expect(provider.statistics.exported == 2)
    }

    @Test func aProtobufPartialSuccessCountsTheRejectedSpans() throws {
        let receiver = try TestReceiver { _, _ in
            .respond(status: 200, headers: ["Content-Type": "application/x-protobuf"], body: Self.partialSuccess(rejected: 2, message: "too old"))
        }
        let provider = provider(receiver.url)
        for i in 0..<5 { provider.tracer("t").withSpan("s\(i)") { _ in } }
        provider.forceFlush(timeout: .seconds(5))
        #expect(provider.statistics.rejected == 2)
        #expect(provider.statistics.exported == 3)
        provider.shutdown(timeout: .seconds(1))
    }

    /// Some back ends answer a protobuf request in JSON, or with an empty body.
    @Test func aJSONOrEmptyAnswerToAProtobufRequestIsRead() throws {
        let receiver = try TestReceiver { index, _ in
            index == 0
                ? .respond(status: 200, headers: ["Content-Type": "application/json"], body: #"{"partialSuccess":{"rejectedSpans":"1","errorMessage":"dup"}}"#)
                : .respond(status: 200, headers: ["Content-Type": "application/x-protobuf"], body: "")
        }
        let provider = provider(receiver.url)
        for i in 0..<3 { provider.tracer("t").withSpan("s\(i)") { _ in } }
        provider.forceFlush(timeout: .seconds(5))
        for i in 0..<3 { provider.tracer("t").withSpan("t\(i)") { _ in } }
        provider.forceFlush(timeout: .seconds(5))
        #expect(provider.statistics.rejected == 1)
        #expect(provider.statistics.exported == 5)
        provider.shutdown(timeout: .seconds(1))
    }

    @Test func aProtobufStatusNamesTheRefusal() throws {
        var status = ByteWriter()
        status.uint(1, 3)
        status.string(2, "bad span")
        let body = String(decoding: status.bytes, as: UTF8.self)
        #expect(OTLPHTTPClient.statusMessage(Array(body.utf8), contentType: "application/x-protobuf") == "bad span")
        let receiver = try TestReceiver { _, _ in .respond(status: 400, headers: ["Content-Type": "application/x-protobuf"], body: body) }
        let provider = provider(receiver.url)
        provider.tracer("t").withSpan("s") { _ in }
        provider.forceFlush(timeout: .seconds(5))
        #expect(provider.statistics.failedByReason["http 400"] == 1)
        provider.shutdown(timeout: .seconds(1))
    }
}
