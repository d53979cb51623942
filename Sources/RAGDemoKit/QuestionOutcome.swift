import LLMTrace
import LLMTraceGenAI
internal import LLMTraceSupport

/// What happened to one question.
public struct QuestionOutcome: Sendable {
    public var question: String
    public var answer: String?
    /// `error.type` when the question failed.
    public var errorType: String?
    /// What went wrong, for the person who asked: never a prompt, a key or a stack.
    public var errorMessage: String?
    public var usage: TokenUsage?
    /// The model that answered, as the provider named it.
    public var responseModel: String?
    /// USD, when the model has a price.
    public var cost: Double?
    /// Model calls of an answered question: 1, or 2 when an agent planned a tool call.
    public var modelCalls = 0
    public var latency: Duration
    /// `latency` in seconds.
    public var latencySeconds: Double { latency.seconds }
    /// The trace of the question: the workflow span's, so a caller's trace when it had one.
    public var traceID: TraceID

    public init(question: String, answer: String? = nil, usage: TokenUsage? = nil, cost: Double? = nil, latency: Duration, traceID: TraceID) {
        self.question = question
        self.answer = answer
        self.usage = usage
        self.cost = cost
        self.latency = latency
        self.traceID = traceID
    }
}
