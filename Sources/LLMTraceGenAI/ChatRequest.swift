import LLMTrace
import Logging
internal import LLMTraceSupport

/// What a chat or completion call asks for: the attributes its span carries from the start.
public struct ChatRequest: Sendable {
    /// The model asked for (`gen_ai.request.model`).
    public var model: String
    /// Whose API (`gen_ai.provider.name`), e.g. `GenAI.providerOpenAI`.
    public var provider: String
    /// `chat` (default), `text_completion` or `generate_content`.
    public var operation: String = GenAI.operationChat
    /// The messages sent; recorded only with content capture on.
    public var messages: [ChatMessage] = []
    /// Instructions sent apart from the messages; recorded only with content capture on.
    public var systemInstructions: String?
    /// Sampling temperature.
    public var temperature: Double?
    /// Nucleus sampling.
    public var topP: Double?
    /// Top-K sampling (`gen_ai.request.top_k`, int).
    public var topK: Int?
    /// Most tokens to generate.
    public var maxTokens: Int?
    /// Whether the answer is streamed.
    public var stream = false
    /// The host called (`server.address`).
    public var serverAddress: String?
    /// The port of `serverAddress`.
    public var serverPort: Int?
    /// The conversation the call belongs to.
    public var conversationID: String?

    /// Creates a request description.
    public init(model: String, provider: String, messages: [ChatMessage] = []) {
        self.model = model
        self.provider = provider
        self.messages = messages
    }
}
