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
    private let lastError = Locked<(message: String, errorType: String, isDeclared: Bool)?>(nil)

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
    /// keeps the message of an earlier error, or takes the recorded error's when the span ends.
    public func setStatus(_ status: Tracing.SpanStatus) {
        switch status.code {
        case .ok:
            span.setStatus(.ok)
        case .error:
            if status.message == nil, case .error = span.status { return }
            span.setStatus(.error(description: status.message ?? lastError.withLock { $0?.message } ?? ""))
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
        let declared = (error as? any ErrorTypeProviding)?.errorType
        lastError.withLock { $0 = (message, declared ?? typeName, declared != nil) }
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

    /// Ends the span at `instant`; only the first call counts. A failed span gets `error.type`
    /// here, when everything that explains it is known: instrumentation (AsyncHTTPClient,
    /// Hummingbird) sets the status before it records the error or the response status code.
    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        if case .error(let description) = span.status, span.attributes[OTelAttributes.errorType] == nil {
            let recorded = lastError.withLock { $0 }
            if description.isEmpty, let recorded { span.setStatus(.error(description: recorded.message)) }
            span.setAttribute(OTelAttributes.errorType, errorType(recorded: recorded))
        }
        span.end(time: instant().nanosecondsSinceEpoch)
    }

    /// The class of a failure, most specific first: what the recorded error says of itself, the
    /// HTTP status code (as the HTTP conventions ask), the recorded error's type, `_OTHER`.
    private func errorType(recorded: (message: String, errorType: String, isDeclared: Bool)?) -> String {
        if let recorded, recorded.isDeclared { return recorded.errorType }
        for key in [OTelAttributes.httpResponseStatusCode, Self.legacyHTTPStatusCode] {
            if case .int(let code) = span.attributes[key], code >= 400 { return String(code) }
        }
        return recorded?.errorType ?? OTelAttributes.errorTypeOther
    }

    /// The key AsyncHTTPClient still writes the response status under.
    private static let legacyHTTPStatusCode = "http.status_code"
}
