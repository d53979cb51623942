import LLMTrace
internal import LLMTraceSupport
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
    /// The last error `recordError` saw: an error status without a message takes its message and
    /// its class for `error.type`.
    private let lastError = Locked<(message: String, errorType: String)?>(nil)

    init(span: LLMTrace.Span, context: InstrumentationContext) {
        self.span = span
        self.context = context
    }

    /// The span name.
    public var operationName: String {
        get { span.name }
        set { span.updateName(newValue) }
    }

    /// Sets the status: `ok` is final; `error` takes its message, and an error without one
    /// keeps the message of an earlier error.
    public func setStatus(_ status: Tracing.SpanStatus) {
        switch status.code {
        case .ok:
            span.setStatus(.ok)
        case .error:
            if status.message == nil, case .error = span.status { return }
            let recorded = lastError.withLock { $0 }
            span.setStatus(.error(description: status.message ?? recorded?.message ?? ""))
            // A failed operation carries error.type, which the LLM metrics and the sampling rules
            // read; the error recorded before the status says which class it is.
            if span.attributes[OTelAttributes.errorType] == nil {
                span.setAttribute(OTelAttributes.errorType, recorded?.errorType ?? OTelAttributes.errorTypeOther)
            }
        }
    }

    /// Records an event at its own instant.
    public func addEvent(_ event: Tracing.SpanEvent) {
        span.addEvent(event.name, attributes: Attributes(event.attributes), time: event.nanosecondsSinceEpoch)
    }

    /// Records `error` as an `exception` event (`exception.type`, `exception.message`, and
    /// `attributes`) at `instant`. As the Tracing API asks, the status is left to `setStatus`: a
    /// server records every thrown error but fails only on 5xx. An error status set afterwards
    /// without a message takes this error's message, and `error.type` its class.
    public func recordError<Instant: TracerInstant>(_ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant) {
        guard span.isRecording else { return }
        let typeName = String(reflecting: type(of: error))
        let message = String(describing: error)
        lastError.withLock { $0 = (message, (error as? any ErrorTypeProviding)?.errorType ?? typeName) }
        var eventAttributes: Attributes = [
            OTelAttributes.exceptionType: .string(typeName),
            OTelAttributes.exceptionMessage: .string(message),
        ]
        for attribute in Attributes(attributes) { eventAttributes[attribute.key] = attribute.value }
        span.addEvent(OTelAttributes.exceptionEvent, attributes: eventAttributes, time: instant().nanosecondsSinceEpoch)
    }

    /// The attributes set so far; setting adds or changes each attribute of the new set, under
    /// one lock.
    public var attributes: SpanAttributes {
        get { SpanAttributes(span.attributes) }
        set { span.setAttributes(Attributes(newValue)) }
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
