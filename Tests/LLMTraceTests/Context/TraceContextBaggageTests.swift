import Dispatch
import Testing
@testable import LLMTrace
import LLMTraceTesting

@Suite struct TraceContextBaggageTests {
    @Test func injectWritesTheCurrentBaggageAndExtractReadsItBack() {
        let (provider, _) = TestTracing.provider()
        let tracer = provider.tracer("t")
        var headers: [String: String] = [:]
        TraceContext.withBaggage(["session.id": "s-1", "enduser.id": "u 7"]) {
            tracer.withSpan("call") { _ in tracer.inject(into: &headers) }
        }
        #expect(headers["traceparent"] != nil)
        #expect(headers["baggage"] == "enduser.id=u%207,session.id=s-1")
        #expect(tracer.extractBaggage(from: ["BAGGAGE": headers["baggage"]!]) == ["session.id": "s-1", "enduser.id": "u 7"])
        #expect(TraceContext.baggage.isEmpty, "only inside withBaggage")
    }

    @Test func baggageIsNotSentWhenThePropagatorsLeaveItOut() {
        let provider = TracerProvider(environment: ["OTEL_PROPAGATORS": "tracecontext", "OTEL_METRICS_EXPORTER": "none", "OTEL_TRACES_EXPORTER": "none"])
        let tracer = provider.tracer("t")
        var headers: [String: String] = [:]
        TraceContext.withBaggage(["session.id": "s-1"]) { tracer.inject(into: &headers) }
        #expect(headers["baggage"] == nil)
        #expect(tracer.extractBaggage(from: ["baggage": "session.id=s-1"]).isEmpty)
    }

    @Test func baggageTravelsIntoTasksAndDispatchQueues() async {
        let group = DispatchGroup()
        let seen = LockedBox<[String: String]>([:])
        await TraceContext.withBaggage(["session.id": "s-9"]) {
            async let inTask = Task { TraceContext.baggage }.value
            DispatchQueue.global().asyncWithTraceContext(group: group) { seen.set(TraceContext.baggage) }
            #expect(await inTask == ["session.id": "s-9"])
        }
        group.wait()
        #expect(seen.get() == ["session.id": "s-9"])
    }

    @Test func allowListedEntriesAreCopiedOntoSpansAndExplicitAttributesWin() throws {
        let (provider, exporter) = TestTracing.provider {
            $0 = TracingConfiguration(environment: ["LLMTRACE_BAGGAGE_SPAN_ATTRIBUTES": "session.id, enduser.id"])
        }
        let tracer = provider.tracer("t")
        TraceContext.withBaggage(["session.id": "s-1", "enduser.id": "u-1", "secret": "x"]) {
            tracer.startSpan("copied").end()
            tracer.startSpan("explicit", attributes: ["enduser.id": "given"]).end()
        }
        tracer.startSpan("outside").end()
        provider.forceFlush()
        let copied = try #require(exporter.spans.first { $0.name == "copied" })
        #expect(copied.attributes["session.id"] == "s-1")
        #expect(copied.attributes["enduser.id"] == "u-1")
        #expect(copied.attributes["secret"] == nil, "not allow-listed")
        #expect(exporter.spans.first { $0.name == "explicit" }?.attributes["enduser.id"] == "given")
        #expect(exporter.spans.first { $0.name == "outside" }?.attributes["session.id"] == nil)
    }
}

/// A value another thread sets and this one reads.
private final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var value: Value
    init(_ value: Value) { self.value = value }
    func set(_ newValue: Value) { lock.wait(); value = newValue; lock.signal() }
    func get() -> Value { lock.wait(); defer { lock.signal() }; return value }
}
