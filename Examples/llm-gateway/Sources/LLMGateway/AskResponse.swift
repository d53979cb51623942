import LLMTraceGenAI
import RAGDemoKit

/// The answer of `POST /ask`.
struct AskResponse: Encodable, Sendable {
    var answer: String
    /// The model that answered, as the provider named it.
    var model: String
    var latencySeconds: Double
    var inputTokens: Int
    var outputTokens: Int
    /// `null` when the model has no price in the pricing table.
    var costUSD: Double?
    var traceID: String

    enum CodingKeys: String, CodingKey {
        case answer, model
        case latencySeconds = "latency_s"
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case costUSD = "cost_usd"
        case traceID = "trace_id"
    }

    init(_ outcome: QuestionOutcome, requestedModel: String) {
        answer = outcome.answer ?? ""
        model = outcome.responseModel ?? requestedModel
        latencySeconds = outcome.latencySeconds
        inputTokens = outcome.usage?.inputTokens ?? 0
        outputTokens = outcome.usage?.outputTokens ?? 0
        costUSD = outcome.cost
        traceID = outcome.traceID.description
    }

    // `cost_usd` is written as null, not left out, so every answer has the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(answer, forKey: .answer)
        try container.encode(model, forKey: .model)
        try container.encode(latencySeconds, forKey: .latencySeconds)
        try container.encode(inputTokens, forKey: .inputTokens)
        try container.encode(outputTokens, forKey: .outputTokens)
        try container.encode(costUSD, forKey: .costUSD)
        try container.encode(traceID, forKey: .traceID)
    }
}
