import Foundation
import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

/// Secrets never leave through a log line, an error or a span; shutdown keeps its word on time
/// and on the books when the receiver does not answer.
@Suite struct SecurityAndShutdownTests {
    static let secret = "sk-test-7f3a9c-SECRET"

    @Test func headerValuesAndURLCredentialsReachNoLogErrorOrSpan() throws {
        // A hostile receiver: echoes the API key in its error message and its partial success.
        let receiver = try TestReceiver { index, _ in
            index == 0
                ? .respond(status: 400, body: #"{"code":3,"message":"bad key \#(Self.secret)"}"#)
                : .respond(status: 200, body: #"{"partialSuccess":{"rejectedSpans":"1","errorMessage":"tenant \#(Self.secret) over quota"}}"#)
        }
        let log = LogCapture()
        let url = receiver.url.replacingOccurrences(of: "http://", with: "http://user:\(Self.secret)@") + "?token=\(Self.secret)"
        var configuration = TracingConfiguration(environment: [
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": url,
            "OTEL_EXPORTER_OTLP_HEADERS": "authorization=Bearer%20\(Self.secret),x-api-key=\(Self.secret)",
            "OTEL_METRICS_EXPORTER": "none",
            "OTEL_LOG_LEVEL": "debug",
        ])
        configuration.batch.scheduleDelay = .seconds(3600)
        let provider = TracerProvider(configuration: configuration, logger: log.logger)
        let tracer = provider.tracer("security")
        tracer.withSpan("first") { _ in }
        provider.forceFlush(timeout: .seconds(5))
        tracer.withSpan("second") { _ in }
        #expect(provider.shutdown(timeout: .seconds(5)))

        // The receiver got the header, so it was sent; nothing else carries the secret.
        #expect(receiver.requests.first?.headers["x-api-key"] == Self.secret)
        let logged = log.messages.joined(separator: "\n")
        #expect(logged.contains("HTTP 400"))
        #expect(logged.contains("rejected 1"))
        var emitted = [logged, "\(configuration)", "\(configuration.otlp)", "\(provider.statistics)", configuration.warnings.joined()]
        emitted += receiver.requests.map { String(decoding: $0.body, as: UTF8.self) }
        for text in emitted { #expect(!text.contains(Self.secret), "secret in: \(text.prefix(200))") }
    }

    @Test func malformedHeadersAndEndpointsWarnWithoutTheirValues() {
        let configuration = TracingConfiguration(environment: [
            "OTEL_EXPORTER_OTLP_HEADERS": "x-api-key=\(Self.secret),broken%zz",
            "OTEL_EXPORTER_OTLP_ENDPOINT": "ftp://user:\(Self.secret)@collector:4318",
        ])
        #expect(configuration.warnings.count == 2)
        for warning in configuration.warnings { #expect(!warning.contains(Self.secret), "\(warning)") }
        #expect(Redaction.url("https://u:p@h:1/v1/traces?k=v#f") == "https://<redacted>@h:1/v1/traces?<redacted>#f")
        #expect(Redaction.url("http://h/p") == "http://h/p")
    }

    @Test func shutdownWithASilentReceiverReturnsInTimeAndCountsEverySpan() throws {
        let receiver = try TestReceiver { _, _ in .never }
        var configuration = TracingConfiguration(environment: [
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": receiver.url,
            "OTEL_EXPORTER_OTLP_TIMEOUT": "600000",
            "OTEL_BSP_EXPORT_TIMEOUT": "600000",
            "OTEL_METRICS_EXPORTER": "none",
        ])
        configuration.batch.maxExportBatchSize = 10
        let provider = TracerProvider(configuration: configuration, logger: LogCapture().logger)
        let tracer = provider.tracer("silent")
        // A full batch starts an export the receiver will never answer; more wait behind it.
        for i in 0..<35 { tracer.withSpan("span-\(i)") { _ in } }
        // Near the end of its timeout, shutdown cancels the post in progress: what is left fails
        // at once, so shutdown finishes, with every span accounted for.
        let finished = provider.shutdown(timeout: .milliseconds(500))
        let statistics = provider.statistics
        #expect(statistics.queued == 35)
        #expect(statistics.exported == 0)
        #expect(statistics.failed == 35)
        // `timeout` when shutdown's own export ran out its deadline, `shutdown` when cancelled.
        #expect(statistics.failedByReason.values.reduce(0, +) == 35)
        #expect(Set(statistics.failedByReason.keys).isSubset(of: ["shutdown", "timeout"]))
        #expect(statistics.pending == 0)
        // A second call waits for nothing and reports the first one's outcome.
        #expect(provider.shutdown(timeout: .seconds(1)) == finished)
    }

    @Test func aTrickledOrCutTwoHundredIsADeliveryNotARetry() throws {
        for reply in [LoopbackHTTPServer.Reply.cut(status: 200, body: #"{"partialSuccess":{}}"#, bytes: 40),
                      .trickle(status: 200, body: "{}", interval: .milliseconds(1)),
                      .respond(status: 200, body: String(repeating: "x", count: CurlTransport.maxResponseBytes + 1))] {
            let receiver = try TestReceiver { _, _ in reply }
            let exporter = OTLPHTTPExporter(configuration: {
                var otlp = OTLPExporterConfiguration()
                otlp.endpoint = receiver.url
                return otlp
            }())
            #expect(exporter.export([.stub(name: "once")], deadline: .now.advanced(by: .seconds(10))) == .success)
            #expect(receiver.requests.count == 1)
        }
    }
}
