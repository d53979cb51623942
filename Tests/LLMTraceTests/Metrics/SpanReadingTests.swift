import Testing
@testable import LLMTrace

@Suite struct SpanReadingTests {
    @Test func readsTheAttributesTheMetricsUse() {
        let attributes: Attributes = [
            GenAI.operationName: "chat", GenAI.providerName: "openai", GenAI.requestModel: "gpt-4o",
            GenAI.usageInputTokens: 120, GenAI.usageOutputTokens: 30.0, GenAI.usageCost: 0.002,
            GenAI.responseTimeToFirstChunk: 0.25, OTelAttributes.errorType: "timeout", LLMTraceAttributes.ragStep: "generation",
            "unrelated.key": "ignored",
        ]
        let reading = SpanReading(attributes)
        #expect(reading.operation(in: attributes) == "chat")
        #expect(reading.provider(in: attributes) == "openai" && reading.model(in: attributes) == "gpt-4o")
        #expect(reading.inputTokens(in: attributes) == 120 && reading.outputTokens(in: attributes) == 30)
        #expect(reading.cost(in: attributes) == 0.002)
        #expect(reading.timeToFirstChunk(in: attributes) == 0.25)
        #expect(reading.errorType(in: attributes) == "timeout")
        #expect(reading.step(in: attributes) == "generation")
    }

    /// Keys spelled out rather than taken from the conventions' constants (as another library
    /// would write them) read the same: the comparison is by content, not by identity.
    @Test func readsKeysSpelledOutAndTheAgentAndToolKeys() {
        let attributes: Attributes = [
            String("gen_ai.operation.name".reversed().reversed()): "execute_tool",
            "gen_ai.agent.name": "planner", "gen_ai.tool.name": "lookup", "gen_ai.tool.type": "function",
            "gen_ai.provider.name": "anthropic", "gen_ai.request.model": "claude",
            "gen_ai.usage.input_tokens": 5, "gen_ai.usage.output_tokens": 6, "gen_ai.usage.cost": 0.5,
            "gen_ai.response.time_to_first_chunk": 0.1, "error.type": "rate_limit", "rag.step": "retrieval",
            "gen_ai.tool.typo": "x", "gen_ai.agent.nam_": "x",
        ]
        let reading = SpanReading(attributes)
        #expect(reading.operation(in: attributes) == "execute_tool")
        #expect(reading.agentName(in: attributes) == "planner" && reading.toolName(in: attributes) == "lookup" && reading.toolType(in: attributes) == "function")
        #expect(reading.provider(in: attributes) == "anthropic" && reading.model(in: attributes) == "claude")
        #expect(reading.inputTokens(in: attributes) == 5 && reading.outputTokens(in: attributes) == 6 && reading.cost(in: attributes) == 0.5)
        #expect(reading.timeToFirstChunk(in: attributes) == 0.1 && reading.errorType(in: attributes) == "rate_limit" && reading.step(in: attributes) == "retrieval")
    }

    @Test func valuesThatCannotCountAreLeftOut() {
        let attributes: Attributes = [
            GenAI.operationName: "", GenAI.usageInputTokens: -5, GenAI.usageCost: 0,
            GenAI.responseTimeToFirstChunk: .double(.infinity), GenAI.requestModel: 7,
        ]
        let reading = SpanReading(attributes)
        #expect(reading.operation(in: attributes) == nil)
        #expect(reading.inputTokens(in: attributes) == nil)
        #expect(reading.cost(in: attributes) == nil)
        #expect(reading.timeToFirstChunk(in: attributes) == nil)
        #expect(reading.model(in: attributes) == "")
    }

    /// The byte counts `mayCount` checks are those of the keys that make a span count.
    @Test func spansWithoutAnOperationOrAStepAreTurnedAwayByTheirKeysLengths() {
        #expect(GenAI.operationName.utf8.count == 21 && LLMTraceAttributes.ragStep.utf8.count == 8)
        #expect(SpanReading.mayCount([GenAI.operationName: "chat"]))
        #expect(SpanReading.mayCount([LLMTraceAttributes.ragStep: "retrieval", "http.method": "GET"]))
        #expect(!SpanReading.mayCount(["http.request.method": "GET", "db.system": "postgresql"]))
        #expect(!SpanReading.mayCount(Attributes()))
    }
}
