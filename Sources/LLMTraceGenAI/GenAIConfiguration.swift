import LLMTrace
internal import LLMTraceSupport

/// Settings of the GenAI instrumentation: content capture, its length limit, and prices.
///
/// Precedence as for `TracingConfiguration`: defaults, then the environment, then code.
public struct GenAIConfiguration: Sendable {
    /// Record prompts, completions, system instructions, retrieval queries and documents on
    /// spans. Off by default: they may hold personal or secret data.
    /// - Environment: `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` (`true`/`false`, or
    ///   `span_only`/`span_and_event` for on and `no_content`/`event_only` for off). Default: off.
    public var captureMessageContent = false
    /// Most characters of one captured-content attribute (JSON included); the span's attribute
    /// value length limit applies too when it is smaller.
    /// - Environment: `LLMTRACE_GENAI_MAX_CONTENT_LENGTH`. Default: 16384.
    public var maxContentLength = 16384
    /// Prices for `gen_ai.usage.cost`.
    /// - Environment: `LLMTRACE_GENAI_PRICING_FILE` (JSON; see `PricingTable.load`). Default: `PricingTable.builtIn`.
    public var pricing = PricingTable.builtIn
    /// What was wrong with the environment, one line per variable.
    public private(set) var warnings: [String] = []

    /// The defaults.
    public init() {}

    /// The defaults, overridden by each valid value in `environment`.
    public init(environment: [String: String]) {
        self.init()
        var env = EnvironmentReader(environment)
        // `event_only` is a valid word for other SDKs, but LLMTrace has no log events to put
        // content in: it captures nothing and says why.
        if let capture = env.choice(GenAIEnvironmentKey.captureMessageContent, [
            "true": true, "false": false, "span_only": true, "span_and_event": true, "no_content": false, "event_only": nil,
        ] as [String: Bool?]) {
            if let capture {
                captureMessageContent = capture
            } else {
                env.warn(GenAIEnvironmentKey.captureMessageContent, "event_only", expected: "a span mode: LLMTrace records content on spans only, so nothing is captured")
            }
        }
        if let length = env.integer(GenAIEnvironmentKey.maxContentLength, in: 16...Int(Int32.max)) { maxContentLength = length }
        if let path = env.string(GenAIEnvironmentKey.pricingFile) {
            do {
                pricing = try PricingTable.load(contentsOf: path, extending: .builtIn)
            } catch {
                env.warn(GenAIEnvironmentKey.pricingFile, path, expected: "a readable pricing JSON file: \(error)")
            }
        }
        warnings = env.warnings
    }
}
