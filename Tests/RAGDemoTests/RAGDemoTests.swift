import Foundation
import LLMTrace
import LLMTraceGenAI
import LLMTraceTesting
import Testing
@testable import RAGDemo

private func stringAttribute(_ span: [String: Any], _ key: String) -> String? {
    attribute(span, key)?["stringValue"] as? String
}

private func intAttribute(_ span: [String: Any], _ key: String) -> Int? {
    (attribute(span, key)?["intValue"] as? String).flatMap(Int.init)
}

private func doubleAttribute(_ span: [String: Any], _ key: String) -> Double? {
    attribute(span, key)?["doubleValue"] as? Double
}

private func attribute(_ span: [String: Any], _ key: String) -> [String: Any]? {
    let attributes = span["attributes"] as? [[String: Any]] ?? []
    return attributes.first { $0["key"] as? String == key }?["value"] as? [String: Any]
}

@Suite struct RAGDemoTests {
    /// The whole demo pipeline against a real HTTP receiver: one complete trace per question.
    @Test func everyQuestionIsOneCompleteTraceWithTokensCostAndErrors() async throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        var configuration = TracingConfiguration(environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:\(receiver.port)"])
        configuration.serviceName = "rag-demo-test"
        let provider = TracerProvider(configuration: configuration)
        let genAI = GenAITracer(tracer: provider.tracer("rag-demo"))
        let failures = FailurePlan(rate: 0.4, seed: 11)
        let questions = Array(Questions.builtIn.prefix(16))
        let demo = Demo(questions: questions, concurrency: 4, pipeline: RAGPipeline(
            genAI: genAI, index: BM25Index(documents: Corpus.documents), generator: LocalGenerator(latencyScale: 0),
            model: "gpt-4o-mini", failures: failures, latencyScale: 0
        ))
        let outcomes = await demo.run()
        #expect(provider.shutdown(timeout: .seconds(10)))

        let expectedFailures = (0..<questions.count).filter { failures.failure(forQuestion: $0) != nil }
        #expect(!expectedFailures.isEmpty && expectedFailures.count < questions.count, "the seed must give both kinds")
        #expect(outcomes.count == questions.count)
        #expect(outcomes.enumerated().filter { $0.element.errorType != nil }.map(\.offset) == expectedFailures)

        let byTrace = Dictionary(grouping: receiver.spans) { $0["traceId"] as? String ?? "" }
        #expect(byTrace.count == questions.count)
        for outcome in outcomes {
            let spans = try #require(byTrace[outcome.traceID.hexString], "no trace for \(outcome.question)")
            #expect(spans.count == 4)
            let root = try #require(spans.first { $0["parentSpanId"] == nil || ($0["parentSpanId"] as? String)?.isEmpty == true })
            #expect(root["name"] as? String == "invoke_workflow rag_pipeline")
            #expect(stringAttribute(root, "llmtrace.question.sha256") == QuestionHash.sha256(outcome.question))
            let rootID = try #require(root["spanId"] as? String)
            let steps = Dictionary(uniqueKeysWithValues: spans.compactMap { span in stringAttribute(span, "rag.step").map { ($0, span) } })
            #expect(Set(steps.keys) == ["rag_pipeline", "retrieval", "reranking", "generation"])
            for step in ["retrieval", "reranking", "generation"] {
                #expect(steps[step]?["parentSpanId"] as? String == rootID, "\(step) hangs under the root")
            }
            let generation = try #require(steps["generation"])
            #expect(generation["name"] as? String == "chat gpt-4o-mini")
            #expect(stringAttribute(generation, "gen_ai.operation.name") == "chat")
            #expect(stringAttribute(generation, "gen_ai.request.model") == "gpt-4o-mini")
            #expect(stringAttribute(generation, "gen_ai.provider.name") == "llmtrace.local")
            #expect(stringAttribute(steps["retrieval"]!, "gen_ai.data_source.id") == RAGPipeline.dataSource)

            if let errorType = outcome.errorType {
                #expect(["rate_limit_exceeded", "timeout"].contains(errorType))
                #expect(stringAttribute(generation, "error.type") == errorType)
                #expect((generation["status"] as? [String: Any])?["code"] as? Int == 2)
                #expect(stringAttribute(root, "error.type") == errorType)
                #expect(stringAttribute(root, "llmtrace.sampling.rule") == "error")
            } else {
                let usage = try #require(outcome.usage)
                #expect(intAttribute(generation, "gen_ai.usage.input_tokens") == usage.inputTokens)
                #expect(intAttribute(generation, "gen_ai.usage.output_tokens") == usage.outputTokens)
                #expect(usage.inputTokens > 50 && usage.outputTokens > 0)
                let cost = try #require(doubleAttribute(generation, "gen_ai.usage.cost"))
                #expect(abs(cost - (outcome.cost ?? -1)) < 1e-12)
                #expect(doubleAttribute(generation, "gen_ai.response.time_to_first_chunk") != nil)
                #expect(attribute(generation, "error.type") == nil)
            }
        }
        #expect(provider.statistics.lost == 0)

        // The metrics pushed at shutdown carry the demo's own totals exactly.
        let metrics = receiver.lastMetrics
        func total(_ name: String, _ field: String, where keep: ([String: Any]) -> Bool = { _ in true }) -> Double {
            metrics.filter { $0.name == name && keep($0.point) }.reduce(0) { sum, entry in
                let value = entry.point[field]
                return sum + ((value as? Double) ?? (value as? String).flatMap(Double.init) ?? 0)
            }
        }
        func tokenType(_ type: String) -> ([String: Any]) -> Bool {
            { point in (point["attributes"] as? [[String: Any]] ?? []).contains { ($0["value"] as? [String: Any])?["stringValue"] as? String == type } }
        }
        let usages = outcomes.compactMap(\.usage)
        #expect(total("gen_ai.client.token.usage", "sum", where: tokenType("input")) == Double(usages.reduce(0) { $0 + $1.inputTokens }))
        #expect(total("gen_ai.client.token.usage", "sum", where: tokenType("output")) == Double(usages.reduce(0) { $0 + $1.outputTokens }))
        #expect(total("llmtrace.gen_ai.requests", "asInt") == Double(questions.count))
        #expect(total("llmtrace.gen_ai.errors", "asInt") == Double(expectedFailures.count))
        let summaryCost = Demo.costNanoUSD(outcomes)
        #expect(Int((total("llmtrace.gen_ai.cost", "asDouble") * 1e9).rounded()) == summaryCost)
    }

    @Test(arguments: [
        ("What port does OTLP over HTTP use?", "concept-012"),
        ("How does BM25 weight rare terms?", "concept-033"),
        ("What does HTTP status 429 Too Many Requests mean?", "http-025"),
        ("How much does gpt-4o-mini cost per million input tokens?", "model-002"),
        ("Which port does the Jaeger UI listen on?", "concept-026"),
        ("What does OTEL_BSP_MAX_QUEUE_SIZE control?", "env-013"),
        ("What does the ECONNREFUSED error mean?", "errno-001"),
        ("What does the SIGTERM signal ask a process to do?", "signal-002"),
    ])
    func retrievalAndRerankingFindTheRelevantDocument(_ question: String, _ expected: String) throws {
        let hits = BM25Index(documents: Corpus.documents).search(question, limit: 20)
        #expect(hits.prefix(5).contains { $0.document.id == expected }, "BM25 top 5: \(hits.prefix(5).map(\.document.id))")
        let reranked = ProximityReranker().rerank(question, candidates: hits, keep: 4)
        #expect(reranked.prefix(3).contains { $0.document.id == expected }, "reranked: \(reranked.map(\.document.id))")
    }

    @Test func theCorpusHasAFewHundredUniqueDocuments() {
        #expect(Corpus.documents.count >= 250)
        #expect(Set(Corpus.documents.map(\.id)).count == Corpus.documents.count)
        #expect(Corpus.documents.allSatisfy { !$0.title.isEmpty && $0.text.count > 40 })
    }

    @Test func localTokenCountsAreConsistent() {
        #expect(Text.tokenCount("") == 0)
        #expect(Text.tokenCount("OTLP uses port 4318.") == Text.tokenCount("OTLP uses port 4318."))
        #expect(Text.tokenCount("a b c") == 3)
        #expect(Text.tokenCount("internationalization") == 5)
        #expect(Text.tokenCount("Hello, world!") == 2 + 1 + 2 + 1, "two words of five letters, two marks")
    }

    @Test func summaryIsOneNameValueLinePerFigure() {
        let ok = QuestionOutcome(question: "q", answer: "a", usage: TokenUsage(inputTokens: 100, outputTokens: 20), cost: 0.0001, latency: .milliseconds(200), traceID: .invalid)
        var failed = QuestionOutcome(question: "q", latency: .milliseconds(900), traceID: .invalid)
        failed.errorType = "rate_limit_exceeded"
        var export = ExportStatistics()
        export.queued = 8
        export.exported = 8
        var sampling = SamplingStatistics()
        sampling.tracesKept = ["error": 1, "ratio": 1]
        let lines = Summary(outcomes: [ok, ok, failed], export: export, sampling: sampling, serviceName: "rag-demo").lines
        #expect(lines.allSatisfy { $0.split(separator: ":", maxSplits: 1).count == 2 })
        #expect(lines.contains("questions: 3"))
        #expect(lines.contains("errors: 1"))
        #expect(lines.contains("errors_rate_limit_exceeded: 1"))
        #expect(lines.contains("input_tokens: 200"))
        #expect(lines.contains("output_tokens: 40"))
        #expect(lines.contains("cost_usd: 0.000200000"))
        #expect(lines.contains("latency_p50_ms: 200.0"))
        #expect(lines.contains("latency_p95_ms: 900.0"))
        #expect(lines.contains("spans_exported: 8"))
        #expect(lines.contains("spans_dropped: 0"))
        #expect(lines.contains("traces_kept_error: 1"))
        #expect(lines.contains("jaeger: http://localhost:16686/search?service=rag-demo"))
    }

    @Test func optionsAreValidated() throws {
        #expect(throws: (any Error).self) { try RAGDemoCommand.parse(["--failure-rate", "1.5"]) }
        #expect(throws: (any Error).self) { try RAGDemoCommand.parse(["--concurrency", "0"]) }
        #expect(throws: (any Error).self) { try RAGDemoCommand.parse(["--questions", "0"]) }
        let command = try RAGDemoCommand.parse(["--questions", "5", "--model", "claude-3-5-haiku", "why?"])
        #expect(command.questions == 5 && command.model == "claude-3-5-haiku" && command.questionTexts == ["why?"])
    }

    @Test func openAIAnswersAreParsedWithUsage() throws {
        let body = #"{"id":"chatcmpl-7","model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"4318"},"finish_reason":"stop"}],"usage":{"prompt_tokens":120,"completion_tokens":8,"prompt_tokens_details":{"cached_tokens":64}}}"#
        let generation = try OpenAICompatibleGenerator.parse(Array(body.utf8), model: "gpt-4o-mini")
        #expect(generation.text == "4318" && generation.responseModel == "gpt-4o-mini-2024-07-18" && generation.responseID == "chatcmpl-7")
        #expect(generation.usage == TokenUsage(inputTokens: 120, outputTokens: 8, cacheReadInputTokens: 64))
        #expect(throws: ProviderError.self) { try OpenAICompatibleGenerator.parse(Array("{}".utf8), model: "m") }
    }

    /// The OpenAI-compatible path over libcurl, against a real HTTP server on 127.0.0.1.
    @Test func theOpenAICompatibleGeneratorCallsTheServer() async throws {
        let answer = #"{"id":"chatcmpl-1","model":"gpt-4o-mini-2024-07-18","choices":[{"message":{"role":"assistant","content":"Port 4318."},"finish_reason":"stop"}],"usage":{"prompt_tokens":50,"completion_tokens":4}}"#
        let receiver = try TestReceiver { index, _ in
            index == 0 ? .respond(status: 200, body: answer) : .respond(status: 429, headers: ["Retry-After": "7"], body: #"{"error":{"message":"slow down"}}"#)
        }
        defer { receiver.stop() }
        let (provider, exporter) = TestTracing.provider()
        let genAI = GenAITracer(tracer: provider.tracer("t"))
        let generator = OpenAICompatibleGenerator(baseURL: "http://127.0.0.1:\(receiver.port)/v1/", apiKey: "sk-test-secret", timeout: .seconds(5), concurrency: 1)
        #expect(generator.server?.address == "127.0.0.1" && generator.server?.port == receiver.port)
        let messages: [ChatMessage] = [.text("user", "What port?")]

        let generation = try await genAI.withChat(ChatRequest(model: "gpt-4o-mini", provider: generator.provider)) { span in
            try await generator.generate(messages: messages, model: "gpt-4o-mini", span: span)
        }
        #expect(generation.text == "Port 4318." && generation.usage == TokenUsage(inputTokens: 50, outputTokens: 4))
        let request = try #require(receiver.requests.first)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer sk-test-secret")
        let body = request.json
        #expect(body["model"] as? String == "gpt-4o-mini")
        #expect((body["messages"] as? [[String: Any]])?.first?["content"] as? String == "What port?")

        await #expect(throws: ProviderError.self) {
            try await genAI.withChat(ChatRequest(model: "gpt-4o-mini", provider: generator.provider)) { span in
                try await generator.generate(messages: messages, model: "gpt-4o-mini", span: span)
            }
        }
        provider.forceFlush()
        let failed = exporter.spans.last
        #expect(failed?.attributes["error.type"] == "rate_limit_exceeded")
        // The key travels only in the request header: never on a span.
        #expect(!exporter.spans.contains { $0.attributes.contains { "\($0.value)".contains("sk-test-secret") } })
    }
}
