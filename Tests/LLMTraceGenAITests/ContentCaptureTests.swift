import Foundation
import LLMTrace
import LLMTraceTesting
import Testing
@testable import LLMTraceGenAI

private let contentKeys = [
    GenAI.inputMessages, GenAI.outputMessages, GenAI.systemInstructions,
    GenAI.retrievalQueryText, GenAI.retrievalDocuments, LLMTraceAttributes.ragRerankDocuments,
]

/// Runs one pipeline's worth of spans with content and returns them.
private func runPipeline(environment: [String: String], question: String = "What port does OTLP use?", answer: String = "Port 4318.") async -> [SpanData] {
    let (genAI, provider, exporter) = makeGenAI(environment: environment)
    await genAI.withWorkflow("rag_pipeline", question: question) { _ in
        await genAI.withRetrieval(dataSource: "kb", query: question) { $0.recordDocuments([(id: "doc-1", score: 1.5), (id: "doc-2", score: 0.5)]) }
        await genAI.withRerank(model: "r") { $0.recordRerankedDocuments([(id: "doc-1", score: 0.9)]) }
        var request = ChatRequest(model: "gpt-4o-mini", provider: "openai", messages: [.text("user", question)])
        request.systemInstructions = "Answer from the context."
        await genAI.withChat(request) { span in
            span.recordResponse(ChatResponse(finishReasons: ["stop"], usage: TokenUsage(inputTokens: 5, outputTokens: 3), text: answer))
        }
    }
    provider.forceFlush()
    return exporter.spans
}

private func json(_ value: AttributeValue?) -> Any? {
    guard case .string(let text)? = value else { return nil }
    return try? JSONSerialization.jsonObject(with: Data(text.utf8))
}

@Suite struct ContentCaptureTests {
    @Test func offByDefaultButTheQuestionHashIsThere() async {
        let spans = await runPipeline(environment: [:])
        #expect(spans.count == 4)
        for span in spans {
            for key in contentKeys { #expect(span.attributes[key] == nil, "\(key) on \(span.name)") }
        }
        #expect(spans.first { $0.parentSpanID == nil }?.attributes[LLMTraceAttributes.questionSHA256] != nil)
    }

    @Test func onItFollowsTheConventionsJSONShape() async throws {
        let spans = await runPipeline(environment: ["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT": "true"])
        let chat = try #require(spans.first { $0.name == "chat gpt-4o-mini" })
        let input = try #require(json(chat.attributes[GenAI.inputMessages]) as? [[String: Any]])
        #expect(input.count == 1)
        #expect(input[0]["role"] as? String == "user")
        let parts = try #require(input[0]["parts"] as? [[String: Any]])
        #expect(parts[0]["type"] as? String == "text" && parts[0]["content"] as? String == "What port does OTLP use?")
        let output = try #require(json(chat.attributes[GenAI.outputMessages]) as? [[String: Any]])
        #expect(output[0]["role"] as? String == "assistant" && output[0]["finish_reason"] as? String == "stop")
        let instructions = try #require(json(chat.attributes[GenAI.systemInstructions]) as? [[String: Any]])
        #expect(instructions[0]["content"] as? String == "Answer from the context.")

        let retrieval = try #require(spans.first { $0.name == "retrieval kb" })
        #expect(retrieval.attributes[GenAI.retrievalQueryText] == "What port does OTLP use?")
        let documents = try #require(json(retrieval.attributes[GenAI.retrievalDocuments]) as? [[String: Any]])
        #expect(documents.map { $0["id"] as? String } == ["doc-1", "doc-2"])
        #expect(documents[0]["score"] as? Double == 1.5)
        #expect(json(spans.first { $0.name == "rerank r" }?.attributes[LLMTraceAttributes.ragRerankDocuments]) != nil)
    }

    @Test(arguments: [100, 200, 1000])
    func longContentIsCutToTheLimitAndStaysValidJSON(_ limit: Int) async throws {
        let question = String(repeating: "Why is the \"trace\" missing?\n\\ ", count: 200)
        let answer = String(repeating: "Because sampling dropped it; ünïcödé ✓. ", count: 300)
        let spans = await runPipeline(environment: [
            "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT": "span_only",
            "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT": String(limit),
        ], question: question, answer: answer)
        let chat = try #require(spans.first { $0.name == "chat gpt-4o-mini" })
        for key in [GenAI.inputMessages, GenAI.outputMessages] {
            guard case .string(let text)? = chat.attributes[key] else { Issue.record("\(key) missing at limit \(limit)"); continue }
            #expect(text.count <= limit, "\(key): \(text.count) characters")
            let parsed = try #require(json(.string(text)) as? [[String: Any]], "\(key) is not valid JSON: \(text)")
            let content = (parsed[0]["parts"] as? [[String: Any]])?[0]["content"] as? String
            #expect(content?.hasSuffix("…") == true)
        }
        let query = try #require(spans.first { $0.name.hasPrefix("retrieval") }?.attributes[GenAI.retrievalQueryText])
        if case .string(let text) = query { #expect(text.count <= limit) }
    }

    @Test func contentThatCannotFitIsLeftOutNotBroken() {
        let output = [ChatMessage.text("assistant", "Port 4318.", finishReason: "stop")]
        #expect(ContentJSON.messages(output, limit: 40) == nil)
        #expect(ContentJSON.documents([(id: "a-long-document-id", score: 1)], limit: 10) == nil)
        #expect(ContentJSON.documents([], limit: 10) == "[]")
    }

    @Test func manyMessagesKeepTheNewestWhenNotAllFit() {
        // Roles are never cut, so they show which messages were kept.
        let messages = (0..<50).map { ChatMessage.text("r\($0)", "message number \($0)") }
        let text = ContentJSON.messages(messages, limit: 200)!
        #expect(text.count <= 200)
        let parsed = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? []
        #expect(!parsed.isEmpty && parsed.count < 50)
        #expect(parsed.last?["role"] as? String == "r49")
        #expect(parsed.first?["role"] as? String == "r\(50 - parsed.count)")
    }

    @Test(arguments: [
        ("true", true), ("TRUE", true), ("span_only", true), ("SPAN_AND_EVENT", true),
        ("false", false), ("no_content", false),
    ])
    func theOptInVariableIsRead(_ value: String, _ expected: Bool) {
        let configuration = GenAIConfiguration(environment: ["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT": value])
        #expect(configuration.captureMessageContent == expected)
        #expect(configuration.warnings.isEmpty)
    }

    @Test(arguments: ["yes", "events", "1"])
    func otherValuesWarnOnceAndCaptureNothing(_ value: String) {
        let configuration = GenAIConfiguration(environment: ["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT": value])
        #expect(!configuration.captureMessageContent)
        #expect(configuration.warnings.count == 1)
    }

    @Test(arguments: [
        ("event_only", ContentCapture.eventOnly), ("span_and_event", .spanAndEvent), ("span_only", .spanOnly), ("no_content", .noContent),
    ])
    func everyModeIsRead(_ value: String, _ expected: ContentCapture) {
        #expect(GenAIConfiguration(environment: ["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT": value]).contentCapture == expected)
    }

    /// `event_only`: the messages travel in a `gen_ai.client.inference.operation.details` log
    /// event under the chat span, and not on the span; `span_and_event` puts them in both.
    @Test(arguments: [ContentCapture.eventOnly, .spanAndEvent, .spanOnly])
    func inferenceDetailsEventsCarryTheMessages(_ mode: ContentCapture) throws {
        let (provider, spans, logs) = TestTracing.providerWithLogs()
        var configuration = GenAIConfiguration()
        configuration.contentCapture = mode
        let genAI = GenAITracer(tracer: provider.tracer("rag"), configuration: configuration)
        var request = ChatRequest(model: "gpt-4o-mini", provider: "openai", messages: [.text("user", "What port does OTLP use?")])
        request.systemInstructions = "Answer briefly."
        let chat = genAI.startChat(request)
        chat.recordResponse(ChatResponse(id: "c-1", model: "gpt-4o-mini-2024-07-18", finishReasons: ["stop"], usage: TokenUsage(inputTokens: 12, outputTokens: 3), text: "4318"))
        chat.end()
        provider.forceFlush()
        let span = try #require(spans.spans.first)
        #expect((span.attributes["gen_ai.input.messages"] != nil) == mode.onSpans)
        let events = logs.records.filter { $0.eventName == "gen_ai.client.inference.operation.details" }
        #expect(events.count == (mode.onEvents ? 1 : 0))
        if let event = events.first {
            #expect(event.spanContext?.spanID == span.context.spanID)
            #expect(event.attributes["gen_ai.input.messages"]?.description.contains("What port does OTLP use?") == true)
            #expect(event.attributes["gen_ai.output.messages"]?.description.contains("4318") == true)
            #expect(event.attributes["gen_ai.system_instructions"] != nil)
            #expect(event.attributes["gen_ai.request.model"] == "gpt-4o-mini" && event.attributes["gen_ai.response.id"] == "c-1")
            #expect(event.attributes["gen_ai.usage.input_tokens"] == .int(12))
        }
        provider.shutdown()
    }
}
