/// Where prompt and completion content is recorded, when at all
/// (`OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`).
public enum ContentCapture: String, Sendable, Equatable, CaseIterable {
    /// Nothing: the default, since content may hold personal or secret data.
    case noContent = "no_content"
    /// On the spans, as `gen_ai.input.messages`, `gen_ai.output.messages` and
    /// `gen_ai.system_instructions`.
    case spanOnly = "span_only"
    /// In a `gen_ai.client.inference.operation.details` log event per model call, parented to
    /// its span, and not on the span (for back ends that keep content apart from traces).
    case eventOnly = "event_only"
    /// Both.
    case spanAndEvent = "span_and_event"

    /// Whether content goes on spans.
    public var onSpans: Bool { self == .spanOnly || self == .spanAndEvent }
    /// Whether content goes into inference-details events.
    public var onEvents: Bool { self == .eventOnly || self == .spanAndEvent }
}
