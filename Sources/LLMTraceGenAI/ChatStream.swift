import LLMTrace
internal import LLMTraceSupport

/// A streamed model response that records itself on its chat span: time to the first chunk,
/// the time between later chunks (`gen_ai.client.operation.time_per_output_chunk`), output
/// tokens, and how the stream ended.
///
/// Made by `GenAITracer.streamChat(_:chunks:outputTokens:response:)`, it owns its span and ends
/// it exactly once: when the stream finishes, throws, is cancelled, or the consumer stops
/// reading early (then the span's status is an error with `error.type` `cancelled`). Made by
/// `GenAISpan.stream(_:outputTokens:response:)` inside a span you end yourself (`withChat`), it
/// records the same, and leaves the end to you.
///
/// ```swift
/// let stream = genAI.streamChat(request, chunks: client.stream(request), outputTokens: { $0.tokens }, response: { chunk in
///     chunk.usage.map { ChatResponse(id: chunk.id, finishReasons: [chunk.finishReason ?? "stop"], usage: $0) }
/// })
/// for try await chunk in stream { print(chunk.text, terminator: "") }
/// ```
public struct ChatStream<Base: AsyncSequence>: AsyncSequence {
    public typealias Element = Base.Element

    /// The chat span the stream records on.
    public let span: GenAISpan
    private let base: Base
    private let ownsSpan: Bool
    private let outputTokens: ((Element) -> Int)?
    private let response: ((Element) -> ChatResponse?)?

    init(base: Base, span: GenAISpan, ownsSpan: Bool, outputTokens: ((Element) -> Int)?, response: ((Element) -> ChatResponse?)?) {
        self.base = base
        self.span = span
        self.ownsSpan = ownsSpan
        self.outputTokens = outputTokens
        self.response = response
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(base: base.makeAsyncIterator(), recorder: Recorder(span: span, ownsSpan: ownsSpan), outputTokens: outputTokens, response: response)
    }

    /// Reads the base stream and records each chunk.
    public struct Iterator: AsyncIteratorProtocol {
        private var base: Base.AsyncIterator
        private let recorder: Recorder
        private let outputTokens: ((Element) -> Int)?
        private let response: ((Element) -> ChatResponse?)?

        init(base: Base.AsyncIterator, recorder: Recorder, outputTokens: ((Element) -> Int)?, response: ((Element) -> ChatResponse?)?) {
            self.base = base
            self.recorder = recorder
            self.outputTokens = outputTokens
            self.response = response
        }

        public mutating func next() async throws -> Element? {
            guard !recorder.isFinished else { return nil }
            let chunk: Element?
            do {
                chunk = try await base.next()
            } catch {
                recorder.finish(error is CancellationError ? .cancelled : .failed(error))
                throw error
            }
            guard let chunk else {
                recorder.finish(Task.isCancelled ? .cancelled : .completed)
                return nil
            }
            recorder.chunk(tokens: outputTokens?(chunk), response: response?(chunk))
            return chunk
        }
    }

    /// The state of one iteration; its `deinit` is how an early stop is seen.
    final class Recorder {
        enum Ending {
            case completed
            case cancelled
            case failed(any Error)
        }

        let span: GenAISpan
        let ownsSpan: Bool
        private(set) var isFinished = false
        private var lastChunkNanos: UInt64?
        private var tokens = 0
        private var countsTokens = false
        private var recordedUsage = false
        private let series: (operation: String, provider: String, model: String)

        init(span: GenAISpan, ownsSpan: Bool) {
            self.span = span
            self.ownsSpan = ownsSpan
            func text(_ key: String) -> String {
                if case .string(let value)? = span.span.attributes[key] { return value }
                return ""
            }
            series = (text(GenAI.operationName), text(GenAI.providerName), text(GenAI.requestModel))
        }

        func chunk(tokens chunkTokens: Int?, response: ChatResponse?) {
            let now = WallClock.monotonicNanos()
            if let last = lastChunkNanos {
                span.instrumentation.tracer.recordTimePerOutputChunk(Double(now &- last) / 1e9, operation: series.operation, provider: series.provider, model: series.model)
            } else {
                span.recordFirstChunk()
            }
            lastChunkNanos = now
            if let chunkTokens {
                countsTokens = true
                tokens += Swift.max(0, chunkTokens)
            }
            if let response {
                span.recordResponse(response)
                if response.usage != nil { recordedUsage = true }
            }
        }

        func finish(_ ending: Ending) {
            guard !isFinished else { return }
            isFinished = true
            if countsTokens, !recordedUsage { span.span.setAttribute(GenAI.usageOutputTokens, tokens) }
            switch ending {
            case .completed:
                break
            case .cancelled:
                span.span.setAttribute(OTelAttributes.errorType, ChatStreamCancelled.errorType)
                span.span.setStatus(.error(description: "the stream was cancelled before its end"))
            case .failed(let error):
                span.recordError(error)
            }
            if ownsSpan { span.end() }
        }

        deinit {
            finish(.cancelled)
        }
    }
}

/// The `error.type` of a stream that stopped before its end.
enum ChatStreamCancelled {
    static let errorType = "cancelled"
}

extension GenAITracer {
    /// Starts a streaming chat span (`gen_ai.request.stream` true) for `request` and returns
    /// `chunks` wrapped to record on it; iterating the result ends the span (see `ChatStream`).
    /// - Parameters:
    ///   - request: The call's attributes; `stream` is set to true.
    ///   - chunks: The provider's stream of chunks.
    ///   - outputTokens: The output tokens of a chunk, summed into `gen_ai.usage.output_tokens`
    ///     unless a response with usage is recorded.
    ///   - response: What a chunk says of the whole response (id, model, finish reason, usage),
    ///     usually only the last one; `nil` for the others.
    public func streamChat<Base: AsyncSequence>(_ request: ChatRequest, chunks: Base, outputTokens: ((Base.Element) -> Int)? = nil, response: ((Base.Element) -> ChatResponse?)? = nil) -> ChatStream<Base> {
        var request = request
        request.stream = true
        return ChatStream(base: chunks, span: startChat(request), ownsSpan: true, outputTokens: outputTokens, response: response)
    }
}

extension GenAISpan {
    /// `chunks` wrapped to record on this span, which you end (see `ChatStream`).
    public func stream<Base: AsyncSequence>(_ chunks: Base, outputTokens: ((Base.Element) -> Int)? = nil, response: ((Base.Element) -> ChatResponse?)? = nil) -> ChatStream<Base> {
        ChatStream(base: chunks, span: self, ownsSpan: false, outputTokens: outputTokens, response: response)
    }
}
