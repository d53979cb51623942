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

    /// The attributes the metrics read.
    private enum Field: CaseIterable {
        case operation, step, provider, model, errorType, inputTokens, outputTokens, timeToFirstChunk, cost, agentName, toolName, toolType

        var key: String {
            switch self {
            case .operation: return GenAI.operationName
            case .step: return LLMTraceAttributes.ragStep
            case .provider: return GenAI.providerName
            case .model: return GenAI.requestModel
            case .errorType: return OTelAttributes.errorType
            case .inputTokens: return GenAI.usageInputTokens
            case .outputTokens: return GenAI.usageOutputTokens
            case .timeToFirstChunk: return GenAI.responseTimeToFirstChunk
            case .cost: return GenAI.usageCost
            case .agentName: return GenAI.agentName
            case .toolName: return GenAI.toolName
            case .toolType: return GenAI.toolType
            }
        }
    }

    /// The fields by key length in bytes: every span ends through here, and most of its keys
    /// are none of these, so a length lookup turns them away before any string comparison.
    private static let fieldsByLength: [[(field: Field, key: String)]] = {
        var table = [[(field: Field, key: String)]](repeating: [], count: 64)
        for field in Field.allCases { table[field.key.utf8.count].append((field, field.key)) }
        return table
    }()

    init(_ attributes: Attributes) {
        for attribute in attributes {
            let length = attribute.key.utf8.count
            guard length < 64 else { continue }
            for candidate in Self.fieldsByLength[length] where candidate.key == attribute.key {
                set(candidate.field, attribute.value)
            }
        }
    }

    private mutating func set(_ field: Field, _ value: AttributeValue) {
        switch field {
        case .operation: operation = LLMMetrics.string(value)
        case .step: step = LLMMetrics.string(value)
        case .provider: provider = LLMMetrics.string(value) ?? ""
        case .model: model = LLMMetrics.string(value) ?? ""
        case .errorType: errorType = LLMMetrics.string(value)
        case .inputTokens: inputTokens = value.numericValue.flatMap { $0 >= 0 ? $0 : nil }
        case .outputTokens: outputTokens = value.numericValue.flatMap { $0 >= 0 ? $0 : nil }
        case .timeToFirstChunk: timeToFirstChunk = value.numericValue.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
        case .cost: cost = value.numericValue.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        case .agentName: agentName = LLMMetrics.string(value) ?? ""
        case .toolName: toolName = LLMMetrics.string(value) ?? ""
        case .toolType: toolType = LLMMetrics.string(value) ?? ""
        }
    }
}

