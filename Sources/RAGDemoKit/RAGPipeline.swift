import LLMTrace
import LLMTraceGenAI
import Logging
internal import LLMTraceSupport

/// The RAG pipeline: retrieval (BM25) → reranking (proximity scorer) → generation, each step a
/// span under one `invoke_workflow rag_pipeline` root.
public struct RAGPipeline: Sendable {
    /// `gen_ai.data_source.id` of the retrieval span.
    public static let dataSource = "llmtrace-docs"
    static let systemInstructions = "Answer the question from the numbered context passages only. Cite the document ids in brackets. If the passages do not answer it, say so."

    let genAI: GenAITracer
    let index: BM25Index
    let reranker = ProximityReranker()
    let generator: any AnswerGenerator
    /// The model asked for (`gen_ai.request.model`).
    public var model: String
    let failures: FailurePlan
    /// Multiplies simulated delays (failures included); 0 for instant runs.
    let latencyScale: Double
    var retrievalDepth = 20
    var contextSize = 4
    /// Where the pipeline logs one line per question (never the question's text); `nil` for none.
    public var logger: Logger?
    /// Generation runs as an agent (`invoke_agent rag_agent`): for every other question a
    /// planning call asks for the `lookup_document` tool, which fetches the best passage's whole
    /// document, before the answering call; deterministic for a question number.
    public var agent = false

    /// A pipeline over `index` that generates with `generator`.
    /// - Parameters:
    ///   - genAI: Starts the pipeline's spans.
    ///   - index: The retrieval index.
    ///   - generator: Writes the answers.
    ///   - model: The model asked for (`gen_ai.request.model`).
    ///   - failures: Which questions fail on purpose (`FailurePlan.none` for none).
    ///   - latencyScale: Multiplies the simulated failures' delays; 0 for instant runs.
    public init(genAI: GenAITracer, index: BM25Index, generator: any AnswerGenerator, model: String, failures: FailurePlan = .none, latencyScale: Double = 1) {
        self.genAI = genAI
        self.index = index
        self.generator = generator
        self.model = model
        self.failures = failures
        self.latencyScale = latencyScale
    }

    /// Answers question number `index` (which `FailurePlan` reads) under a new workflow span,
    /// the child of the current span if there is one; never throws: a failure is part of the
    /// outcome.
    public func answer(_ question: String, index questionIndex: Int) async -> QuestionOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        var outcome = QuestionOutcome(question: question, latency: .zero, traceID: .invalid)
        do {
            let result = try await genAI.withWorkflow("rag_pipeline", question: question) { root in
                outcome.traceID = root.span.context.traceID
                // Logged inside the workflow span, so each line carries the question's trace.
                do {
                    let result = try await run(question, index: questionIndex)
                    var metadata: Logger.Metadata = [
                        "gen_ai.response.model": "\(result.model)", "gen_ai.usage.input_tokens": "\(result.usage.inputTokens)",
                        "gen_ai.usage.output_tokens": "\(result.usage.outputTokens)",
                    ]
                    if let cost = result.cost { metadata["gen_ai.usage.cost"] = "\(cost)" }
                    logger?.info("answered", metadata: metadata)
                    return result
                } catch {
                    logger?.warning("generation failed", metadata: [
                        "error.type": "\((error as? any ErrorTypeProviding)?.errorType ?? OTelAttributes.errorTypeOther)",
                        "error.message": "\(error)",
                    ])
                    throw error
                }
            }
            outcome.answer = result.text
            outcome.usage = result.usage
            outcome.responseModel = result.model
            outcome.cost = result.cost
            outcome.modelCalls = result.modelCalls
        } catch {
            outcome.errorType = (error as? any ErrorTypeProviding)?.errorType ?? OTelAttributes.errorTypeOther
            outcome.errorMessage = String(describing: error)
        }
        outcome.latency = clock.now - start
        return outcome
    }

    private func run(_ question: String, index questionIndex: Int) async throws -> (text: String, usage: TokenUsage, model: String, cost: Double?, modelCalls: Int) {
        let hits = await genAI.withRetrieval(dataSource: Self.dataSource, query: question, topK: retrievalDepth, provider: LocalGenerator.providerName, kind: .internal) { span in
            let hits = index.search(question, limit: retrievalDepth)
            span.recordDocuments(hits.map { (id: $0.document.id, score: $0.score) })
            return hits
        }
        let passages = await genAI.withRerank(model: ProximityReranker.modelName, provider: LocalGenerator.providerName, topK: contextSize, inputCount: hits.count) { span in
            let top = reranker.rerank(question, candidates: hits, keep: contextSize)
            span.recordRerankedDocuments(top.map { (id: $0.document.id, score: $0.score) })
            return top
        }

        let context = passages.map { "[\($0.document.id)] \($0.document.title). \($0.document.text)" }.joined(separator: "\n")
        let messages: [ChatMessage] = [
            .text("system", Self.systemInstructions),
            .text("user", "Context:\n" + context),
            .text("user", question),
        ]
        guard agent else { return try await generate(messages, passages: passages, index: questionIndex) }
        return try await genAI.withInvokeAgent(Self.agentName, description: "Answers from the documentation, looking documents up when it needs more", provider: generator.provider, model: model) { _ in
            var messages = messages
            var planned: (usage: TokenUsage, cost: Double?)?
            // A question bound to fail fails at its answering call, so it is not planned: every
            // billed call belongs to an answered question, as the run's summary counts them.
            if questionIndex % 2 == 0, failures.failure(forQuestion: questionIndex) == nil, let best = passages.first?.document {
                planned = try await planToolCall(messages, document: best, index: questionIndex)
                let arguments = #"{"id":"\#(best.id)"}"#
                let text = await genAI.withExecuteTool(LookupTool.name, callID: "call_\(questionIndex)", description: LookupTool.description, arguments: arguments) { span in
                    let text = LookupTool.lookup(best.id)
                    span.recordToolResult(text)
                    return text
                }
                // Before the question, which stays the last message the generator reads.
                messages.insert(.text("tool", text), at: messages.count - 1)
            }
            var result = try await generate(messages, passages: passages, index: questionIndex)
            if let planned {
                result.usage = TokenUsage(inputTokens: result.usage.inputTokens + planned.usage.inputTokens, outputTokens: result.usage.outputTokens + planned.usage.outputTokens)
                result.cost = result.cost.map { $0 + (planned.cost ?? 0) }
                result.modelCalls += 1
            }
            return result
        }
    }

    /// The agent's name (`gen_ai.agent.name`) with `agent` on.
    public static let agentName = "rag_agent"

    /// The planning call of an agent run: the model answers with a tool call, not text.
    private func planToolCall(_ messages: [ChatMessage], document: Document, index questionIndex: Int) async throws -> (usage: TokenUsage, cost: Double?) {
        var request = ChatRequest(model: model, provider: LocalGenerator.providerName, messages: messages)
        request.temperature = OpenAIChatCompletions.temperature
        return await genAI.withChat(request) { span in
            let prompt = messages.flatMap(\.parts).map { part -> String in
                if case .text(let text) = part { return text }
                return ""
            }.joined(separator: "\n")
            let usage = TokenUsage(inputTokens: Text.tokenCount(prompt), outputTokens: Text.tokenCount(#"lookup_document {"id":"\#(document.id)"}"#))
            span.recordResponse(ChatResponse(id: "local-plan-\(questionIndex)", model: model, finishReasons: ["tool_calls"], usage: usage))
            return (usage, genAI.cost(of: usage, model: model))
        }
    }

    private func generate(_ messages: [ChatMessage], passages: [ProximityReranker.Scored], index questionIndex: Int) async throws -> (text: String, usage: TokenUsage, model: String, cost: Double?, modelCalls: Int) {
        var request = ChatRequest(model: model, provider: generator.provider, messages: messages)
        request.temperature = OpenAIChatCompletions.temperature
        request.maxTokens = OpenAIChatCompletions.maxTokens
        request.stream = generator is LocalGenerator
        request.serverAddress = generator.server?.address
        request.serverPort = generator.server?.port
        return try await genAI.withChat(request) { span in
            if let failure = failures.failure(forQuestion: questionIndex) {
                if latencyScale > 0 {
                    let wait: Duration
                    if case .timeout = failure { wait = failures.timeout } else { wait = .milliseconds(80) }
                    try await Task.sleep(for: wait * latencyScale)
                }
                // The simulated provider refused or never started the call: nothing was billed,
                // and the span says so rather than leaving the counts out.
                span.recordUsage(TokenUsage(inputTokens: 0, outputTokens: 0))
                throw failure
            }
            let generation = try await generator.generate(messages: messages, model: model, span: span)
            span.recordResponse(ChatResponse(
                id: generation.responseID, model: generation.responseModel, finishReasons: [generation.finishReason],
                usage: generation.usage, text: generation.text
            ))
            let citations = CitationCheck.evaluate(answer: generation.text, passageIDs: Set(passages.map(\.document.id)))
            span.recordEvaluation(name: CitationCheck.name, score: citations.score, label: citations.label)
            let grounded = Groundedness.evaluate(answer: generation.text, passages: passages.map { "\($0.document.title). \($0.document.text)" })
            span.recordEvaluation(name: Groundedness.name, score: grounded.score, label: grounded.label)
            // Counted apart from the span, so the summary is right even for unrecorded spans.
            return (generation.text, generation.usage, generation.responseModel, genAI.cost(of: generation.usage, model: generation.responseModel), 1)
        }
    }
}
