import Foundation
import LLMTrace
import LLMTraceGenAI
import LLMTraceTesting
import Testing
@testable import RAGDemo
@testable import RAGDemoKit

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
}
