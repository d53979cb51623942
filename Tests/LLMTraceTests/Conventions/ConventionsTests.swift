import Testing
import LLMTrace

@Suite struct ConventionsTests {
    /// Every attribute key, event and metric name of `GenAI`, by its Swift name.
    static let genAIKeys: [(name: String, key: String)] = [
        ("operationName", GenAI.operationName), ("providerName", GenAI.providerName),
        ("conversationID", GenAI.conversationID), ("systemInstructions", GenAI.systemInstructions),
        ("requestModel", GenAI.requestModel), ("requestMaxTokens", GenAI.requestMaxTokens),
        ("requestTemperature", GenAI.requestTemperature), ("requestTopP", GenAI.requestTopP),
        ("requestTopK", GenAI.requestTopK), ("requestStream", GenAI.requestStream),
        ("requestSeed", GenAI.requestSeed), ("requestStopSequences", GenAI.requestStopSequences),
        ("requestEncodingFormats", GenAI.requestEncodingFormats), ("responseID", GenAI.responseID),
        ("responseModel", GenAI.responseModel), ("responseFinishReasons", GenAI.responseFinishReasons),
        ("responseTimeToFirstChunk", GenAI.responseTimeToFirstChunk), ("usageInputTokens", GenAI.usageInputTokens),
        ("usageOutputTokens", GenAI.usageOutputTokens), ("usageCacheReadInputTokens", GenAI.usageCacheReadInputTokens),
        ("usageCacheCreationInputTokens", GenAI.usageCacheCreationInputTokens),
        ("usageReasoningOutputTokens", GenAI.usageReasoningOutputTokens), ("usageCost", GenAI.usageCost),
        ("retrievalQueryText", GenAI.retrievalQueryText), ("retrievalDocuments", GenAI.retrievalDocuments),
        ("dataSourceID", GenAI.dataSourceID), ("workflowName", GenAI.workflowName),
        ("embeddingsDimensionCount", GenAI.embeddingsDimensionCount), ("inputMessages", GenAI.inputMessages),
        ("outputMessages", GenAI.outputMessages), ("outputType", GenAI.outputType),
        ("evaluationResultEvent", GenAI.evaluationResultEvent), ("evaluationName", GenAI.evaluationName),
        ("evaluationScoreValue", GenAI.evaluationScoreValue), ("evaluationScoreLabel", GenAI.evaluationScoreLabel),
        ("evaluationExplanation", GenAI.evaluationExplanation), ("tokenType", GenAI.tokenType),
        ("clientTokenUsage", GenAI.clientTokenUsage), ("clientOperationDuration", GenAI.clientOperationDuration),
        ("clientOperationTimeToFirstChunk", GenAI.clientOperationTimeToFirstChunk),
    ]

    /// `gen_ai.usage.input_tokens` → `usageinputtokens`: the Swift name, lower-cased, that mirrors it.
    static func mirroredName(_ key: String) -> String {
        String(key.dropFirst("gen_ai.".count).filter { $0 != "." && $0 != "_" }).lowercased()
    }

    @Test func constantsAreTheDottedNames() {
        #expect(GenAI.usageInputTokens == "gen_ai.usage.input_tokens")
        #expect(GenAI.operationName == "gen_ai.operation.name")
        #expect(GenAI.clientOperationDuration == "gen_ai.client.operation.duration")
        #expect(OTelAttributes.errorType == "error.type")
        #expect(OTelAttributes.exceptionEvent == "exception")
        #expect(OTelAttributes.serviceName == "service.name")
        #expect(LLMTraceAttributes.samplingRule == "llmtrace.sampling.rule")
        #expect(LLMTraceAttributes.costBudgetExceededEvent == "llmtrace.cost_budget.exceeded")
        #expect(LLMTraceAttributes.ragStep == "rag.step")
    }

    @Test func everyGenAIKeyStartsWithGenAIAndIsUnique() {
        for (name, key) in Self.genAIKeys {
            #expect(key.hasPrefix("gen_ai."), "\(name) = \(key)")
        }
        #expect(Set(Self.genAIKeys.map(\.key)).count == Self.genAIKeys.count)
    }

    @Test func everyGenAISwiftNameMirrorsItsKey() {
        for (name, key) in Self.genAIKeys {
            // An event constant says so in its name; the key does not.
            let swiftName = name.hasSuffix("Event") ? String(name.dropLast("Event".count)) : name
            #expect(swiftName.lowercased() == Self.mirroredName(key), "\(name) = \(key)")
        }
    }

    @Test func modelCallsAreTheOperationsThatCallAModel() {
        #expect(GenAI.modelCallOperations == ["chat", "text_completion", "generate_content", "embeddings"])
        #expect(!GenAI.modelCallOperations.contains(GenAI.operationRetrieval))
    }

    @Test func llmTraceNamesStayOutOfTheStandardNamespaces() {
        let names = [
            LLMTraceAttributes.ragStep, LLMTraceAttributes.ragRetrievalDocumentCount, LLMTraceAttributes.ragRerankInputDocumentsCount,
            LLMTraceAttributes.ragRerankOutputDocumentsCount, LLMTraceAttributes.ragRerankDocuments, LLMTraceAttributes.questionSHA256,
            LLMTraceAttributes.samplingRule, LLMTraceAttributes.samplingEarly, LLMTraceAttributes.costBudgetExceededEvent,
            LLMTraceAttributes.costBudgetUSDPerHour, LLMTraceAttributes.costLastHourUSD, LLMTraceAttributes.requestsMetric,
            LLMTraceAttributes.errorsMetric, LLMTraceAttributes.costMetric, LLMTraceAttributes.ragStageDurationMetric,
        ]
        #expect(names.allSatisfy { $0.hasPrefix("llmtrace.") || $0.hasPrefix("rag.") })
        #expect(Set(names).count == names.count)
    }
}
