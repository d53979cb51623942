import LLMTrace
import Synchronization
internal import LLMTraceSupport

/// A span of LLM work, with the recording calls the GenAI conventions need. Get one from
/// `GenAITracer`; `span` is the underlying span for anything else.
public final class GenAISpan: Sendable {
    /// The underlying span.
    public let span: Span
    /// The model the request named, for pricing when the response names none.
    public let requestModel: String?
    let instrumentation: GenAITracer
    private let firstChunkRecorded = Atomic<Bool>(false)
    /// The request's attributes and content for the inference-details event, when content
    /// capture includes events.
    private let detailsEvent: Attributes?

    init(span: Span, requestModel: String?, instrumentation: GenAITracer, detailsEvent: Attributes? = nil) {
        self.span = span
        self.requestModel = requestModel
        self.instrumentation = instrumentation
        self.detailsEvent = detailsEvent
    }

    private var capturesContent: Bool { instrumentation.configuration.captureMessageContent }

    /// Records what a chat call returned: id, response model, finish reasons, usage and cost,
    /// and (with content capture on) the answer as `gen_ai.output.messages`.
    /// - Returns: the cost recorded, if the usage was given and the model has a price.
    @discardableResult
    public func recordResponse(_ response: ChatResponse) -> Double? {
        emitDetailsEvent(response)
        guard span.isRecording else { return nil }
        var attributes = Attributes()
        if let id = response.id { attributes[GenAI.responseID] = .string(id) }
        if let model = response.model { attributes[GenAI.responseModel] = .string(model) }
        if !response.finishReasons.isEmpty { attributes[GenAI.responseFinishReasons] = .stringArray(response.finishReasons) }
        span.setAttributes(attributes)
        let cost = response.usage.flatMap { recordUsage($0, model: response.model ?? requestModel) }
        if capturesContent, let text = response.text {
            let message = ChatMessage.text("assistant", text, finishReason: response.finishReasons.first ?? "stop")
            if let json = ContentJSON.messages([message], limit: instrumentation.contentLimit) {
                span.setAttribute(GenAI.outputMessages, json)
            }
        }
        return cost
    }

    /// With content capture in events: the `gen_ai.client.inference.operation.details` event of
    /// this call, under its span (sampled or not: events follow their own settings).
    private func emitDetailsEvent(_ response: ChatResponse) {
        guard var attributes = detailsEvent else { return }
        if let id = response.id { attributes[GenAI.responseID] = .string(id) }
        if let model = response.model { attributes[GenAI.responseModel] = .string(model) }
        if !response.finishReasons.isEmpty { attributes[GenAI.responseFinishReasons] = .stringArray(response.finishReasons) }
        if let usage = response.usage {
            attributes[GenAI.usageInputTokens] = .int(usage.inputTokens)
            attributes[GenAI.usageOutputTokens] = .int(usage.outputTokens)
        }
        if let text = response.text {
            let message = ChatMessage.text("assistant", text, finishReason: response.finishReasons.first ?? "stop")
            if let json = ContentJSON.messages([message], limit: instrumentation.contentLimit) { attributes[GenAI.outputMessages] = .string(json) }
        }
        instrumentation.tracer.emitEvent(GenAI.inferenceOperationDetailsEvent, attributes: attributes, context: span.context)
    }

    /// Records token counts and, when `model` has a price, `gen_ai.usage.cost` in USD. An unknown
    /// model gets no cost attribute (never a made-up 0) and one warning.
    /// - Returns: the cost recorded, if any.
    @discardableResult
    public func recordUsage(_ usage: TokenUsage, model: String? = nil) -> Double? {
        guard span.isRecording else { return nil }
        var attributes: Attributes = [
            GenAI.usageInputTokens: .int(usage.inputTokens),
            GenAI.usageOutputTokens: .int(usage.outputTokens),
        ]
        if usage.cacheReadInputTokens > 0 { attributes[GenAI.usageCacheReadInputTokens] = .int(usage.cacheReadInputTokens) }
        if usage.cacheCreationInputTokens > 0 { attributes[GenAI.usageCacheCreationInputTokens] = .int(usage.cacheCreationInputTokens) }
        if usage.reasoningOutputTokens > 0 { attributes[GenAI.usageReasoningOutputTokens] = .int(usage.reasoningOutputTokens) }
        var cost: Double?
        if let model = model ?? requestModel {
            cost = instrumentation.cost(of: usage, model: model)
            if let cost { attributes[GenAI.usageCost] = .double(cost) }
        }
        span.setAttributes(attributes)
        return cost
    }

    /// Records the arrival of the first streamed chunk as `gen_ai.response.time_to_first_chunk`
    /// (seconds since the span started). Only the first call counts.
    public func recordFirstChunk() {
        guard span.isRecording, !firstChunkRecorded.exchange(true, ordering: .relaxed) else { return }
        let elapsed = WallClock.nowUnixNano() &- min(span.startTimeUnixNano, WallClock.nowUnixNano())
        span.setAttribute(GenAI.responseTimeToFirstChunk, Double(elapsed) / 1e9)
    }

    /// Records the documents a retrieval returned: their count always, ids and scores (as
    /// `gen_ai.retrieval.documents`) only with content capture on.
    public func recordDocuments(_ documents: [(id: String, score: Double)]) {
        guard span.isRecording else { return }
        span.setAttribute(LLMTraceAttributes.ragRetrievalDocumentCount, documents.count)
        if capturesContent, let json = ContentJSON.documents(documents, limit: instrumentation.contentLimit) {
            span.setAttribute(GenAI.retrievalDocuments, json)
        }
    }

    /// Records what a rerank kept: the count always, ids and scores (`rag.rerank.documents`)
    /// only with content capture on.
    public func recordRerankedDocuments(_ documents: [(id: String, score: Double)]) {
        guard span.isRecording else { return }
        span.setAttribute(LLMTraceAttributes.ragRerankOutputDocumentsCount, documents.count)
        if capturesContent, let json = ContentJSON.documents(documents, limit: instrumentation.contentLimit) {
            span.setAttribute(LLMTraceAttributes.ragRerankDocuments, json)
        }
    }

    /// Records a tool's result (JSON or text) as `gen_ai.tool.call.result`, only with content
    /// capture on.
    public func recordToolResult(_ result: String) {
        guard span.isRecording, capturesContent else { return }
        span.setAttribute(GenAI.toolCallResult, ContentJSON.text(result, limit: instrumentation.contentLimit))
    }

    /// Records the SHA-256 of the normalized question (`llmtrace.question.sha256`), never its text.
    public func recordQuestionHash(_ question: String) {
        guard span.isRecording else { return }
        span.setAttribute(LLMTraceAttributes.questionSHA256, QuestionHash.sha256(question))
    }

    /// Records an evaluation of this span's result as a `gen_ai.evaluation.result` event: a log
    /// record parented to this span (exported with the provider's log settings), and the same
    /// attributes as a span event, so a traces-only back end such as Jaeger shows it too.
    public func recordEvaluation(name: String, score: Double? = nil, label: String? = nil, explanation: String? = nil) {
        var attributes: Attributes = [GenAI.evaluationName: .string(name)]
        if let score { attributes[GenAI.evaluationScoreValue] = .double(score) }
        if let label { attributes[GenAI.evaluationScoreLabel] = .string(label) }
        if let explanation { attributes[GenAI.evaluationExplanation] = .string(explanation) }
        if let id = span.attributes[GenAI.responseID] { attributes[GenAI.responseID] = id }
        instrumentation.tracer.emitEvent(GenAI.evaluationResultEvent, attributes: attributes, context: span.context)
        span.addEvent(GenAI.evaluationResultEvent, attributes: attributes)
    }

    /// Records a failure: status error, an `exception` event, and `error.type` (the error's
    /// `ErrorTypeProviding.errorType`, else `errorType`, else its type name).
    public func recordError(_ error: any Error, errorType: String? = nil) {
        span.recordError(error, errorType: errorType)
    }

    /// Ends the span (only the first call counts).
    public func end() { span.end() }
}
