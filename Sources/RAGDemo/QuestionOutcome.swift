import LLMTrace
import LLMTraceGenAI
import LLMTraceSupport

/// What happened to one question.
struct QuestionOutcome: Sendable {
    var question: String
    var answer: String?
    /// `error.type` when the question failed.
    var errorType: String?
    var usage: TokenUsage?
    /// USD, when the model has a price.
    var cost: Double?
    var latency: Duration
    var traceID: TraceID
}
