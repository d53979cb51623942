import Foundation

/// Why a pricing file was not used.
public struct PricingFileError: Error, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What is wrong with it.
    public var reason: String

    public var description: String { "pricing file \(path) \(reason)" }
}

extension PricingTable {
    /// List prices of common OpenAI and Anthropic models, USD per million tokens, as the
    /// providers published them (standard tier, checked 2026-11). Replace or extend them with
    /// `LLMTRACE_GENAI_PRICING_FILE` when yours differ (batch, regional or negotiated prices).
    public static let builtIn = PricingTable([
        // OpenAI
        "gpt-5": ModelPrice(input: 1.25, output: 10.00, cachedInput: 0.125),
        "gpt-5-mini": ModelPrice(input: 0.25, output: 2.00, cachedInput: 0.025),
        "gpt-5-nano": ModelPrice(input: 0.05, output: 0.40, cachedInput: 0.005),
        "gpt-4.1": ModelPrice(input: 2.00, output: 8.00, cachedInput: 0.50),
        "gpt-4.1-mini": ModelPrice(input: 0.40, output: 1.60, cachedInput: 0.10),
        "gpt-4.1-nano": ModelPrice(input: 0.10, output: 0.40, cachedInput: 0.025),
        "gpt-4o": ModelPrice(input: 2.50, output: 10.00, cachedInput: 1.25),
        "gpt-4o-mini": ModelPrice(input: 0.15, output: 0.60, cachedInput: 0.075),
        "gpt-4-turbo": ModelPrice(input: 10.00, output: 30.00),
        "gpt-4": ModelPrice(input: 30.00, output: 60.00),
        "gpt-3.5-turbo": ModelPrice(input: 0.50, output: 1.50),
        "o1": ModelPrice(input: 15.00, output: 60.00, cachedInput: 7.50),
        "o1-mini": ModelPrice(input: 1.10, output: 4.40, cachedInput: 0.55),
        "o3": ModelPrice(input: 2.00, output: 8.00, cachedInput: 0.50),
        "o3-mini": ModelPrice(input: 1.10, output: 4.40, cachedInput: 0.55),
        "o4-mini": ModelPrice(input: 1.10, output: 4.40, cachedInput: 0.275),
        "text-embedding-3-small": ModelPrice(input: 0.02, output: 0),
        "text-embedding-3-large": ModelPrice(input: 0.13, output: 0),
        "text-embedding-ada-002": ModelPrice(input: 0.10, output: 0),
        // Anthropic: cache reads at 0.1× and 5-minute cache writes at 1.25× the input price.
        "claude-opus-4-5": ModelPrice(input: 5.00, output: 25.00, cachedInput: 0.50, cacheWrite: 6.25),
        "claude-opus-4-1": ModelPrice(input: 15.00, output: 75.00, cachedInput: 1.50, cacheWrite: 18.75),
        "claude-opus-4": ModelPrice(input: 15.00, output: 75.00, cachedInput: 1.50, cacheWrite: 18.75),
        "claude-sonnet-4-5": ModelPrice(input: 3.00, output: 15.00, cachedInput: 0.30, cacheWrite: 3.75),
        "claude-sonnet-4": ModelPrice(input: 3.00, output: 15.00, cachedInput: 0.30, cacheWrite: 3.75),
        "claude-3-7-sonnet": ModelPrice(input: 3.00, output: 15.00, cachedInput: 0.30, cacheWrite: 3.75),
        "claude-3-5-sonnet": ModelPrice(input: 3.00, output: 15.00, cachedInput: 0.30, cacheWrite: 3.75),
        "claude-haiku-4-5": ModelPrice(input: 1.00, output: 5.00, cachedInput: 0.10, cacheWrite: 1.25),
        "claude-3-5-haiku": ModelPrice(input: 0.80, output: 4.00, cachedInput: 0.08, cacheWrite: 1.00),
        "claude-3-haiku": ModelPrice(input: 0.25, output: 1.25, cachedInput: 0.03, cacheWrite: 0.30),
        "claude-3-opus": ModelPrice(input: 15.00, output: 75.00, cachedInput: 1.50, cacheWrite: 18.75),
    ])
}
