import Dispatch
import Logging
import Testing
@testable import LLMTrace
import LLMTraceSupport
import LLMTraceTesting

@Suite struct LoggerMetadataProviderTests {
    @Test func aLineInsideASpanCarriesItsIdsAndFlags() throws {
        let (provider, _) = TestTracing.provider()
        let capture = LogCapture()
        let logger = capture.logger(metadataProvider: .llmtrace())
        var expected: SpanContext?
        provider.tracer("t").withSpan("work") { span in
            expected = span.context
            logger.info("inside")
        }
        logger.info("outside")
        let lines = capture.entries
        let context = try #require(expected)
        #expect(lines[0].metadata["trace_id"] == "\(context.traceID)")
        #expect(lines[0].metadata["span_id"] == "\(context.spanID)")
        #expect(lines[0].metadata["trace_flags"] == "3", "sampled and random")
        #expect(lines[1].metadata.isEmpty)
    }

    @Test func theKeysCanBeRenamedAndAnUnsampledSpanSaysSo() {
        let (provider, _) = TestTracing.provider {
            $0.sampler = Samplers.alwaysOff
            $0.samplingRules.keepErrors = false
            $0.metrics.exporters = []
        }
        let capture = LogCapture()
        let logger = capture.logger(metadataProvider: .llmtrace(traceIDKey: "tid", spanIDKey: "sid", traceFlagsKey: "flags"))
        provider.tracer("t").withSpan("dropped") { span in
            #expect(!span.isRecording)
            logger.info("inside a dropped span")
        }
        let metadata = capture.entries[0].metadata
        #expect(metadata["tid"] != nil && metadata["sid"] != nil)
        #expect(metadata["flags"] == "2", "random, not sampled: the ids still correlate")
    }

    @Test func aDispatchQueueThatCarriesTheContextLogsWithIt() {
        let (provider, _) = TestTracing.provider()
        let capture = LogCapture()
        let logger = capture.logger(metadataProvider: .llmtrace())
        let group = DispatchGroup()
        var traceID = ""
        provider.tracer("t").withSpan("request") { span in
            traceID = "\(span.context.traceID)"
            DispatchQueue.global().asyncWithTraceContext(group: group) { logger.info("on a queue") }
        }
        group.wait()
        #expect(capture.entries.first?.metadata["trace_id"] == .string(traceID))
    }

    @Test func aRemoteParentIsTheCurrentContext() {
        let remote = SpanContext(traceID: TraceID(high: 0xAB, low: 0xCD), spanID: SpanID(0xEF), isSampled: true, isRemote: true)
        let capture = LogCapture()
        let logger = capture.logger(metadataProvider: .llmtrace())
        TraceContext.withRemoteParent(remote) { logger.info("handling a request") }
        let metadata = capture.entries[0].metadata
        #expect(metadata["trace_id"] == "\(remote.traceID)")
        #expect(metadata["span_id"] == "\(remote.spanID)")
    }
}
