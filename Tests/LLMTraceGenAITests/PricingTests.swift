import Foundation
import Testing
import LLMTraceGenAI

@Suite struct PricingTests {
    @Test(arguments: [
        ("gpt-4o", "gpt-4o"),
        ("GPT-4o", "gpt-4o"),
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
        ("gpt-4-0613", "gpt-4"),
        ("gpt-3.5-turbo-0125", "gpt-3.5-turbo"),
        ("o1-2024-12-17", "o1"),
        ("openai/gpt-4.1-mini", "gpt-4.1-mini"),
        ("claude-3-5-sonnet-20241022", "claude-3-5-sonnet"),
        ("claude-sonnet-4-20250514", "claude-sonnet-4"),
        ("claude-opus-4-1-20250805", "claude-opus-4-1"),
        ("claude-3-5-sonnet@20240620", "claude-3-5-sonnet"),
        ("anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet"),
        ("us.anthropic.claude-3-7-sonnet-20250219-v1:0", "claude-3-7-sonnet"),
        ("claude-3-5-haiku-latest", "claude-3-5-haiku"),
    ])
    func snapshotNamesFindTheirBaseModel(_ model: String, _ base: String) throws {
        let table = PricingTable.builtIn
        let price = try #require(table.price(for: model), "no price for \(model)")
        #expect(price == table.prices[base])
    }

    @Test(arguments: ["llama-3-70b", "gpt-4o-mini-audio-preview", "", "claude", "my-gpt-4o"])
    func unknownModelsHaveNoPrice(_ model: String) {
        #expect(PricingTable.builtIn.price(for: model) == nil)
    }

    @Test func aSnapshotNeverBorrowsASiblingsPrice() {
        // gpt-4o-mini must not fall back to gpt-4o: a wrong price is worse than none.
        let table = PricingTable(["gpt-4o": ModelPrice(input: 2.5, output: 10)])
        #expect(table.price(for: "gpt-4o-mini-2024-07-18") == nil)
        #expect(table.price(for: "gpt-4o-2024-05-13") != nil)
    }

    /// Cache reads, cache writes and reasoning tokens are parts of the input and output counts:
    /// each token is billed once, at its own rate, however the provider reports them.
    @Test func cacheAndReasoningTokensAreNeverBilledTwice() {
        // OpenAI: 10k prompt tokens of which 4k cached; 2k completion tokens of which 1.5k reasoning.
        let openAI = TokenUsage.openAI(promptTokens: 10_000, completionTokens: 2_000, cachedTokens: 4_000, reasoningTokens: 1_500)
        #expect(openAI.inputTokens == 10_000 && openAI.outputTokens == 2_000)
        let o3 = ModelPrice(input: 2.00, output: 8.00, cachedInput: 0.50)
        // 6k × 2 + 4k × 0.5 + 2k × 8 (reasoning inside the 2k), per million
        #expect(abs(o3.cost(of: openAI) - (0.012 + 0.002 + 0.016)) < 1e-12)

        // Anthropic: input_tokens 1k leave out 3k cache reads and 2k cache writes.
        let anthropic = TokenUsage.anthropic(inputTokens: 1_000, outputTokens: 500, cacheReadInputTokens: 3_000, cacheCreationInputTokens: 2_000)
        #expect(anthropic.inputTokens == 6_000 && anthropic.cacheReadInputTokens == 3_000 && anthropic.cacheCreationInputTokens == 2_000)
        let sonnet = ModelPrice(input: 3.00, output: 15.00, cachedInput: 0.30, cacheWrite: 3.75)
        // 1k × 3 + 3k × 0.30 + 2k × 3.75 + 500 × 15, per million
        #expect(abs(sonnet.cost(of: anthropic) - (0.003 + 0.0009 + 0.0075 + 0.0075)) < 1e-12)

        // Counts a provider got wrong (more cached than the prompt) never bill more than the prompt.
        let odd = TokenUsage(inputTokens: 100, outputTokens: 0, cacheReadInputTokens: 500, cacheCreationInputTokens: 500)
        #expect(abs(sonnet.cost(of: odd) - 100 * 0.30 / 1_000_000) < 1e-15)
    }

    @Test func costCountsCachedAndWrittenTokensAtTheirPrices() {
        let price = ModelPrice(input: 3.00, output: 15.00, cachedInput: 0.30, cacheWrite: 3.75)
        let usage = TokenUsage(inputTokens: 1_000_000, outputTokens: 100_000, cacheReadInputTokens: 600_000, cacheCreationInputTokens: 200_000)
        // 200k plain × 3 + 600k × 0.30 + 200k × 3.75 + 100k × 15, per million
        #expect(abs(price.cost(of: usage) - (0.6 + 0.18 + 0.75 + 1.5)) < 1e-12)
        let noCachePrice = ModelPrice(input: 1, output: 2)
        #expect(abs(noCachePrice.cost(of: TokenUsage(inputTokens: 500_000, outputTokens: 0, cacheReadInputTokens: 500_000)) - 0.5) < 1e-12)
        #expect(PricingTable.builtIn.price(for: "gpt-4o-mini")!.cost(of: TokenUsage(inputTokens: 1000, outputTokens: 500)) == (1000 * 0.15 + 500 * 0.60) / 1_000_000)
    }

    @Test func aFileExtendsOrReplacesTheTable() throws {
        let extend = try Self.write(#"{"models": {"my-llama": {"input": 0.2, "output": 0.4}, "gpt-4o": {"input": 1, "output": 2, "cached_input": 0.5}}}"#)
        let extended = try PricingTable.load(contentsOf: extend, extending: .builtIn)
        #expect(extended.price(for: "my-llama") == ModelPrice(input: 0.2, output: 0.4))
        #expect(extended.price(for: "gpt-4o-2024-08-06") == ModelPrice(input: 1, output: 2, cachedInput: 0.5))
        #expect(extended.price(for: "claude-3-haiku") != nil)

        let replace = try Self.write(#"{"mode": "replace", "models": {"my-llama": {"input": 0.2, "output": 0.4}}}"#)
        let replaced = try PricingTable.load(contentsOf: replace, extending: .builtIn)
        #expect(replaced.prices.count == 1)
        #expect(replaced.price(for: "gpt-4o") == nil)
    }

    @Test(arguments: [
        #"not json"#,
        #"{"models": {"x": {"input": "cheap", "output": 1}}}"#,
        #"{"models": {"x": {"input": -1, "output": 1}}}"#,
        #"{"mode": "merge", "models": {}}"#,
        #"{"prices": {}}"#,
    ])
    func aBadFileIsRefusedWithItsReason(_ content: String) throws {
        let path = try Self.write(content)
        #expect(throws: PricingFileError.self) { try PricingTable.load(contentsOf: path, extending: .builtIn) }
    }

    @Test func theEnvironmentNamesThePricingFile() throws {
        let path = try Self.write(#"{"models": {"house-model": {"input": 1, "output": 1}}}"#)
        let configuration = GenAIConfiguration(environment: ["LLMTRACE_GENAI_PRICING_FILE": path])
        #expect(configuration.warnings.isEmpty)
        #expect(configuration.pricing.price(for: "house-model") != nil)

        let missing = GenAIConfiguration(environment: ["LLMTRACE_GENAI_PRICING_FILE": "/nonexistent/prices.json"])
        #expect(missing.warnings.count == 1)
        #expect(missing.warnings[0].contains("LLMTRACE_GENAI_PRICING_FILE"))
        #expect(missing.pricing == .builtIn)
    }

    static func write(_ content: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pricing-\(UUID().uuidString).json").path
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
