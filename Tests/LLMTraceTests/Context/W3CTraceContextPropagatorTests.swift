import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct W3CTraceContextPropagatorTests {
    let propagator = W3CTraceContextPropagator()
    let valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    @Test func parsesAValidHeader() throws {
        let context = try #require(W3CTraceContextPropagator.parseTraceParent(valid))
        #expect(context.traceID.hexString == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(context.spanID.hexString == "00f067aa0ba902b7")
        #expect(context.isSampled)
        #expect(context.isRemote)
    }

    @Test(arguments: [
        "",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // v00 must be exactly 55
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",       // upper case
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",       // version ff
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",       // zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",       // zero span id
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",        // short trace id
        "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",       // wrong separators
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",       // bad flags
        "0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",      // future version, no dash
    ])
    func rejectsInvalidHeaders(_ header: String) {
        #expect(W3CTraceContextPropagator.parseTraceParent(header) == nil)
        #expect(propagator.extract(from: ["traceparent": header, "tracestate": "a=b"]) == nil)
    }

    @Test func acceptsFutureVersionsWithExtraFields() {
        let context = W3CTraceContextPropagator.parseTraceParent("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09-what-the-future-holds")
        #expect(context != nil)
        #expect(context?.traceFlags == [.sampled]) // unknown bit 0x08 cleared
    }

    @Test func randomBytesNeverCrashAndNeverParse() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<120 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(W3CTraceContextPropagator.parseTraceParent(text) == nil)
            _ = TraceState(header: text)
        }
    }

    @Test func badTraceStateIsDroppedButTraceParentKept() {
        let context = propagator.extract(from: ["traceparent": valid, "tracestate": "UPPER=bad"])
        #expect(context != nil)
        #expect(context?.traceState.isEmpty == true)
        let good = propagator.extract(from: ["traceparent": valid, "tracestate": "rojo=00f067aa0ba902b7, congo=t61rcWkgMzE"])
        #expect(good?.traceState["congo"] == "t61rcWkgMzE")
        #expect(good?.traceState.header == "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
    }

    @Test func injectWritesLowercaseVersion00() {
        var headers: [String: String] = [:]
        let context = SpanContext(traceID: TraceID(high: 1, low: 2), spanID: SpanID(3), traceFlags: [.sampled, .random])
        propagator.inject(context, into: &headers)
        #expect(headers["traceparent"] == "00-00000000000000010000000000000002-0000000000000003-03")
        #expect(headers["tracestate"] == nil)
        var none: [String: String] = [:]
        propagator.inject(.invalid, into: &none)
        #expect(none.isEmpty)
    }
}
