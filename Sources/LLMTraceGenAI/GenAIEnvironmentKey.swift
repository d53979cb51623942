import LLMTrace
internal import LLMTraceSupport

/// The environment variables the GenAI instrumentation reads.
public enum GenAIEnvironmentKey {
    /// `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`: record prompts and completions (opt-in).
    public static let captureMessageContent = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"
    /// `LLMTRACE_GENAI_MAX_CONTENT_LENGTH`: characters per captured-content attribute.
    public static let maxContentLength = "LLMTRACE_GENAI_MAX_CONTENT_LENGTH"
    /// `LLMTRACE_GENAI_PRICING_FILE`: JSON prices that extend or replace the built-in table.
    public static let pricingFile = "LLMTRACE_GENAI_PRICING_FILE"
}
