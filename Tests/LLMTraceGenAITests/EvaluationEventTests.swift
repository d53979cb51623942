import Testing
import LLMTrace
import LLMTraceGenAI
import LLMTraceTesting

@Suite struct EvaluationEventTests {
    /// `recordEvaluation` sends a `gen_ai.evaluation.result` log event parented to the span it
    /// evaluates, and keeps the span event for traces-only back ends.
    @Test func anEvaluationIsALogEventUnderItsSpan() throws {
        let (provider, spans, logs) = TestTracing.providerWithLogs()
        let genAI = GenAITracer(tracer: provider.tracer("rag"))
        let chat = genAI.startChat(ChatRequest(model: "gpt-4o-mini", provider: "openai"))
        chat.recordEvaluation(name: "relevance", score: 0.82, label: "relevant", explanation: "cites the right passage")
        chat.end()
        provider.forceFlush()
        let event = try #require(logs.records.first)
        #expect(event.eventName == "gen_ai.evaluation.result")
        #expect(event.spanContext?.spanID == chat.span.context.spanID && event.spanContext?.traceID == chat.span.context.traceID)
        #expect(event.attributes["gen_ai.evaluation.name"] == "relevance")
        #expect(event.attributes["gen_ai.evaluation.score.value"] == .double(0.82))
        #expect(event.attributes["gen_ai.evaluation.score.label"] == "relevant")
        #expect(event.scope.name == "rag")
        #expect(spans.spans.first?.events.contains { $0.name == "gen_ai.evaluation.result" } == true)
        provider.shutdown()
    }
}
