import Foundation

/// Token counts of one model call, as the provider reported them.
public struct TokenUsage: Sendable, Equatable {
    /// Prompt tokens, cached ones included (`gen_ai.usage.input_tokens`).
    public var inputTokens: Int
    /// Completion tokens, reasoning ones included (`gen_ai.usage.output_tokens`).
    public var outputTokens: Int
    /// Input tokens read from the prompt cache (part of `inputTokens`).
    public var cacheReadInputTokens: Int
    /// Input tokens written to the prompt cache (part of `inputTokens`).
    public var cacheCreationInputTokens: Int
    /// Output tokens spent on reasoning (part of `outputTokens`).
    public var reasoningOutputTokens: Int

    /// Creates usage counts.
    public init(inputTokens: Int, outputTokens: Int, cacheReadInputTokens: Int = 0, cacheCreationInputTokens: Int = 0, reasoningOutputTokens: Int = 0) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadInputTokens = cacheReadInputTokens
        self.cacheCreationInputTokens = cacheCreationInputTokens
        self.reasoningOutputTokens = reasoningOutputTokens
    }
}
