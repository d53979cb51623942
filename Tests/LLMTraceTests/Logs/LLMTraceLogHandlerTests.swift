import Foundation
import Logging
import Testing
@testable import LLMTrace
import LLMTraceTesting

private struct Refused: Error, CustomStringConvertible {
    var description: String { "connection refused" }
}

@Suite struct LLMTraceLogHandlerTests {
    @Test func aLineLoggedInASpanCarriesItsIdsSeverityBodyMetadataAndSource() throws {
        let (provider, _, logs) = TestTracing.providerWithLogs()
        var handler = provider.logHandler(label: "app.rag")
        handler.logLevel = .trace
        handler[metadataKey: "service.part"] = "retrieval"
        let logger = Logger(label: "app.rag") { _ in handler }
        var spanContext: SpanContext?
        provider.tracer("t").withSpan("answer") { span in
            spanContext = span.context
            logger.warning("model slow", metadata: [
                "gen_ai.request.model": "gpt-4o-mini",
                "http": ["status": "429", "retry": ["after": "2"]],
                "ids": ["a", "b"],
                "trace_id": "repeated",
            ])
        }
        logger.notice("outside")
        logger.error("failed", error: Refused())
        provider.forceFlush()
        let records = logs.records
        #expect(records.count == 3)
        let inside = try #require(records.first)
        #expect(inside.spanContext?.traceID == spanContext?.traceID && inside.spanContext?.spanID == spanContext?.spanID)
        #expect(inside.severity == .warn && inside.severityText == "warning")
        #expect(inside.body == "model slow")
        #expect(inside.scope.name == "app.rag")
        #expect(inside.attributes["service.part"] == "retrieval")
        #expect(inside.attributes["http.status"] == "429" && inside.attributes["http.retry.after"] == "2")
        #expect(inside.attributes["ids"] == .stringArray(["a", "b"]))
        #expect(inside.attributes["trace_id"] == nil, "the record carries the span itself")
        #expect(inside.attributes["code.file.path"]?.description.hasSuffix("LLMTraceLogHandlerTests.swift") == true)
        #expect(inside.attributes["code.line.number"] != nil && inside.attributes["code.function.name"] != nil)
        #expect(inside.resource === provider.resource)
        #expect(records[1].spanContext == nil && records[1].severity == .info2)
        #expect(records[2].attributes["exception.message"] == "connection refused" && records[2].severity == .error)
        #expect(provider.logStatistics?.exported == 3)
        provider.shutdown()
    }

    @Test func llmTracesOwnLoggersAreNeverExported() {
        let (provider, _, logs) = TestTracing.providerWithLogs()
        for label in ["llmtrace", "llmtrace.genai"] {
            let handler = provider.logHandler(label: label)
            Logger(label: label) { _ in handler }.warning("export failed")
        }
        let app = provider.logHandler(label: "llmtrace-app")
        Logger(label: "llmtrace-app") { _ in app }.warning("kept: not LLMTrace's own label")
        provider.forceFlush()
        #expect(logs.records.map(\.scope.name) == ["llmtrace-app"])
        provider.shutdown()
    }

    /// Huge and odd metadata: kept within the limits, counted, never slow or fatal.
    @Test func hugeAndOddMetadataIsLimitedAndCounted() throws {
        let (provider, _, logs) = TestTracing.providerWithLogs { $0.logs.attributeValueLengthLimit = 64 }
        let handler = provider.logHandler(label: "app")
        let logger = Logger(label: "app") { _ in handler }
        var metadata: Logger.Metadata = [:]
        for i in 0..<20_000 { metadata["key-\(i)"] = "\(i)" }
        metadata[""] = "empty key"
        metadata["newline\nkey"] = "tab\tvalue \u{0}"
        metadata["long"] = .string(String(repeating: "ä", count: 10_000))
        metadata["deep"] = .dictionary(["a": .dictionary(["b": .dictionary(["c": .array([.string("x"), .stringConvertible(42)])])])])
        logger.info("\(String(repeating: "m", count: 1000))", metadata: metadata)
        provider.forceFlush()
        let record = try #require(logs.records.first)
        #expect(record.attributes.count == 128)
        #expect(record.droppedAttributesCount == 20_003 + 3 - 128, "every key but the empty one, plus code.*")
        #expect(record.attributes["code.file.path"] != nil, "the source location is kept first")
        #expect(record.body?.count == 64)
        #expect(record.attributes.allSatisfy { !$0.key.isEmpty })
        provider.shutdown()
    }
}
