import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

private struct Refused: Error, ErrorTypeProviding {
    var errorType: String { "refused" }
}

@Suite struct TracerTests {
    let remote = SpanContext(traceID: TraceID(high: 0xA, low: 0xB), spanID: SpanID(0xC), isSampled: true, isRemote: true)

    @Test func theCurrentSpanIsTheDefaultParent() {
        let (provider, _) = TestTracing.provider()
        let tracer = provider.tracer("t")
        tracer.withSpan("outer") { outer in
            let child = tracer.startSpan("child")
            #expect(child.parentSpanID == outer.context.spanID)
            #expect(child.context.traceID == outer.context.traceID)
            child.end()
        }
        let alone = tracer.startSpan("alone")
        #expect(alone.parentSpanID == nil)
        alone.end()
    }

    @Test func rootAndSpanParentsWinOverTheCurrentSpan() {
        let (provider, _) = TestTracing.provider()
        let tracer = provider.tracer("t")
        let other = tracer.startSpan("other", parent: .root)
        tracer.withSpan("current") { current in
            let root = tracer.startSpan("root", parent: .root)
            #expect(root.parentSpanID == nil)
            #expect(root.context.traceID != current.context.traceID)
            let underOther = tracer.startSpan("under-other", parent: .span(other))
            #expect(underOther.parentSpanID == other.context.spanID)
            #expect(underOther.context.traceID == other.context.traceID)
            root.end()
            underOther.end()
        }
        other.end()
    }

    @Test func aContextParentIsContinuedAsARemoteParent() throws {
        let (provider, exporter) = TestTracing.provider()
        let span = provider.tracer("t").startSpan("server", kind: .server, parent: .context(remote))
        #expect(span.context.traceID == remote.traceID)
        #expect(span.parentSpanID == remote.spanID)
        #expect(span.context.spanID != remote.spanID)
        #expect(!span.context.isRemote)
        #expect(span.context.isSampled)
        span.end()
        provider.forceFlush()
        let data = try #require(exporter.spans.first)
        #expect(data.parentIsRemote == true)
        #expect(data.kind == .server)
    }

    @Test func anInvalidParentStartsANewTrace() {
        let (provider, _) = TestTracing.provider()
        let tracer = provider.tracer("t")
        tracer.withSpan("current") { current in
            for parent in [SpanParent.context(.invalid), .span(Span(nonRecording: .invalid))] {
                let span = tracer.startSpan("x", parent: parent)
                #expect(span.parentSpanID == nil)
                #expect(span.context.isValid)
                #expect(span.context.traceID != current.context.traceID)
                span.end()
            }
        }
    }

    @Test func withSpanMakesTheSpanCurrentThenEndsIt() {
        let (provider, _) = TestTracing.provider()
        var inside: Span?
        let result = provider.tracer("t").withSpan("work") { span -> Int in
            #expect(TraceContext.currentSpan === span)
            #expect(!span.isEnded)
            inside = span
            return 7
        }
        #expect(result == 7)
        #expect(inside?.isEnded == true)
        #expect(TraceContext.currentSpan == nil)
    }

    @Test func withSpanRecordsAThrownErrorThenRethrowsIt() throws {
        let (provider, exporter) = TestTracing.provider()
        #expect(throws: Refused.self) {
            try provider.tracer("t").withSpan("call") { _ in throw Refused() }
        }
        provider.forceFlush()
        let data = try #require(exporter.spans.first)
        #expect(data.status.isError)
        #expect(data.attributes[OTelAttributes.errorType] == "refused")
        #expect(data.events.map(\.name) == [OTelAttributes.exceptionEvent])
    }

    @Test func asyncWithSpanStaysCurrentAcrossSuspensionsAndRecordsErrors() async throws {
        let (provider, exporter) = TestTracing.provider()
        let tracer = provider.tracer("t")
        let value = await tracer.withSpan("async") { span -> Int in
            await Task.yield()
            #expect(TraceContext.currentSpan === span)
            let child = tracer.startSpan("child")
            #expect(child.parentSpanID == span.context.spanID)
            child.end()
            return 3
        }
        #expect(value == 3)
        await #expect(throws: Refused.self) {
            try await tracer.withSpan("failing") { _ in
                await Task.yield()
                throw Refused()
            }
        }
        provider.forceFlush()
        let byName = Dictionary(uniqueKeysWithValues: exporter.spans.map { ($0.name, $0) })
        #expect(Set(byName.keys) == ["async", "child", "failing"])
        #expect(byName["async"]?.status == .unset)
        #expect(byName["failing"]?.status.isError == true)
        #expect(byName["failing"]?.attributes[OTelAttributes.errorType] == "refused")
    }

    @Test func injectThenExtractRoundTripsTheContext() throws {
        let (provider, _) = TestTracing.provider()
        let tracer = provider.tracer("t")
        let span = tracer.startSpan("client", kind: .client)
        var headers: [String: String] = [:]
        tracer.inject(into: &headers, context: span.context)
        let extracted = try #require(tracer.extract(from: headers))
        #expect(extracted.traceID == span.context.traceID)
        #expect(extracted.spanID == span.context.spanID)
        #expect(extracted.isSampled == span.context.isSampled)
        #expect(extracted.isRemote)
        span.end()

        // Without a context the current span's goes out; with neither, nothing does.
        var current: [String: String] = [:]
        tracer.withSpan("outer") { outer in
            tracer.inject(into: &current)
            #expect(tracer.extract(from: current)?.spanID == outer.context.spanID)
        }
        var none: [String: String] = [:]
        tracer.inject(into: &none)
        #expect(none.isEmpty)
    }

    @Test func withoutPropagatorsNothingCrossesProcesses() {
        let provider = TracerProvider(environment: ["OTEL_PROPAGATORS": "none", "OTEL_TRACES_EXPORTER": "none", "OTEL_METRICS_EXPORTER": "none"])
        let tracer = provider.tracer("t")
        var headers: [String: String] = [:]
        tracer.withSpan("outer") { _ in tracer.inject(into: &headers) }
        #expect(headers.isEmpty)
        #expect(tracer.extract(from: ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"]) == nil)
    }

    @Test func aDisabledProvidersSpansRecordNothingButCarryTheirParentsContext() {
        var configuration = TracingConfiguration()
        configuration.disabled = true
        configuration.limits.attributeCountLimit = 3
        let tracer = TracerProvider(configuration: configuration).tracer("t")
        let span = tracer.startSpan("x", parent: .context(remote))
        #expect(!span.isRecording)
        #expect(span.context == remote)
        #expect(!tracer.startSpan("y", parent: .root).context.isValid)
        // What came in still goes out.
        var headers: [String: String] = [:]
        TraceContext.withRemoteParent(remote) {
            tracer.withSpan("handler") { _ in tracer.inject(into: &headers) }
        }
        #expect(headers["traceparent"] == "00-\(remote.traceID.hexString)-\(remote.spanID.hexString)-01")
        #expect(tracer.spanLimits == SpanLimits())
    }

    @Test func spanLimitsAreTheProviders() {
        let (provider, _) = TestTracing.provider { $0.limits.attributeCountLimit = 3 }
        #expect(provider.tracer("t").spanLimits.attributeCountLimit == 3)
    }

    @Test func aSpanStartedAfterShutdownRecordsNothingAndIsCounted() {
        let (provider, _) = TestTracing.provider()
        let tracer = provider.tracer("t")
        #expect(provider.shutdown(timeout: .seconds(5)))
        let late = tracer.startSpan("late", parent: .context(remote))
        #expect(!late.isRecording)
        #expect(late.context == remote)
        late.end()
        #expect(provider.statistics.ignoredAfterShutdown == 1)
        _ = tracer.startSpan("later")
        #expect(provider.statistics.ignoredAfterShutdown == 2)
    }

    @Test func samplerAttributesAndLinksAreSetAtStart() throws {
        let sampler = FixedSampler(.recordAndSample, attributes: ["sampler.note": "kept"])
        let (provider, exporter) = TestTracing.provider {
            $0.sampler = sampler
            $0.samplingRules.keepErrors = false
        }
        let linked = SpanContext(traceID: TraceID(high: 7, low: 7), spanID: SpanID(7))
        let span = provider.tracer("t").startSpan("x", attributes: ["caller": 1], links: [SpanLink(context: linked)])
        span.end()
        provider.forceFlush()
        let data = try #require(exporter.spans.first)
        #expect(sampler.calls == 1)
        #expect(data.attributes["caller"] == 1)
        #expect(data.attributes["sampler.note"] == "kept")
        #expect(data.links.map(\.context) == [linked])
    }

    @Test func invalidLinksAreIgnoredBeforeTheLinkLimit() {
        let (provider, exporter) = TestTracing.provider { $0.limits.linkCountLimit = 1 }
        let valid = SpanContext(traceID: TraceID(high: 1, low: 2), spanID: SpanID(3))
        provider.tracer("t").startSpan("s", parent: .root, links: [SpanLink(context: .invalid), SpanLink(context: valid)]).end()
        provider.forceFlush()
        let span = exporter.spans.first
        #expect(span?.links.map(\.context) == [valid])
        #expect(span?.droppedLinksCount == 0)
    }
}
