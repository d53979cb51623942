import Foundation
import Logging
import Testing
@testable import LLMTrace
import LLMTraceTesting

/// Log records end to end: a swift-log line through the provider to a real HTTP server on
/// 127.0.0.1, in both encodings.
@Suite struct OTLPHTTPLogExporterTests {
    @Test(arguments: ["http/json", "http/protobuf"])
    func linesArriveAtV1LogsWithTheirSpan(_ wireProtocol: String) throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        var configuration = TracingConfiguration(environment: [
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:\(receiver.port)",
            "OTEL_EXPORTER_OTLP_PROTOCOL": wireProtocol,
            "OTEL_EXPORTER_OTLP_LOGS_HEADERS": "x-tenant=acme",
            "OTEL_SERVICE_NAME": "logs-test",
            "OTEL_METRICS_EXPORTER": "none",
            "OTEL_TRACES_EXPORTER": "none",
        ])
        configuration.logs.batch.scheduleDelay = .seconds(3600)
        let provider = TracerProvider(configuration: configuration)
        let handler = provider.logHandler(label: "app")
        let logger = Logger(label: "app") { _ in handler }
        var traceID = ""
        provider.tracer("t").withSpan("answer") { span in
            traceID = span.context.traceID.description
            logger.info("retrieved", metadata: ["docs": "4"])
        }
        logger.warning("no span here")
        #expect(provider.forceFlush(timeout: .seconds(10)))
        #expect(provider.logStatistics?.exported == 2)
        provider.shutdown(timeout: .seconds(5))

        let request = try #require(receiver.requests.first { $0.path == "/v1/logs" })
        #expect(request.headers["x-tenant"] == "acme")
        if wireProtocol == "http/json" {
            #expect(request.headers["content-type"] == "application/json")
            let records = ((request.json["resourceLogs"] as? [[String: Any]])?.first?["scopeLogs"] as? [[String: Any]])?.first?["logRecords"] as? [[String: Any]]
            #expect(records?.count == 2)
            #expect(records?.first?["traceId"] as? String == traceID)
            #expect(records?.last?["traceId"] == nil)
        } else {
            #expect(request.headers["content-type"] == "application/x-protobuf")
            let resourceLogs = try OTLPProtobufEncoderTests.messages(try OTLPProtobufEncoderTests.fields(request.body[...]), 1)
            let records = try OTLPProtobufEncoderTests.messages(try OTLPProtobufEncoderTests.messages(resourceLogs[0], 2)[0], 2)
            #expect(records.count == 2)
        }
    }

    @Test func aReceiverThatIsDownLosesNothingUncounted() throws {
        var configuration = TracingConfiguration(environment: [
            "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT": "http://127.0.0.1:\(TestReceiver.closedPort())/v1/logs",
            "OTEL_EXPORTER_OTLP_TIMEOUT": "300",
            "OTEL_METRICS_EXPORTER": "none",
            "OTEL_TRACES_EXPORTER": "none",
        ])
        configuration.logs.batch.maxQueueSize = 4
        configuration.logs.batch.scheduleDelay = .seconds(3600)
        let provider = TracerProvider(configuration: configuration)
        let handler = provider.logHandler(label: "app")
        let logger = Logger(label: "app") { _ in handler }
        for i in 0..<10 { logger.info("line \(i)") }
        provider.shutdown(timeout: .seconds(5))
        let statistics = try #require(provider.logStatistics)
        #expect(statistics.queued + statistics.dropped == 10)
        #expect(statistics.failed == statistics.queued && statistics.exported == 0, "\(statistics)")
        #expect(statistics.queued >= 4)
    }
}
