/// Attribute keys, values and metric names of the OpenTelemetry GenAI semantic conventions
/// (v1.41, stability Development).
///
/// Each name mirrors the dotted key in lowerCamelCase (`gen_ai.usage.input_tokens` is
/// `usageInputTokens`); a value of a key is named after the key's last part (`operationChat`
/// is a value of `gen_ai.operation.name`). This is the one home of these strings: the LLM
/// metrics, the sampling rules and `LLMTraceGenAI` all read them from here.
public enum GenAI {
    /// `gen_ai.operation.name` (string): what kind of call. Set at start.
    public static let operationName = "gen_ai.operation.name"
    /// `gen_ai.provider.name` (string): whose API. Set at start.
    public static let providerName = "gen_ai.provider.name"
    /// `gen_ai.conversation.id` (string): the conversation or session the call belongs to.
    public static let conversationID = "gen_ai.conversation.id"
    /// `gen_ai.system_instructions` (JSON string, opt-in content): instructions given apart from the chat history.
    public static let systemInstructions = "gen_ai.system_instructions"

    // MARK: Values of gen_ai.operation.name

    /// A chat completion.
    public static let operationChat = "chat"
    /// A legacy text completion.
    public static let operationTextCompletion = "text_completion"
    /// Multimodal generation (Gemini style).
    public static let operationGenerateContent = "generate_content"
    /// An embeddings request.
    public static let operationEmbeddings = "embeddings"
    /// A search of a document store or vector index.
    public static let operationRetrieval = "retrieval"
    /// A tool or function run.
    public static let operationExecuteTool = "execute_tool"
    /// An agent run.
    public static let operationInvokeAgent = "invoke_agent"
    /// Orchestration of several steps or agents, such as a RAG pipeline.
    public static let operationInvokeWorkflow = "invoke_workflow"
    /// Reranking of retrieved documents. Not a standard value (the conventions define none);
    /// the enum is open and several projects use `rerank`.
    public static let operationRerank = "rerank"
    /// The operations that are model calls: the LLM metrics count these.
    public static let modelCallOperations: Set<String> = [operationChat, operationTextCompletion, operationGenerateContent, operationEmbeddings]

    // MARK: Well-known values of gen_ai.provider.name (any other string is allowed)

    /// OpenAI.
    public static let providerOpenAI = "openai"
    /// Anthropic.
    public static let providerAnthropic = "anthropic"
    /// AWS Bedrock.
    public static let providerAWSBedrock = "aws.bedrock"
    /// Azure AI OpenAI.
    public static let providerAzureAIOpenAI = "azure.ai.openai"
    /// Google Gemini.
    public static let providerGCPGemini = "gcp.gemini"
    /// Google Vertex AI.
    public static let providerGCPVertexAI = "gcp.vertex_ai"
    /// Cohere.
    public static let providerCohere = "cohere"
    /// Mistral AI.
    public static let providerMistralAI = "mistral_ai"
    /// Groq.
    public static let providerGroq = "groq"
    /// DeepSeek.
    public static let providerDeepseek = "deepseek"

    // MARK: gen_ai.request.*

    /// `gen_ai.request.model` (string): the model asked for. Set at start.
    public static let requestModel = "gen_ai.request.model"
    /// `gen_ai.request.max_tokens` (int).
    public static let requestMaxTokens = "gen_ai.request.max_tokens"
    /// `gen_ai.request.temperature` (double).
    public static let requestTemperature = "gen_ai.request.temperature"
    /// `gen_ai.request.top_p` (double).
    public static let requestTopP = "gen_ai.request.top_p"
    /// `gen_ai.request.top_k` (int since conventions v0.1.0): the top-K sampling parameter of a
    /// model call (Anthropic `top_k`, Cohere `k`); retrieval uses `retrievalTopK`.
    public static let requestTopK = "gen_ai.request.top_k"
    /// `gen_ai.request.stream` (bool): set, to true, only for streaming calls.
    public static let requestStream = "gen_ai.request.stream"
    /// `gen_ai.request.seed` (int).
    public static let requestSeed = "gen_ai.request.seed"
    /// `gen_ai.request.stop_sequences` (string[]).
    public static let requestStopSequences = "gen_ai.request.stop_sequences"
    /// `gen_ai.request.encoding_formats` (string[]): embeddings formats asked for.
    public static let requestEncodingFormats = "gen_ai.request.encoding_formats"

    // MARK: gen_ai.response.*

    /// `gen_ai.response.id` (string).
    public static let responseID = "gen_ai.response.id"
    /// `gen_ai.response.model` (string): the model that actually answered.
    public static let responseModel = "gen_ai.response.model"
    /// `gen_ai.response.finish_reasons` (string[]): one per choice, e.g. `["stop"]`.
    public static let responseFinishReasons = "gen_ai.response.finish_reasons"
    /// `gen_ai.response.time_to_first_chunk` (double, seconds): streaming calls only.
    public static let responseTimeToFirstChunk = "gen_ai.response.time_to_first_chunk"

    // MARK: gen_ai.usage.*

    /// `gen_ai.usage.input_tokens` (int): prompt tokens, cached ones included.
    public static let usageInputTokens = "gen_ai.usage.input_tokens"
    /// `gen_ai.usage.output_tokens` (int): completion tokens, reasoning ones included.
    public static let usageOutputTokens = "gen_ai.usage.output_tokens"
    /// `gen_ai.usage.cache_read.input_tokens` (int): input tokens served from the prompt cache.
    public static let usageCacheReadInputTokens = "gen_ai.usage.cache_read.input_tokens"
    /// `gen_ai.usage.cache_creation.input_tokens` (int): input tokens written to the prompt cache.
    public static let usageCacheCreationInputTokens = "gen_ai.usage.cache_creation.input_tokens"
    /// `gen_ai.usage.reasoning.output_tokens` (int): output tokens spent on reasoning.
    public static let usageReasoningOutputTokens = "gen_ai.usage.reasoning.output_tokens"
    /// `gen_ai.usage.cost` (double, USD). **Not a standard attribute**: the conventions define
    /// no cost; this is the name Langfuse and OpenLIT read. It may clash if one is defined later.
    public static let usageCost = "gen_ai.usage.cost"

    // MARK: Retrieval, data sources, workflows, embeddings

    /// `gen_ai.retrieval.query.text` (string, opt-in content).
    public static let retrievalQueryText = "gen_ai.retrieval.query.text"
    /// `gen_ai.retrieval.documents` (JSON string `[{"id","score"}]`, opt-in content).
    public static let retrievalDocuments = "gen_ai.retrieval.documents"
    /// `gen_ai.data_source.id` (string): the store a retrieval searched, e.g. `kb-docs`.
    public static let dataSourceID = "gen_ai.data_source.id"
    /// `gen_ai.retrieval.top_k` (int): how many documents a retrieval asked for.
    public static let retrievalTopK = "gen_ai.retrieval.top_k"
    /// `gen_ai.rerank.top_n` (int): how many documents a rerank keeps (a proposal of the
    /// conventions; reranking has no released operation yet).
    public static let rerankTopN = "gen_ai.rerank.top_n"
    /// `gen_ai.workflow.name` (string): conventions v1.41 only; since v0.1.0 a workflow root
    /// carries `agentName`.
    public static let workflowName = "gen_ai.workflow.name"
    /// `gen_ai.agent.name` (string): the agent, or the workflow run as an in-process agent.
    public static let agentName = "gen_ai.agent.name"
    /// `gen_ai.agent.id` (string): on `create_agent` and client `invoke_agent` spans.
    public static let agentID = "gen_ai.agent.id"
    /// `gen_ai.agent.description` (string).
    public static let agentDescription = "gen_ai.agent.description"
    /// `gen_ai.tool.name` (string): e.g. `calculator`.
    public static let toolName = "gen_ai.tool.name"
    /// `gen_ai.tool.call.id` (string): the model's id for the call.
    public static let toolCallID = "gen_ai.tool.call.id"
    /// `gen_ai.tool.type` (string): `function`, `extension` or `datastore`.
    public static let toolType = "gen_ai.tool.type"
    /// `gen_ai.tool.description` (string).
    public static let toolDescription = "gen_ai.tool.description"
    /// `gen_ai.tool.call.arguments` (string, JSON; opt-in content).
    public static let toolCallArguments = "gen_ai.tool.call.arguments"
    /// `gen_ai.tool.call.result` (string, JSON; opt-in content).
    public static let toolCallResult = "gen_ai.tool.call.result"
    /// `gen_ai.embeddings.dimension.count` (int).
    public static let embeddingsDimensionCount = "gen_ai.embeddings.dimension.count"

    // MARK: Content (opt-in) and output format

    /// `gen_ai.input.messages` (JSON string of ChatMessage objects, opt-in content).
    public static let inputMessages = "gen_ai.input.messages"
    /// `gen_ai.output.messages` (JSON string of OutputMessage objects, opt-in content).
    public static let outputMessages = "gen_ai.output.messages"
    /// `gen_ai.output.type` (string): `text`, `json`, `image`, `speech`.
    public static let outputType = "gen_ai.output.type"

    // MARK: Evaluation, recorded as a span event on the evaluated span (the conventions define
    // a log event; LLMTrace ships traces only)

    /// The event name, `gen_ai.evaluation.result`.
    public static let evaluationResultEvent = "gen_ai.evaluation.result"
    /// `gen_ai.client.inference.operation.details`: the log event that carries a model call's
    /// attributes and, with content capture in events, its messages.
    public static let inferenceOperationDetailsEvent = "gen_ai.client.inference.operation.details"
    /// `gen_ai.evaluation.name` (string): e.g. `relevance`.
    public static let evaluationName = "gen_ai.evaluation.name"
    /// `gen_ai.evaluation.score.value` (double).
    public static let evaluationScoreValue = "gen_ai.evaluation.score.value"
    /// `gen_ai.evaluation.score.label` (string, low cardinality): e.g. `pass`.
    public static let evaluationScoreLabel = "gen_ai.evaluation.score.label"
    /// `gen_ai.evaluation.explanation` (string).
    public static let evaluationExplanation = "gen_ai.evaluation.explanation"

    // MARK: Metrics

    /// `gen_ai.token.type` (string), on the token-usage metric: `input` or `output`.
    public static let tokenType = "gen_ai.token.type"
    /// The `gen_ai.token.type` of prompt tokens.
    public static let tokenTypeInput = "input"
    /// The `gen_ai.token.type` of completion tokens.
    public static let tokenTypeOutput = "output"
    /// Metric `gen_ai.client.token.usage`: tokens per model call, by `gen_ai.token.type` (histogram).
    public static let clientTokenUsage = "gen_ai.client.token.usage"
    /// Metric `gen_ai.client.operation.duration`: seconds per model call; failures carry `error.type` (histogram).
    public static let clientOperationDuration = "gen_ai.client.operation.duration"
    /// Metric `gen_ai.client.operation.time_to_first_chunk`: seconds to the first chunk of a streaming call (histogram).
    public static let clientOperationTimeToFirstChunk = "gen_ai.client.operation.time_to_first_chunk"
    /// Metric `gen_ai.client.operation.time_per_output_chunk`: seconds between streamed chunks
    /// after the first (histogram, one record per chunk).
    public static let clientOperationTimePerOutputChunk = "gen_ai.client.operation.time_per_output_chunk"
    /// Metric `gen_ai.invoke_agent.duration`: seconds per agent run, workflows included (histogram).
    public static let invokeAgentDuration = "gen_ai.invoke_agent.duration"
    /// Metric `gen_ai.execute_tool.duration`: seconds per tool call (histogram).
    public static let executeToolDuration = "gen_ai.execute_tool.duration"
    /// Operation `create_agent`.
    public static let operationCreateAgent = "create_agent"
    /// `OTEL_SEMCONV_STABILITY_OPT_IN` value for the newest GenAI shape, LLMTrace's default.
    public static let latestExperimentalOptIn = "gen_ai_latest_experimental"
}
