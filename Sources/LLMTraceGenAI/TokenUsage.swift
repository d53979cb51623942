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

    /// Usage as OpenAI reports it: `prompt_tokens` already include the cached ones
    /// (`prompt_tokens_details.cached_tokens`), `completion_tokens` the reasoning ones
    /// (`completion_tokens_details.reasoning_tokens`); each token is priced once.
    public static func openAI(promptTokens: Int, completionTokens: Int, cachedTokens: Int = 0, reasoningTokens: Int = 0) -> TokenUsage {
        TokenUsage(inputTokens: promptTokens, outputTokens: completionTokens, cacheReadInputTokens: cachedTokens, reasoningOutputTokens: reasoningTokens)
    }

    /// Usage as Anthropic reports it: its `input_tokens` leave out `cache_read_input_tokens` and
    /// `cache_creation_input_tokens`, so they are added here to make `inputTokens` the whole
    /// prompt, as the conventions define it; each token is priced once, at its own rate.
    public static func anthropic(inputTokens: Int, outputTokens: Int, cacheReadInputTokens: Int = 0, cacheCreationInputTokens: Int = 0) -> TokenUsage {
        TokenUsage(
            inputTokens: inputTokens + cacheReadInputTokens + cacheCreationInputTokens, outputTokens: outputTokens,
            cacheReadInputTokens: cacheReadInputTokens, cacheCreationInputTokens: cacheCreationInputTokens
        )
    }
}
