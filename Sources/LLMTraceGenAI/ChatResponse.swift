import LLMTrace
import Logging
internal import LLMTraceSupport

/// What a chat call returned.
public struct ChatResponse: Sendable {
    /// `gen_ai.response.id`.
    public var id: String?
    /// The model that answered (`gen_ai.response.model`), often a dated snapshot.
    public var model: String?
    /// One per choice: `stop`, `length`, ...
    public var finishReasons: [String]
    /// Token counts, if the provider reported them.
    public var usage: TokenUsage?
    /// The answer text; recorded only with content capture on.
    public var text: String?

    /// Creates a response description.
    public init(id: String? = nil, model: String? = nil, finishReasons: [String] = [], usage: TokenUsage? = nil, text: String? = nil) {
        self.id = id
        self.model = model
        self.finishReasons = finishReasons
        self.usage = usage
        self.text = text
    }
}
