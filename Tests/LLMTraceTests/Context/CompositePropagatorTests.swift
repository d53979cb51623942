import Testing
@testable import LLMTrace

/// Carries a span id in one header of its own, to tell propagators apart.
private struct SingleHeaderPropagator: TextMapPropagator {
    let header: String
    var fields: [String] { [header] }

    func inject(_ context: SpanContext, into headers: inout [String: String]) {
        headers[header] = context.spanID.hexString
    }

    func extract(from headers: [String: String]) -> SpanContext? {
        headers[header].flatMap { SpanID(hex: $0) }.map { SpanContext(traceID: TraceID(high: 0, low: 1), spanID: $0, isRemote: true) }
    }
}

@Suite struct CompositePropagatorTests {
    let context = SpanContext(traceID: TraceID(high: 1, low: 2), spanID: SpanID(3), traceFlags: [.sampled])

    @Test func everyPropagatorInjectsItsFields() {
        let composite = CompositePropagator([W3CTraceContextPropagator(), SingleHeaderPropagator(header: "x-span")])
        #expect(composite.fields == ["traceparent", "tracestate", "x-span"])
        var headers: [String: String] = [:]
        composite.inject(context, into: &headers)
        #expect(headers["traceparent"] == "00-00000000000000010000000000000002-0000000000000003-01")
        #expect(headers["x-span"] == "0000000000000003")
    }

    @Test func theFirstPropagatorThatExtractsWins() {
        let composite = CompositePropagator([SingleHeaderPropagator(header: "x-a"), SingleHeaderPropagator(header: "x-b")])
        #expect(composite.extract(from: ["x-a": "000000000000000a", "x-b": "000000000000000b"])?.spanID == SpanID(0xA))
        #expect(composite.extract(from: ["x-b": "000000000000000b"])?.spanID == SpanID(0xB))
        #expect(composite.extract(from: [:]) == nil)
    }

    @Test func anEmptyCompositeCarriesNothing() {
        let none = CompositePropagator([])
        var headers: [String: String] = [:]
        none.inject(context, into: &headers)
        #expect(headers.isEmpty && none.fields.isEmpty)
        #expect(none.extract(from: ["traceparent": "00-00000000000000010000000000000002-0000000000000003-01"]) == nil)
    }
}
