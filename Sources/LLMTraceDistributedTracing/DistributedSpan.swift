import LLMTrace
import Tracing

/// A span started through the swift-distributed-tracing API (`withSpan`, Hummingbird's
/// `TracingMiddleware`, AsyncHTTPClient's request spans): a real LLMTrace span, with the
/// provider's sampling rules, LLM metrics, limits and exporters.
///
/// Attributes of every `SpanAttribute` kind are kept (32- and 64-bit integers as integers,
/// `CustomStringConvertible` values as their description); events, links, status, errors and
/// explicit instants map to their LLMTrace counterparts. Setting `attributes` adds and changes
/// attributes; a key left out of the new set is not removed (spans only grow).
public final class DistributedSpan: Tracing.Span {
    /// The LLMTrace span behind this one.
    public let span: LLMTrace.Span
    /// The context that carries this span to its children and to outgoing requests.
    public let context: InstrumentationContext

    init(span: LLMTrace.Span, context: InstrumentationContext) {
        self.span = span
        self.context = context
    }

    /// The span name.
    public var operationName: String {
        get { span.name }
        set { span.updateName(newValue) }
    }

    /// Sets the status: `ok` is final, `error` keeps its message.
    public func setStatus(_ status: Tracing.SpanStatus) {
        switch status.code {
        case .ok: span.setStatus(.ok)
        case .error: span.setStatus(.error(description: status.message ?? ""))
        }
    }

    /// Records an event at its own instant.
    public func addEvent(_ event: Tracing.SpanEvent) {
        span.addEvent(event.name, attributes: Attributes(event.attributes), time: event.nanosecondsSinceEpoch)
    }

    /// Records `error` as LLMTrace does (`exception` event, status error, `error.type`), at `instant`.
    public func recordError<Instant: TracerInstant>(_ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant) {
        span.recordError(error, attributes: Attributes(attributes), time: instant().nanosecondsSinceEpoch)
    }

    /// The attributes set so far; setting adds or changes each attribute of the new set.
    public var attributes: SpanAttributes {
        get { SpanAttributes(span.attributes) }
        set {
            let current = span.attributes
            newValue.forEach { key, attribute in
                guard let value = AttributeValue(attribute), current[key] != value else { return }
                span.setAttribute(key, value)
            }
        }
    }

    /// Whether the span records anything (the sampler may have dropped it; it still propagates).
    public var isRecording: Bool { span.isRecording }

    /// Links to the span (or remote parent) `link.context` carries; a context without one is ignored.
    public func addLink(_ link: Tracing.SpanLink) {
        guard let context = link.context.llmtraceSpanContext else { return }
        span.addLink(context, attributes: Attributes(link.attributes))
    }

    /// Ends the span at `instant`; only the first call counts.
    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        span.end(time: instant().nanosecondsSinceEpoch)
    }
}
