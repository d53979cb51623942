import LLMTrace
internal import LLMTraceSupport

/// The environment variables the GenAI instrumentation reads.
public enum GenAIEnvironmentKey {
    public static let captureMessageContent = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"
    public static let maxContentLength = "LLMTRACE_GENAI_MAX_CONTENT_LENGTH"
    public static let pricingFile = "LLMTRACE_GENAI_PRICING_FILE"
}
