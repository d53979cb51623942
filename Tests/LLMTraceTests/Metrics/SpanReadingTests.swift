import Testing
@testable import LLMTrace

@Suite struct SpanReadingTests {
    @Test func readsTheAttributesTheMetricsUse() {
        let reading = SpanReading([
            GenAI.operationName: "chat", GenAI.providerName: "openai", GenAI.requestModel: "gpt-4o",
            GenAI.usageInputTokens: 120, GenAI.usageOutputTokens: 30.0, GenAI.usageCost: 0.002,
            GenAI.responseTimeToFirstChunk: 0.25, OTelAttributes.errorType: "timeout", LLMTraceAttributes.ragStep: "generation",
            "unrelated.key": "ignored",
        ])
        #expect(reading.operation == "chat")
        #expect(reading.provider == "openai" && reading.model == "gpt-4o")
        #expect(reading.inputTokens == 120 && reading.outputTokens == 30)
        #expect(reading.cost == 0.002)
        #expect(reading.timeToFirstChunk == 0.25)
        #expect(reading.errorType == "timeout")
        #expect(reading.step == "generation")
    }

    /// Keys spelled out rather than taken from the conventions' constants (as another library
    /// would write them) read the same: the comparison is by content, not by identity.
    @Test func readsKeysSpelledOutAndTheAgentAndToolKeys() {
        let reading = SpanReading([
            String("gen_ai.operation.name".reversed().reversed()): "execute_tool",
            "gen_ai.agent.name": "planner", "gen_ai.tool.name": "lookup", "gen_ai.tool.type": "function",
            "gen_ai.provider.name": "anthropic", "gen_ai.request.model": "claude",
            "gen_ai.usage.input_tokens": 5, "gen_ai.usage.output_tokens": 6, "gen_ai.usage.cost": 0.5,
            "gen_ai.response.time_to_first_chunk": 0.1, "error.type": "rate_limit", "rag.step": "retrieval",
            "gen_ai.tool.typo": "x", "gen_ai.agent.nam_": "x",
        ])
        #expect(reading.operation == "execute_tool")
        #expect(reading.agentName == "planner" && reading.toolName == "lookup" && reading.toolType == "function")
        #expect(reading.provider == "anthropic" && reading.model == "claude")
        #expect(reading.inputTokens == 5 && reading.outputTokens == 6 && reading.cost == 0.5)
        #expect(reading.timeToFirstChunk == 0.1 && reading.errorType == "rate_limit" && reading.step == "retrieval")
    }

    @Test func valuesThatCannotCountAreLeftOut() {
        let reading = SpanReading([
            GenAI.operationName: "", GenAI.usageInputTokens: -5, GenAI.usageCost: 0,
            GenAI.responseTimeToFirstChunk: .double(.infinity), GenAI.requestModel: 7,
        ])
        #expect(reading.operation == nil)
        #expect(reading.inputTokens == nil)
        #expect(reading.cost == nil)
        #expect(reading.timeToFirstChunk == nil)
        #expect(reading.model == "")
    }
}
