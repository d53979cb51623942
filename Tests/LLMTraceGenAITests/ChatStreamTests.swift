import Foundation
import LLMTraceTesting
import Testing
@testable import LLMTrace
@testable import LLMTraceGenAI

private struct StreamBroke: Error {}

/// Chunks of a fake streamed answer: `count` words, then (optionally) a failure.
private func chunks(_ count: Int, failing: Bool = false) -> AsyncThrowingStream<String, any Error> {
    AsyncThrowingStream { continuation in
        for i in 0..<count { continuation.yield("word\(i) ") }
        if failing { continuation.finish(throwing: StreamBroke()) } else { continuation.finish() }
    }
}

private func request() -> ChatRequest { ChatRequest(model: "gpt-4o-mini", provider: GenAI.providerOpenAI) }

private func chunkIntervals(_ provider: TracerProvider) throws -> Int {
    let points = try #require(provider.metrics).snapshot().filter { $0.name == GenAI.clientOperationTimePerOutputChunk }
    return points.reduce(0) { $0 + Int($1.count) }
}

@Suite struct ChatStreamTests {
    @Test func aFinishedStreamEndsItsSpanOnceWithTokensAndChunkTimes() async throws {
        let (genAI, provider, exporter) = makeGenAI()
        let stream = genAI.streamChat(request(), chunks: chunks(5), outputTokens: { _ in 2 }) { chunk in
            chunk == "word4 " ? ChatResponse(id: "resp-1", finishReasons: ["stop"]) : nil
        }
        var text = ""
        for try await chunk in stream { text += chunk }
        #expect(text.hasPrefix("word0 ") && stream.span.span.isEnded)
        provider.forceFlush()
        #expect(exporter.spans.count == 1)
        let span = try #require(exporter.spans.first)
        #expect(span.status == .unset && span.attributes[GenAI.requestStream] == true)
        #expect(span.attributes[GenAI.usageOutputTokens] == 10 && span.attributes[GenAI.responseID] == "resp-1")
        #expect(span.attributes[GenAI.responseTimeToFirstChunk] != nil)
        #expect(try chunkIntervals(provider) == 4, "one record per chunk after the first")
        provider.shutdown()
    }

    @Test func aFailingStreamRecordsTheErrorAndEndsTheSpan() async throws {
        let (genAI, provider, exporter) = makeGenAI()
        let stream = genAI.streamChat(request(), chunks: chunks(2, failing: true))
        await #expect(throws: StreamBroke.self) {
            for try await _ in stream {}
        }
        provider.forceFlush()
        let span = try #require(exporter.spans.first)
        #expect(exporter.spans.count == 1 && span.status.isError)
        #expect(span.attributes[OTelAttributes.errorType]?.description.hasSuffix("StreamBroke") == true)
        provider.shutdown()
    }

    @Test func aConsumerThatStopsEarlyEndsTheSpanAsCancelled() async throws {
        let (genAI, provider, exporter) = makeGenAI()
        let stream = genAI.streamChat(request(), chunks: chunks(10), outputTokens: { _ in 1 })
        for try await chunk in stream where chunk == "word2 " { break }
        #expect(stream.span.span.isEnded)
        provider.forceFlush()
        let span = try #require(exporter.spans.first)
        #expect(exporter.spans.count == 1 && span.status.isError)
        #expect(span.attributes[OTelAttributes.errorType] == "cancelled" && span.attributes[GenAI.usageOutputTokens] == 3)
        provider.shutdown()
    }

    @Test func aCancelledTaskEndsTheSpanAsCancelled() async throws {
        let (genAI, provider, exporter) = makeGenAI()
        let (endless, continuation) = AsyncStream.makeStream(of: String.self)
        continuation.yield("first ")
        let stream = genAI.streamChat(request(), chunks: endless)
        let (firstChunk, signal) = AsyncStream.makeStream(of: Void.self)
        let consumer = Task {
            for try await _ in stream { signal.yield() }
        }
        for await _ in firstChunk { break }
        consumer.cancel()
        _ = await consumer.result
        provider.forceFlush()
        let span = try #require(exporter.spans.first)
        #expect(exporter.spans.count == 1 && span.attributes[OTelAttributes.errorType] == "cancelled")
        continuation.finish()
        provider.shutdown()
    }

    @Test func aStreamInsideWithChatLeavesTheEndToIt() async throws {
        let (genAI, provider, exporter) = makeGenAI()
        let count = try await genAI.withChat(request()) { span in
            var count = 0
            for try await _ in span.stream(chunks(3)) { count += 1 }
            #expect(!span.span.isEnded)
            span.recordResponse(ChatResponse(finishReasons: ["stop"]))
            return count
        }
        provider.forceFlush()
        #expect(count == 3 && exporter.spans.count == 1)
        #expect(exporter.spans.first?.attributes[GenAI.responseFinishReasons] == .stringArray(["stop"]))
        provider.shutdown()
    }
}
