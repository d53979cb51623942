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
