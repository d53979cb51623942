import LLMTrace
internal import LLMTraceSupport

/// One message of a chat, in the conventions' shape (`{"role", "parts", "name"?, "finish_reason"?}`).
public struct ChatMessage: Sendable, Equatable {
    /// One part of a message.
    public enum Part: Sendable, Equatable {
        /// Text.
        case text(String)
        /// A tool call the model asked for.
        case toolCall(id: String?, name: String)
        /// A tool's answer to a call.
        case toolCallResponse(id: String?, response: String)
    }

    /// `system`, `user`, `assistant`, `tool`, or another role.
    public var role: String
    /// The parts, in order.
    public var parts: [Part]
    /// The participant's name, if the API carries one.
    public var name: String?
    /// Why the model stopped (output messages only): `stop`, `length`, `tool_call`, ...
    public var finishReason: String?

    /// Creates a message.
    public init(role: String, parts: [Part], name: String? = nil, finishReason: String? = nil) {
        self.role = role
        self.parts = parts
        self.name = name
        self.finishReason = finishReason
    }

    /// A message with one text part.
    public static func text(_ role: String, _ content: String, finishReason: String? = nil) -> ChatMessage {
        ChatMessage(role: role, parts: [.text(content)], finishReason: finishReason)
    }
}
