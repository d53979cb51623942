/// What one span carries for the LLM metrics, read in a single pass over its attributes.
struct SpanReading {
    var operation: String?
    var step: String?
    var provider = ""
    var model = ""
    var errorType: String?
    var inputTokens: Double?
    var outputTokens: Double?
    var timeToFirstChunk: Double?
    var cost: Double?
    var agentName = ""
    var toolName = ""
    var toolType = ""

    /// Every span ends through here and most of its keys are none of the twelve read, so the
    /// key's byte count (O(1) for native strings) turns them away before any comparison; one
    /// that passes is compared with the one or two keys of its length, which for the
    /// conventions' own constants is a comparison of two identical words.
    ///
    /// A failed span (`status` error) without an `error.type` counts as `_OTHER`.
    init(_ attributes: Attributes, status: SpanStatus = .unset) {
        for attribute in attributes.elements {
            let key = attribute.key
            let value = attribute.value
            switch key.utf8.count {
            case 8:
                if key == LLMTraceAttributes.ragStep { step = LLMMetrics.string(value) }
            case 10:
                if key == OTelAttributes.errorType { errorType = LLMMetrics.string(value) }
            case 16:
                if key == GenAI.toolName { toolName = LLMMetrics.string(value) ?? "" }
                else if key == GenAI.toolType { toolType = LLMMetrics.string(value) ?? "" }
            case 17:
                if key == GenAI.usageCost { cost = value.numericValue.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } }
                else if key == GenAI.agentName { agentName = LLMMetrics.string(value) ?? "" }
            case 20:
                if key == GenAI.requestModel { model = LLMMetrics.string(value) ?? "" }
                else if key == GenAI.providerName { provider = LLMMetrics.string(value) ?? "" }
            case 21:
                if key == GenAI.operationName { operation = LLMMetrics.string(value) }
            case 25:
                if key == GenAI.usageInputTokens { inputTokens = value.numericValue.flatMap { $0 >= 0 ? $0 : nil } }
            case 26:
                if key == GenAI.usageOutputTokens { outputTokens = value.numericValue.flatMap { $0 >= 0 ? $0 : nil } }
            case 35:
                if key == GenAI.responseTimeToFirstChunk { timeToFirstChunk = value.numericValue.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil } }
            default:
                continue
            }
        }
        if errorType == nil, case .error = status { errorType = OTelAttributes.errorTypeOther }
    }
}
