import Foundation
import LLMTrace
import LLMTraceTesting
import Testing
@testable import LLMTraceGenAI

private struct RateLimited: Error, ErrorTypeProviding {
    var errorType: String { "rate_limit_exceeded" }
}

@Suite struct GenAITracerTests {
    @Test func spansAreNamedKindedAndNestedByTheConventions() async throws {
        let (genAI, provider, exporter) = makeGenAI()
        await genAI.withWorkflow("rag_pipeline", question: "What is OTLP?") { _ in
            await genAI.withRetrieval(dataSource: "kb-docs", query: "What is OTLP?", topK: 20) { $0.recordDocuments([(id: "d1", score: 2.5)]) }
            await genAI.withRerank(model: "bge-reranker", topK: 5, inputCount: 20) { $0.recordRerankedDocuments([(id: "d1", score: 0.9)]) }
            await genAI.withEmbeddings(model: "text-embedding-3-small", provider: GenAI.providerOpenAI) { span in
                span.recordUsage(TokenUsage(inputTokens: 12, outputTokens: 0))
            }
            var request = ChatRequest(model: "gpt-4o-mini", provider: GenAI.providerOpenAI)
            request.temperature = 0.2
            request.topK = 40
            request.maxTokens = 300
            request.serverAddress = "api.openai.com"
            request.serverPort = 443
            await genAI.withChat(request) { span in
                span.recordResponse(ChatResponse(id: "chatcmpl-1", model: "gpt-4o-mini-2024-07-18", finishReasons: ["stop"], usage: TokenUsage(inputTokens: 1000, outputTokens: 200, cacheReadInputTokens: 400)))
            }
        }
        provider.forceFlush()

        let root = try #require(exporter.span(named: "invoke_workflow rag_pipeline"))
        #expect(root.kind == .internal && root.parentSpanID == nil)
        #expect(root.attributes[GenAI.operationName] == "invoke_workflow")
        #expect(root.attributes[GenAI.agentName] == "rag_pipeline" && root.attributes[GenAI.workflowName] == nil, "v0.1.0: a workflow is an in-process agent")
        #expect(root.attributes[GenAI.agentID] == nil && root.attributes[GenAI.conversationID] == nil)
        #expect(root.attributes[LLMTraceAttributes.questionSHA256] == .string(QuestionHash.sha256("what is otlp?")))

        let retrieval = try #require(exporter.span(named: "retrieval kb-docs"))
        #expect(retrieval.kind == .client && retrieval.parentSpanID == root.context.spanID)
        #expect(retrieval.attributes[GenAI.dataSourceID] == "kb-docs")
        #expect(retrieval.attributes[GenAI.retrievalTopK] == .int(20) && retrieval.attributes[GenAI.requestTopK] == nil)
        #expect(retrieval.attributes[LLMTraceAttributes.ragRetrievalDocumentCount] == 1)

        let rerank = try #require(exporter.span(named: "rerank bge-reranker"))
        #expect(rerank.kind == .internal && rerank.parentSpanID == root.context.spanID)
        #expect(rerank.attributes[GenAI.operationName] == "rerank" && rerank.attributes[GenAI.rerankTopN] == .int(5))
        #expect(rerank.attributes[LLMTraceAttributes.ragRerankInputDocumentsCount] == 20 && rerank.attributes[LLMTraceAttributes.ragRerankOutputDocumentsCount] == 1)

        let embeddings = try #require(exporter.span(named: "embeddings text-embedding-3-small"))
        #expect(embeddings.kind == .client)
        #expect(embeddings.attributes[GenAI.usageCost] == .double(12 * 0.02 / 1_000_000))

        let chat = try #require(exporter.span(named: "chat gpt-4o-mini"))
        #expect(chat.kind == .client && chat.parentSpanID == root.context.spanID)
        #expect(chat.attributes[GenAI.providerName] == "openai")
        #expect(chat.attributes[GenAI.requestModel] == "gpt-4o-mini")
        #expect(chat.attributes[GenAI.requestTemperature] == .double(0.2))
        #expect(chat.attributes[GenAI.requestMaxTokens] == 300)
        #expect(chat.attributes[GenAI.requestTopK] == .int(40), "an int sampling parameter since v0.1.0")
        #expect(chat.attributes[GenAI.requestStream] == nil, "unset for non-streaming calls")
        #expect(chat.attributes[OTelAttributes.serverAddress] == "api.openai.com" && chat.attributes[OTelAttributes.serverPort] == 443)
        #expect(chat.attributes[GenAI.responseID] == "chatcmpl-1")
        #expect(chat.attributes[GenAI.responseModel] == "gpt-4o-mini-2024-07-18")
        #expect(chat.attributes[GenAI.responseFinishReasons] == .stringArray(["stop"]))
        #expect(chat.attributes[GenAI.usageInputTokens] == 1000 && chat.attributes[GenAI.usageOutputTokens] == 200)
        #expect(chat.attributes[GenAI.usageCacheReadInputTokens] == 400)
        // 600 plain × 0.15 + 400 cached × 0.075 + 200 × 0.60, per million, priced by the snapshot's base model
        let cost = try #require(chat.attributes[GenAI.usageCost]?.numericValue)
        #expect(abs(cost - (600 * 0.15 + 400 * 0.075 + 200 * 0.60) / 1_000_000) < 1e-15)
        #expect(chat.status == .unset)
    }

    @Test func anUnknownModelGetsNoCostAndOneWarning() async {
        let log = LogCapture()
        let (genAI, provider, exporter) = makeGenAI(logger: log.logger)
        for _ in 0..<3 {
            await genAI.withChat(ChatRequest(model: "house-llama-70b", provider: "ollama")) { span in
                span.recordResponse(ChatResponse(finishReasons: ["stop"], usage: TokenUsage(inputTokens: 10, outputTokens: 5)))
            }
        }
        provider.forceFlush()
        #expect(exporter.spans.count == 3)
        #expect(exporter.spans.allSatisfy { $0.attributes[GenAI.usageCost] == nil && $0.attributes[GenAI.usageInputTokens] == 10 })
        #expect(log.messages.filter { $0.contains("house-llama-70b") }.count == 1)
    }

    @Test func failuresSetStatusExceptionAndErrorType() async throws {
        let (genAI, provider, exporter) = makeGenAI()
        await #expect(throws: RateLimited.self) {
            try await genAI.withWorkflow("rag_pipeline") { _ in
                try await genAI.withChat(ChatRequest(model: "gpt-4o", provider: "openai")) { _ in throw RateLimited() }
            }
        }
        provider.forceFlush()
        for name in ["chat gpt-4o", "invoke_workflow rag_pipeline"] {
            let span = try #require(exporter.span(named: name))
            #expect(span.attributes[OTelAttributes.errorType] == "rate_limit_exceeded")
            guard case .error = span.status else { Issue.record("\(name) status \(span.status)"); continue }
            #expect(span.events.contains { $0.name == "exception" })
        }
        // The trace was kept by the error rule, whatever the sampler.
        #expect(exporter.span(named: "invoke_workflow rag_pipeline")?.attributes["llmtrace.sampling.rule"] == "error")
    }

    @Test func streamingRecordsTheFirstChunkOnce() async throws {
        let (genAI, provider, exporter) = makeGenAI()
        var request = ChatRequest(model: "gpt-4o", provider: "openai")
        request.stream = true
        try await genAI.withChat(request) { span in
            try await Task.sleep(for: .milliseconds(20))
            span.recordFirstChunk()
            try await Task.sleep(for: .milliseconds(20))
            span.recordFirstChunk()
        }
        provider.forceFlush()
        let chat = try #require(exporter.span(named: "chat gpt-4o"))
        #expect(chat.attributes[GenAI.requestStream] == true)
        let ttfc = try #require(chat.attributes[GenAI.responseTimeToFirstChunk]?.numericValue)
        let duration = Double(chat.endTimeUnixNano - chat.startTimeUnixNano) / 1e9
        #expect(ttfc > 0 && ttfc < duration, "first chunk at \(ttfc) s of \(duration) s")
    }

    @Test func evaluationsAreSpanEvents() async throws {
        let (genAI, provider, exporter) = makeGenAI()
        await genAI.withChat(ChatRequest(model: "gpt-4o", provider: "openai")) { span in
            span.recordResponse(ChatResponse(id: "resp-9", finishReasons: ["stop"]))
            span.recordEvaluation(name: "relevance", score: 0.8, label: "pass")
        }
        provider.forceFlush()
        let event = try #require(exporter.span(named: "chat gpt-4o")?.events.first { $0.name == "gen_ai.evaluation.result" })
        #expect(event.attributes[GenAI.evaluationName] == "relevance")
        #expect(event.attributes[GenAI.evaluationScoreValue] == .double(0.8))
        #expect(event.attributes[GenAI.evaluationScoreLabel] == "pass")
        #expect(event.attributes[GenAI.responseID] == "resp-9")
    }

    @Test func questionsHashAlikeAfterNormalizing() {
        #expect(QuestionHash.sha256("what is otlp?") == "5eafd38462bd4331caebf9edd20ec2f1be1d0a229cc2477dec1efe8bc76f0969")
        #expect(QuestionHash.sha256("  What  is\tOTLP?\n") == QuestionHash.sha256("what is otlp?"))
        #expect(QuestionHash.sha256("Ｗhat is OTLP?") == QuestionHash.sha256("what is otlp?"), "full-width letters fold under NFKC")
        #expect(QuestionHash.sha256("what is otlp") != QuestionHash.sha256("what is otlp?"))
    }

    @Test func theHashIsSHA256() {
        // FIPS 180-4's examples (already in normal form), and the empty message.
        #expect(QuestionHash.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(QuestionHash.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = String(repeating: "a", count: 1_000_000)
        #expect(QuestionHash.sha256(long) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
