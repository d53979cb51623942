import Foundation

/// What one model costs, in USD per million tokens.
public struct ModelPrice: Sendable, Equatable, Codable {
    /// Uncached input tokens.
    public var input: Double
    /// Output tokens.
    public var output: Double
    /// Input tokens read from the prompt cache; `nil` bills them as `input`.
    public var cachedInput: Double?
    /// Input tokens written to the prompt cache; `nil` bills them as `input`.
    public var cacheWrite: Double?

    /// Creates a price.
    public init(input: Double, output: Double, cachedInput: Double? = nil, cacheWrite: Double? = nil) {
        self.input = input
        self.output = output
        self.cachedInput = cachedInput
        self.cacheWrite = cacheWrite
    }

    enum CodingKeys: String, CodingKey {
        case input, output
        case cachedInput = "cached_input"
        case cacheWrite = "cache_write"
    }

    /// The cost of `usage` in USD.
    public func cost(of usage: TokenUsage) -> Double {
        let cacheRead = max(0, min(usage.cacheReadInputTokens, usage.inputTokens))
        let cacheWritten = max(0, min(usage.cacheCreationInputTokens, usage.inputTokens - cacheRead))
        let plain = max(0, usage.inputTokens - cacheRead - cacheWritten)
        let total = Double(plain) * input
            + Double(cacheRead) * (cachedInput ?? input)
            + Double(cacheWritten) * (cacheWrite ?? input)
            + Double(max(0, usage.outputTokens)) * output
        return total / 1_000_000
    }
}
