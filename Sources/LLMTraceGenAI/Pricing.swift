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

/// Prices by model name, with lookup that maps dated snapshots (`gpt-4o-2024-08-06`,
/// `claude-3-5-sonnet-20241022`, Bedrock and Vertex spellings) to their base model.
public struct PricingTable: Sendable, Equatable {
    /// Prices by lowercase base model name.
    public private(set) var prices: [String: ModelPrice]

    /// A table of `prices` (names are matched case-insensitively).
    public init(_ prices: [String: ModelPrice]) {
        self.prices = Dictionary(prices.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// The price of `model`: its exact name first, then its base model name; `nil` if unknown.
    public func price(for model: String) -> ModelPrice? {
        let lower = model.lowercased().trimmingCharacters(in: .whitespaces)
        return prices[lower] ?? prices[Self.baseModelName(lower)]
    }

    /// Adds or replaces prices.
    public mutating func merge(_ other: PricingTable) {
        prices.merge(other.prices) { _, new in new }
    }

    /// The base model of a provider's model id: provider prefixes (`openai/`, `anthropic.`,
    /// `us.anthropic.`), version suffixes (`-v2:0`, `@20240620`, `-latest`) and snapshot dates
    /// (`-2024-08-06`, `-20241022`, `-0613`) removed.
    public static func baseModelName(_ model: String) -> String {
        var name = Substring(model.lowercased())
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        for vendor in ["anthropic.", "openai.", "meta.", "cohere.", "mistral."] {
            if let range = name.range(of: vendor) { name = name[range.upperBound...] }
        }
        if let at = name.firstIndex(of: "@") { name = name[..<at] }
        var hadBedrockVersion = false
        if let colon = name.lastIndex(of: ":"), name[name.index(after: colon)...].allSatisfy(\.isNumber) {
            name = name[..<colon]
            hadBedrockVersion = true
        }
        if name.hasSuffix("-latest") { name = name.dropLast(7) }
        var parts = name.split(separator: "-", omittingEmptySubsequences: false)
        // Bedrock ids end in `-v2:0`; elsewhere a `-vN` is part of the model's name.
        if hadBedrockVersion, parts.count > 1, let last = parts.last, last.count > 1, last.first == "v", last.dropFirst().allSatisfy(\.isNumber) {
            parts.removeLast()
        }
        let isDigits = { (part: Substring) in !part.isEmpty && part.allSatisfy(\.isNumber) }
        if parts.count > 3, parts.suffix(3).map(\.count) == [4, 2, 2], parts.suffix(3).allSatisfy(isDigits) {
            parts.removeLast(3)
        } else if parts.count > 1, let last = parts.last, last.count == 8 || last.count == 4, isDigits(last) {
            parts.removeLast()
        }
        return parts.joined(separator: "-")
    }

    /// Loads prices from a JSON file:
    ///
    /// ```json
    /// {"mode": "extend",
    ///  "models": {"my-model": {"input": 0.5, "output": 1.5, "cached_input": 0.05}}}
    /// ```
    ///
    /// `mode` is `extend` (default: the file's prices are added to `base`, winning on the same
    /// name) or `replace` (only the file's prices). Prices are USD per million tokens.
    /// - Throws: `PricingFileError` when the file cannot be read or is not of this shape.
    public static func load(contentsOf path: String, extending base: PricingTable) throws -> PricingTable {
        guard let data = FileManager.default.contents(atPath: path) else { throw PricingFileError(path: path, reason: "cannot be read") }
        struct File: Decodable {
            var mode: String?
            var models: [String: ModelPrice]
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw PricingFileError(path: path, reason: "is not {\"models\": {name: {\"input\": n, \"output\": n}}}: \(error)")
        }
        for (name, price) in file.models {
            let values = [price.input, price.output, price.cachedInput ?? 0, price.cacheWrite ?? 0]
            guard values.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw PricingFileError(path: path, reason: "has a negative or non-finite price for \(name)")
            }
        }
        switch file.mode?.lowercased() ?? "extend" {
        case "extend":
            var table = base
            table.merge(PricingTable(file.models))
            return table
        case "replace":
            return PricingTable(file.models)
        default:
            throw PricingFileError(path: path, reason: "has mode \(file.mode ?? ""), expected extend or replace")
        }
    }
}

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
