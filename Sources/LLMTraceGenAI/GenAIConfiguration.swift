import LLMTrace
internal import LLMTraceSupport

/// Settings of the GenAI instrumentation: content capture, its length limit, and prices.
///
/// Precedence as for `TracingConfiguration`: defaults, then the environment, then code.
public struct GenAIConfiguration: Sendable {
    /// Where prompts, completions and system instructions (and, on spans, retrieval queries and
    /// documents) are recorded. Nothing by default: they may hold personal or secret data.
    /// - Environment: `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` (`no_content`,
    ///   `span_only`, `event_only`, `span_and_event`; `true` is `span_only`, `false` `no_content`).
    ///   Default: no_content.
    public var contentCapture = ContentCapture.noContent
    /// Whether content is recorded on spans: `contentCapture` is `span_only` or `span_and_event`.
    /// Setting it chooses `span_only` or `no_content`.
    public var captureMessageContent: Bool {
        get { contentCapture.onSpans }
        set { contentCapture = newValue ? .spanOnly : .noContent }
    }
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
        var choices = Dictionary(uniqueKeysWithValues: ContentCapture.allCases.map { ($0.rawValue, $0) })
        choices["true"] = .spanOnly
        choices["false"] = .noContent
        if let capture = env.choice(GenAIEnvironmentKey.captureMessageContent, choices) { contentCapture = capture }
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
