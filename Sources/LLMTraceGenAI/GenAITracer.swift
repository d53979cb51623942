import LLMTrace
import Logging
internal import LLMTraceSupport

/// Starts spans for LLM work, named and kinded by the GenAI conventions, and records what the
/// calls return: tokens, cost, finish reasons, errors, and (opt-in) content.
///
/// ```swift
/// let genAI = GenAITracer(tracer: provider.tracer("my-app"), configuration: GenAIConfiguration(environment: env))
/// let answer = try await genAI.withWorkflow("rag_pipeline", question: question) { _ in
///     let passages = try await genAI.withRetrieval(dataSource: "kb-docs", query: question, topK: 20) { span in
///         let hits = index.search(question)
///         span.recordDocuments(hits.map { ($0.id, $0.score) })
///         return hits
///     }
///     return try await genAI.withChat(ChatRequest(model: "gpt-4o-mini", provider: GenAI.providerOpenAI)) { span in
///         let response = try await client.complete(...)
///         span.recordResponse(ChatResponse(model: response.model, finishReasons: ["stop"], usage: response.usage))
///         return response.text
///     }
/// }
/// ```
public struct GenAITracer: Sendable {
    /// The tracer spans are started on.
    public let tracer: Tracer
    /// Capture, limits and prices.
    public let configuration: GenAIConfiguration
    let unknownModels: UnknownModelLog

    /// Creates the instrumentation; the configuration's warnings are logged once, here.
    public init(tracer: Tracer, configuration: GenAIConfiguration = GenAIConfiguration(), logger: Logger = Logger(label: "llmtrace.genai")) {
        self.tracer = tracer
        self.configuration = configuration
        self.unknownModels = UnknownModelLog(logger: logger)
        for warning in configuration.warnings { logger.warning("\(warning)") }
    }

    /// The limit captured content must fit: ours, or the span's value length limit if smaller.
    var contentLimit: Int {
        min(configuration.maxContentLength, tracer.spanLimits.attributeValueLengthLimit ?? .max)
    }

    // MARK: Starting spans

    /// Starts an `invoke_workflow {name}` span (INTERNAL): the root of a pipeline run, shaped as
    /// the conventions' (v0.1.0) in-process `invoke_agent` span: `gen_ai.agent.name` is `name`,
    /// and its duration goes to `gen_ai.invoke_agent.duration`.
    /// - Parameters:
    ///   - name: The workflow's name (`rag_pipeline`), low-cardinality.
    ///   - question: The user's question: its hash is always recorded
    ///     (`llmtrace.question.sha256`), the text never.
    ///   - parent: The parent; by default the current span.
    public func startWorkflow(_ name: String, question: String? = nil, parent: SpanParent = .current) -> GenAISpan {
        var attributes: Attributes = [
            GenAI.operationName: .string(GenAI.operationInvokeWorkflow),
            GenAI.agentName: .string(name),
            LLMTraceAttributes.ragStep: .string(name),
        ]
        if let question { attributes[LLMTraceAttributes.questionSHA256] = .string(QuestionHash.sha256(question)) }
        return start("\(GenAI.operationInvokeWorkflow) \(name)", kind: .internal, parent: parent, attributes: attributes, model: nil)
    }

    /// Starts a `retrieval {dataSource}` span (CLIENT for a remote store, INTERNAL for an
    /// in-process index). The query text is recorded only with content capture on.
    public func startRetrieval(dataSource: String?, query: String? = nil, topK: Int? = nil, provider: String? = nil, model: String? = nil, kind: SpanKind = .client) -> GenAISpan {
        var attributes: Attributes = [GenAI.operationName: .string(GenAI.operationRetrieval), LLMTraceAttributes.ragStep: "retrieval"]
        if let dataSource { attributes[GenAI.dataSourceID] = .string(dataSource) }
        if let provider { attributes[GenAI.providerName] = .string(provider) }
        if let model { attributes[GenAI.requestModel] = .string(model) }
        if let topK { attributes[GenAI.retrievalTopK] = .int(topK) }
        if configuration.captureMessageContent, let query {
            attributes[GenAI.retrievalQueryText] = .string(ContentJSON.text(query, limit: contentLimit))
        }
        return start(Self.name(GenAI.operationRetrieval, dataSource), kind: kind, parent: .current, attributes: attributes, model: model)
    }

    /// Starts a `rerank {model}` span. Reranking has no standard operation: LLMTrace uses
    /// `gen_ai.operation.name=rerank`, the proposed `gen_ai.rerank.top_n` for `topK`, and
    /// `rag.rerank.*` counts (see the README).
    public func startRerank(model: String?, provider: String? = nil, topK: Int? = nil, inputCount: Int? = nil, kind: SpanKind = .internal) -> GenAISpan {
        var attributes: Attributes = [GenAI.operationName: .string(GenAI.operationRerank), LLMTraceAttributes.ragStep: "reranking"]
        if let provider { attributes[GenAI.providerName] = .string(provider) }
        if let model { attributes[GenAI.requestModel] = .string(model) }
        if let topK { attributes[GenAI.rerankTopN] = .int(topK) }
        if let inputCount { attributes[LLMTraceAttributes.ragRerankInputDocumentsCount] = .int(inputCount) }
        return start(Self.name(GenAI.operationRerank, model), kind: kind, parent: .current, attributes: attributes, model: model)
    }

    /// Starts an `embeddings {model}` span (CLIENT).
    public func startEmbeddings(model: String, provider: String, serverAddress: String? = nil, serverPort: Int? = nil) -> GenAISpan {
        var attributes: Attributes = [
            GenAI.operationName: .string(GenAI.operationEmbeddings),
            GenAI.providerName: .string(provider),
            GenAI.requestModel: .string(model),
        ]
        Self.addServer(serverAddress, serverPort, to: &attributes)
        return start(Self.name(GenAI.operationEmbeddings, model), kind: .client, parent: .current, attributes: attributes, model: model)
    }

    /// Starts a `chat {model}` span (CLIENT) with the request's attributes; the messages are
    /// recorded only with content capture on.
    public func startChat(_ request: ChatRequest) -> GenAISpan {
        var attributes: Attributes = [
            GenAI.operationName: .string(request.operation),
            GenAI.providerName: .string(request.provider),
            GenAI.requestModel: .string(request.model),
            LLMTraceAttributes.ragStep: "generation",
        ]
        Self.addServer(request.serverAddress, request.serverPort, to: &attributes)
        if let value = request.temperature { attributes[GenAI.requestTemperature] = .double(value) }
        if let value = request.topP { attributes[GenAI.requestTopP] = .double(value) }
        if let value = request.topK { attributes[GenAI.requestTopK] = .int(value) }
        if let value = request.maxTokens { attributes[GenAI.requestMaxTokens] = .int(value) }
        if request.stream { attributes[GenAI.requestStream] = true }
        if let value = request.conversationID { attributes[GenAI.conversationID] = .string(value) }
        var content = Attributes()
        if configuration.contentCapture != .noContent {
            if !request.messages.isEmpty, let json = ContentJSON.messages(request.messages, limit: contentLimit) {
                content[GenAI.inputMessages] = .string(json)
            }
            if let instructions = request.systemInstructions, let json = ContentJSON.parts([.text(instructions)], limit: contentLimit) {
                content[GenAI.systemInstructions] = .string(json)
            }
        }
        if configuration.contentCapture.onSpans {
            for attribute in content { attributes[attribute.key] = attribute.value }
        }
        // The event, sent when the response is recorded, repeats the request's attributes.
        let event = configuration.contentCapture.onEvents ? Attributes(Array(attributes) + Array(content)) : nil
        return start(Self.name(request.operation, request.model), kind: .client, parent: .current, attributes: attributes, model: request.model, detailsEvent: event)
    }

    /// Starts an `invoke_agent {name}` span: INTERNAL for an agent run in this process (no
    /// `gen_ai.agent.id`, as the conventions ask), CLIENT for a call to a remote agent service.
    /// Its duration goes to `gen_ai.invoke_agent.duration`.
    public func startInvokeAgent(_ name: String, id: String? = nil, description: String? = nil, provider: String? = nil, model: String? = nil, kind: SpanKind = .internal) -> GenAISpan {
        var attributes: Attributes = [GenAI.operationName: .string(GenAI.operationInvokeAgent), GenAI.agentName: .string(name)]
        if kind != .internal, let id { attributes[GenAI.agentID] = .string(id) }
        if let description { attributes[GenAI.agentDescription] = .string(description) }
        if let provider { attributes[GenAI.providerName] = .string(provider) }
        if let model { attributes[GenAI.requestModel] = .string(model) }
        return start(Self.name(GenAI.operationInvokeAgent, name), kind: kind, parent: .current, attributes: attributes, model: model)
    }

    /// Starts a `create_agent {name}` span (CLIENT): an agent made on a remote service.
    public func startCreateAgent(_ name: String, id: String? = nil, description: String? = nil, provider: String, model: String? = nil) -> GenAISpan {
        var attributes: Attributes = [
            GenAI.operationName: .string(GenAI.operationCreateAgent),
            GenAI.agentName: .string(name),
            GenAI.providerName: .string(provider),
        ]
        if let id { attributes[GenAI.agentID] = .string(id) }
        if let description { attributes[GenAI.agentDescription] = .string(description) }
        if let model { attributes[GenAI.requestModel] = .string(model) }
        return start(Self.name(GenAI.operationCreateAgent, name), kind: .client, parent: .current, attributes: attributes, model: model)
    }

    /// Starts an `execute_tool {name}` span (INTERNAL): a tool call a model asked for. The
    /// arguments (JSON text) are recorded only with content capture on; record the result
    /// with `GenAISpan.recordToolResult`. Its duration goes to `gen_ai.execute_tool.duration`.
    /// - Parameters:
    ///   - name: The tool's name (`gen_ai.tool.name`), e.g. `calculator`.
    ///   - callID: The model's id for this call (`gen_ai.tool.call.id`).
    ///   - type: `function` (default), `extension` or `datastore`.
    ///   - description: What the tool does (`gen_ai.tool.description`).
    ///   - arguments: The call's arguments as the model sent them (JSON text).
    public func startExecuteTool(_ name: String, callID: String? = nil, type: String = "function", description: String? = nil, arguments: String? = nil) -> GenAISpan {
        var attributes: Attributes = [
            GenAI.operationName: .string(GenAI.operationExecuteTool),
            GenAI.toolName: .string(name),
            GenAI.toolType: .string(type),
        ]
        if let callID { attributes[GenAI.toolCallID] = .string(callID) }
        if let description { attributes[GenAI.toolDescription] = .string(description) }
        if configuration.captureMessageContent, let arguments {
            attributes[GenAI.toolCallArguments] = .string(ContentJSON.text(arguments, limit: contentLimit))
        }
        return start(Self.name(GenAI.operationExecuteTool, name), kind: .internal, parent: .current, attributes: attributes, model: nil)
    }

    // MARK: Running work in spans

    /// Runs `body` in a workflow span (see `startWorkflow`); a thrown error is recorded and rethrown.
    @discardableResult
    public func withWorkflow<R>(_ name: String, question: String? = nil, isolation: isolated (any Actor)? = #isolation, _ body: (GenAISpan) async throws -> R) async rethrows -> R {
        try await run(startWorkflow(name, question: question), isolation: isolation, body)
    }

    /// Runs `body` in a retrieval span (see `startRetrieval`).
    @discardableResult
    public func withRetrieval<R>(dataSource: String?, query: String? = nil, topK: Int? = nil, provider: String? = nil, model: String? = nil, kind: SpanKind = .client, isolation: isolated (any Actor)? = #isolation, _ body: (GenAISpan) async throws -> R) async rethrows -> R {
        try await run(startRetrieval(dataSource: dataSource, query: query, topK: topK, provider: provider, model: model, kind: kind), isolation: isolation, body)
    }

    /// Runs `body` in a rerank span (see `startRerank`).
    @discardableResult
    public func withRerank<R>(model: String?, provider: String? = nil, topK: Int? = nil, inputCount: Int? = nil, kind: SpanKind = .internal, isolation: isolated (any Actor)? = #isolation, _ body: (GenAISpan) async throws -> R) async rethrows -> R {
        try await run(startRerank(model: model, provider: provider, topK: topK, inputCount: inputCount, kind: kind), isolation: isolation, body)
    }

    /// Runs `body` in an embeddings span (see `startEmbeddings`).
    @discardableResult
    public func withEmbeddings<R>(model: String, provider: String, serverAddress: String? = nil, serverPort: Int? = nil, isolation: isolated (any Actor)? = #isolation, _ body: (GenAISpan) async throws -> R) async rethrows -> R {
        try await run(startEmbeddings(model: model, provider: provider, serverAddress: serverAddress, serverPort: serverPort), isolation: isolation, body)
    }

    /// Runs `body` in an agent span (see `startInvokeAgent`).
    @discardableResult
    public func withInvokeAgent<R>(_ name: String, id: String? = nil, description: String? = nil, provider: String? = nil, model: String? = nil, kind: SpanKind = .internal, isolation: isolated (any Actor)? = #isolation, _ body: (GenAISpan) async throws -> R) async rethrows -> R {
        try await run(startInvokeAgent(name, id: id, description: description, provider: provider, model: model, kind: kind), isolation: isolation, body)
    }

    /// Runs `body` in a tool span (see `startExecuteTool`).
    @discardableResult
    public func withExecuteTool<R>(_ name: String, callID: String? = nil, type: String = "function", description: String? = nil, arguments: String? = nil, isolation: isolated (any Actor)? = #isolation, _ body: (GenAISpan) async throws -> R) async rethrows -> R {
        try await run(startExecuteTool(name, callID: callID, type: type, description: description, arguments: arguments), isolation: isolation, body)
    }

    /// Runs `body` in a chat span (see `startChat`).
    @discardableResult
    public func withChat<R>(_ request: ChatRequest, isolation: isolated (any Actor)? = #isolation, _ body: (GenAISpan) async throws -> R) async rethrows -> R {
        try await run(startChat(request), isolation: isolation, body)
    }

    private func run<R>(_ span: GenAISpan, isolation: isolated (any Actor)?, _ body: (GenAISpan) async throws -> R) async rethrows -> R {
        defer { span.end() }
        do {
            return try await TraceContext.withSpan(span.span, isolation: isolation) { try await body(span) }
        } catch {
            span.recordError(error)
            throw error
        }
    }

    // MARK: Helpers

    private func start(_ name: String, kind: SpanKind, parent: SpanParent, attributes: Attributes, model: String?, detailsEvent: Attributes? = nil) -> GenAISpan {
        GenAISpan(span: tracer.startSpan(name, kind: kind, parent: parent, attributes: attributes), requestModel: model, instrumentation: self, detailsEvent: detailsEvent)
    }

    /// `{operation} {suffix}`, or the operation alone when the suffix is unknown.
    private static func name(_ operation: String, _ suffix: String?) -> String {
        guard let suffix, !suffix.isEmpty else { return operation }
        return "\(operation) \(suffix)"
    }

    private static func addServer(_ address: String?, _ port: Int?, to attributes: inout Attributes) {
        guard let address else { return }
        attributes[OTelAttributes.serverAddress] = .string(address)
        if let port { attributes[OTelAttributes.serverPort] = .int(port) }
    }

    /// The cost of `usage` on `model` in USD from the pricing table, or `nil` (and one warning
    /// per model) if it has no price: what `GenAISpan.recordUsage` writes, for apps that also
    /// keep their own totals.
    public func cost(of usage: TokenUsage, model: String) -> Double? {
        guard let price = configuration.pricing.price(for: model) else {
            unknownModels.warnOnce(model)
            return nil
        }
        return price.cost(of: usage)
    }
}
