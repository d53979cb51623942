import Dispatch
import Foundation
import LLMTrace
import LLMTraceDistributedTracing
import LLMTraceTesting
import Logging
import Testing
import Tracing

/// A provider whose spans land in memory, and its swift-distributed-tracing backend.
private func makeTracers(_ configure: (inout TracingConfiguration) -> Void = { _ in }) -> (TracerProvider, InMemorySpanExporter, DistributedTracer) {
    let (provider, exporter) = TestTracing.provider(configure)
    return (provider, exporter, provider.distributedTracer)
}

private extension InMemorySpanExporter {
    func span(_ name: String) -> SpanData? { spans.first { $0.name == name } }
}

/// Headers as a plain dictionary carrier.
private struct DictionaryInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) { carrier[key] = value }
}

private struct DictionaryExtractor: Extractor {
    func extract(key: String, from carrier: [String: String]) -> String? {
        carrier.first { $0.key.lowercased() == key }?.value
    }
}

private struct Refused: Error {}

@Suite struct DistributedTracerTests {
    @Test func aTracingSpanInsideAnLLMTraceSpanIsItsChildInAsyncCode() async {
        let (provider, exporter, tracer) = makeTracers()
        await provider.tracer("app").withSpan("outer") { _ in
            await tracer.withSpan("tracing-child") { _ in
                await Task.yield()
            }
        }
        provider.forceFlush()
        let outer = exporter.span("outer"), child = exporter.span("tracing-child")
        #expect(child?.parentSpanID == outer?.context.spanID)
        #expect(child?.context.traceID == outer?.context.traceID)
    }

    @Test func anLLMTraceSpanInsideATracingSpanIsItsChildSyncAndAsync() async {
        let (provider, exporter, tracer) = makeTracers()
        tracer.withSpan("tracing-outer") { _ in
            provider.tracer("app").withSpan("sync-child") { _ in }
        }
        await tracer.withSpan("tracing-outer-async") { _ in
            await provider.tracer("app").withSpan("async-child") { _ in await Task.yield() }
        }
        provider.forceFlush()
        #expect(exporter.span("sync-child")?.parentSpanID == exporter.span("tracing-outer")?.context.spanID)
        #expect(exporter.span("async-child")?.parentSpanID == exporter.span("tracing-outer-async")?.context.spanID)
    }

    @Test func threeLevelsAlternatingKeepOneChain() {
        let (provider, exporter, tracer) = makeTracers()
        let app = provider.tracer("app")
        tracer.withSpan("a") { _ in
            app.withSpan("b") { _ in
                tracer.withSpan("c") { _ in }
            }
        }
        provider.forceFlush()
        #expect(exporter.span("b")?.parentSpanID == exporter.span("a")?.context.spanID)
        #expect(exporter.span("c")?.parentSpanID == exporter.span("b")?.context.spanID)
        #expect(Set(exporter.spans.map(\.context.traceID)).count == 1)
    }

    @Test func dispatchQueuesAndThreadsCarryTheTracingSpan() {
        let (provider, exporter, tracer) = makeTracers()
        let group = DispatchGroup()
        let threadDone = DispatchSemaphore(value: 0)
        tracer.withSpan("request") { _ in
            DispatchQueue.global().asyncWithTraceContext(group: group) {
                provider.tracer("app").withSpan("on-queue") { _ in }
                tracer.withSpan("tracing-on-queue") { _ in }
            }
            Thread(block: TraceContext.bind {
                provider.tracer("app").withSpan("on-thread") { _ in }
                threadDone.signal()
            }).start()
        }
        group.wait()
        threadDone.wait()
        provider.forceFlush()
        let request = exporter.span("request")?.context.spanID
        #expect(exporter.span("on-queue")?.parentSpanID == request)
        #expect(exporter.span("tracing-on-queue")?.parentSpanID == request)
        #expect(exporter.span("on-thread")?.parentSpanID == request)
    }

    @Test func everyAttributeKindIsMapped() throws {
        let (provider, exporter, tracer) = makeTracers()
        let span = tracer.startSpan("attributes", ofKind: .client)
        span.attributes.set("int32", value: .int32(7))
        span.attributes.set("int64", value: .int64(1 << 40))
        span.attributes.set("int32s", value: .int32Array([1, 2]))
        span.attributes.set("int64s", value: .int64Array([3, 4]))
        span.attributes.set("double", value: .double(0.5))
        span.attributes.set("doubles", value: .doubleArray([0.25, 0.75]))
        span.attributes.set("bool", value: .bool(true))
        span.attributes.set("bools", value: .boolArray([true, false]))
        span.attributes.set("string", value: .string("s"))
        span.attributes.set("strings", value: .stringArray(["a", "b"]))
        span.attributes.set("convertible", value: .stringConvertible(URL(string: "https://example.com")!))
        span.attributes.set("convertibles", value: .stringConvertibleArray([1.5, 2]))
        #expect(span.attributes["string"]?.toSpanAttribute() == .string("s"))
        span.end()
        provider.forceFlush()
        let data = try #require(exporter.span("attributes"))
        #expect(data.kind == .client)
        let attributes = data.attributes
        #expect(attributes["int32"] == .int(7))
        #expect(attributes["int64"] == .int(1 << 40))
        #expect(attributes["int32s"] == .intArray([1, 2]))
        #expect(attributes["int64s"] == .intArray([3, 4]))
        #expect(attributes["double"] == .double(0.5))
        #expect(attributes["doubles"] == .doubleArray([0.25, 0.75]))
        #expect(attributes["bool"] == .bool(true))
        #expect(attributes["bools"] == .boolArray([true, false]))
        #expect(attributes["string"] == .string("s"))
        #expect(attributes["strings"] == .stringArray(["a", "b"]))
        #expect(attributes["convertible"] == .string("https://example.com"))
        #expect(attributes["convertibles"] == .stringArray(["1.5", "2"]))
    }

    @Test func eventsLinksStatusErrorsNameAndInstantsAreKept() throws {
        let (provider, exporter, tracer) = makeTracers()
        let linked = tracer.startSpan("linked")
        linked.end()
        let start = DefaultTracerClock.Timestamp(nanosecondsSinceEpoch: 1_767_225_600_000_000_000)
        let span = tracer.startSpan("first-name", at: start)
        span.operationName = "renamed"
        span.addEvent(SpanEvent(name: "chunk", at: DefaultTracerClock.Timestamp(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + 5), attributes: ["n": 1]))
        span.addLink(SpanLink(context: linked.context, attributes: ["why": "retry of"]))
        span.recordError(Refused(), attributes: ["attempt": 2])
        span.setStatus(SpanStatus(code: .error, message: "refused"))
        span.end(at: DefaultTracerClock.Timestamp(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + 1_000))
        provider.forceFlush()
        let data = try #require(exporter.span("renamed"))
        #expect(data.startTimeUnixNano == start.nanosecondsSinceEpoch)
        #expect(data.durationNanos == 1_000)
        #expect(data.events.first?.name == "chunk")
        #expect(data.events.first?.timeUnixNano == start.nanosecondsSinceEpoch + 5)
        #expect(data.events.first?.attributes["n"] == .int(1))
        let exception = try #require(data.events.first { $0.name == OTelAttributes.exceptionEvent })
        #expect(exception.attributes["attempt"] == .int(2))
        #expect(data.attributes[OTelAttributes.errorType] != nil)
        #expect(data.status == .error(description: "refused"))
        #expect(data.links.first?.context.spanID == exporter.span("linked")?.context.spanID)
        #expect(data.links.first?.attributes["why"] == .string("retry of"))
    }

    @Test func extractContinuesAnotherImplementationsTraceAndInjectWritesIt() throws {
        let (provider, exporter, tracer) = makeTracers()
        // The W3C recommendation's example, as another service would send it, in mixed case.
        let incoming = ["TraceParent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate": "congo=t61rcWkgMzE"]
        var context = InstrumentationContext.topLevel
        tracer.extract(incoming, into: &context, using: DictionaryExtractor())
        var outgoing: [String: String] = [:]
        tracer.withSpan("server", context: context, ofKind: .server) { span in
            tracer.inject(span.context, into: &outgoing, using: DictionaryInjector())
        }
        provider.forceFlush()
        let server = try #require(exporter.span("server"))
        #expect(server.context.traceID.description == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(server.parentSpanID?.description == "00f067aa0ba902b7")
        #expect(server.parentIsRemote == true)
        #expect(outgoing["traceparent"] == "00-4bf92f3577b34da6a3ce929d0e0e4736-\(server.context.spanID)-01")
        #expect(outgoing["tracestate"] == "congo=t61rcWkgMzE")
    }

    @Test func invalidIncomingHeadersStartANewTrace() throws {
        let (provider, exporter, tracer) = makeTracers()
        var context = InstrumentationContext.topLevel
        tracer.extract(["traceparent": "00-zz-00f067aa0ba902b7-01"], into: &context, using: DictionaryExtractor())
        tracer.withSpan("fresh", context: context) { _ in }
        provider.forceFlush()
        #expect(exporter.span("fresh")?.parentSpanID == nil)
    }

    @Test func aSpanTheSamplerDroppedStillPropagates() {
        let (provider, exporter, tracer) = makeTracers {
            $0.sampler = Samplers.alwaysOff
            $0.samplingRules.keepErrors = false
            $0.metrics.exporters = []
        }
        var outgoing: [String: String] = [:]
        tracer.withSpan("dropped") { span in
            #expect(!span.isRecording)
            tracer.inject(span.context, into: &outgoing, using: DictionaryInjector())
            provider.tracer("app").withSpan("child") { child in
                #expect(child.context.traceID == (span as DistributedSpan).span.context.traceID)
            }
        }
        provider.forceFlush()
        #expect(exporter.spans.isEmpty)
        #expect(outgoing["traceparent"]?.hasSuffix("-00") == true || outgoing["traceparent"]?.hasSuffix("-02") == true)
    }

    @Test func forceFlushExportsAndActiveSpanFindsTheCarriedSpan() {
        let (_, exporter, tracer) = makeTracers()
        let span = tracer.startSpan("active")
        #expect(tracer.activeSpan(identifiedBy: span.context)?.span === span.span)
        #expect(tracer.activeSpan(identifiedBy: .topLevel) == nil)
        span.end()
        tracer.forceFlush()
        #expect(exporter.span("active") != nil)
    }

    @Test func linesLoggedInsideATracingSpanCarryItsIds() throws {
        let (provider, _, tracer) = makeTracers()
        let capture = LogCapture()
        let logger = capture.logger(metadataProvider: .llmtrace())
        var expected: SpanContext?
        tracer.withSpan("handler", ofKind: .server) { span in
            expected = span.span.context
            logger.info("handling")
        }
        provider.forceFlush()
        let context = try #require(expected)
        #expect(capture.entries.first?.metadata["trace_id"] == "\(context.traceID)")
        #expect(capture.entries.first?.metadata["span_id"] == "\(context.spanID)")
    }

    @Test func baggageCrossesBothAPIsAndTheWire() throws {
        let (_, _, tracer) = makeTracers()
        var context = InstrumentationContext.topLevel
        tracer.extract(["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "baggage": "session.id=s-1"],
                       into: &context, using: DictionaryExtractor())
        var outgoing: [String: String] = [:]
        var seenByLLMTrace: [String: String] = [:]
        tracer.withSpan("server", context: context, ofKind: .server) { span in
            seenByLLMTrace = TraceContext.baggage
            tracer.inject(span.context, into: &outgoing, using: DictionaryInjector())
        }
        #expect(seenByLLMTrace == ["session.id": "s-1"])
        #expect(outgoing["baggage"] == "session.id=s-1")
        #expect(outgoing["traceparent"]?.hasPrefix("00-4bf92f3577b34da6a3ce929d0e0e4736-") == true)
    }

    @Test func aThrowingTracingWithSpanKeepsTheErrorAndItsMessage() throws {
        let (provider, exporter, tracer) = makeTracers()
        #expect(throws: Refused.self) {
            try tracer.withSpan("failing") { _ in throw Refused() }
        }
        provider.forceFlush()
        let span = try #require(exporter.span("failing"))
        #expect(span.events.contains { $0.name == OTelAttributes.exceptionEvent })
        guard case .error(let description) = span.status else { Issue.record("status \(span.status)"); return }
        #expect(description.contains("Refused"))
    }

    @Test func recordErrorAloneLeavesTheStatusToTheCaller() throws {
        let (provider, exporter, tracer) = makeTracers()
        let span = tracer.startSpan("handled-404", ofKind: .server)
        span.recordError(Refused())
        span.end()
        provider.forceFlush()
        let data = try #require(exporter.span("handled-404"))
        #expect(data.events.first?.name == OTelAttributes.exceptionEvent)
        #expect(data.status == .unset)
        #expect(data.attributes[OTelAttributes.errorType] == nil)
    }

    /// AsyncHTTPClient sets the error status, then the status code: `error.type` is the code.
    @Test func aFailedHTTPSpanGetsItsStatusCodeAsErrorType() throws {
        let (provider, exporter, tracer) = makeTracers()
        let span = tracer.startSpan("POST", ofKind: .client)
        span.setStatus(SpanStatus(code: .error))
        span.attributes["http.status_code"] = 503
        span.end()
        provider.forceFlush()
        let data = try #require(exporter.span("POST"))
        #expect(data.attributes[OTelAttributes.errorType] == "503")
        #expect(data.status == .error(description: ""))
    }

    /// Hummingbird sets the error status, then records the error: the error's own class and
    /// message win over the status code.
    @Test func anErrorRecordedAfterTheStatusGivesItsTypeAndMessage() throws {
        let (provider, exporter, tracer) = makeTracers()
        let span = tracer.startSpan("/ask", ofKind: .server)
        span.attributes["http.response.status_code"] = 502
        span.setStatus(SpanStatus(code: .error))
        span.recordError(Upstream())
        span.end()
        provider.forceFlush()
        let data = try #require(exporter.span("/ask"))
        #expect(data.attributes[OTelAttributes.errorType] == "rate_limit_exceeded")
        #expect(data.status == .error(description: "upstream refused"))
    }

    @Test func aServerSpanCopiesAllowListedBaggageOfTheExtractedContext() throws {
        let (provider, exporter, tracer) = makeTracers { $0.baggageSpanAttributes = ["session.id"] }
        var context = InstrumentationContext.topLevel
        tracer.extract(["baggage": "session.id=s-7,other=x"], into: &context, using: DictionaryExtractor())
        tracer.withSpan("server", context: context, ofKind: .server) { _ in }
        provider.forceFlush()
        let server = try #require(exporter.span("server"))
        #expect(server.attributes["session.id"] == "s-7")
        #expect(server.attributes["other"] == nil)
    }

    @Test func anExtractedParentReplacesTheSpanTheContextHeld() throws {
        let (provider, exporter, tracer) = makeTracers()
        tracer.withSpan("local") { _ in
            var context = InstrumentationContext.current ?? .topLevel
            tracer.extract(["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"], into: &context, using: DictionaryExtractor())
            tracer.withSpan("server", context: context, ofKind: .server) { _ in }
        }
        provider.forceFlush()
        let server = try #require(exporter.span("server"))
        #expect(server.context.traceID.description == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(server.parentIsRemote == true)
    }

    @Test func aTracingSpanOnAQueueOrThreadStartedFromAnLLMTraceSpanIsItsChild() {
        let (provider, exporter, tracer) = makeTracers()
        let group = DispatchGroup()
        let done = DispatchSemaphore(value: 0)
        provider.tracer("app").withSpan("llmtrace-parent") { _ in
            DispatchQueue.global().asyncWithTraceContext(group: group) { tracer.withSpan("tracing-on-queue") { _ in } }
            Thread(block: TraceContext.bind {
                tracer.withSpan("tracing-on-thread") { _ in }
                done.signal()
            }).start()
        }
        group.wait()
        done.wait()
        provider.forceFlush()
        let parent = exporter.span("llmtrace-parent")?.context.spanID
        #expect(exporter.span("tracing-on-queue")?.parentSpanID == parent)
        #expect(exporter.span("tracing-on-thread")?.parentSpanID == parent)
    }

    @Test func aFreshStartInsideASpanStartsANewTrace() {
        let (provider, exporter, tracer) = makeTracers()
        tracer.withSpan("outer") { _ in
            TraceContext.withSpan(nil) {
                #expect(TraceContext.current == nil)
                tracer.withSpan("fresh") { _ in }
            }
        }
        provider.forceFlush()
        #expect(exporter.span("fresh")?.parentSpanID == nil)
    }
}

private struct Upstream: ErrorTypeProviding, CustomStringConvertible {
    var errorType: String { "rate_limit_exceeded" }
    var description: String { "upstream refused" }
}
