/// Attribute keys and values of the OpenTelemetry GenAI semantic conventions (v1.41, stability
/// Development), mirroring the dotted names.
public enum GenAI {
    /// `gen_ai.operation.name` (string): what kind of call, see `Operation`. Set at start.
    public static let operationName = "gen_ai.operation.name"
    /// `gen_ai.provider.name` (string): whose API, see `Provider`. Set at start.
    public static let providerName = "gen_ai.provider.name"
    /// `gen_ai.conversation.id` (string): the conversation or session the call belongs to.
    public static let conversationID = "gen_ai.conversation.id"
    /// `gen_ai.system_instructions` (JSON string, opt-in content): instructions given apart from the chat history.
    public static let systemInstructions = "gen_ai.system_instructions"

    /// Values of `gen_ai.operation.name`.
    public enum Operation {
        /// A chat completion.
        public static let chat = "chat"
        /// A legacy text completion.
        public static let textCompletion = "text_completion"
        /// Multimodal generation (Gemini style).
        public static let generateContent = "generate_content"
        /// An embeddings request.
        public static let embeddings = "embeddings"
        /// A search of a document store or vector index.
        public static let retrieval = "retrieval"
        /// A tool or function run.
        public static let executeTool = "execute_tool"
        /// An agent run.
        public static let invokeAgent = "invoke_agent"
        /// Orchestration of several steps or agents, such as a RAG pipeline.
        public static let invokeWorkflow = "invoke_workflow"
        /// Reranking of retrieved documents. Not a standard value (the conventions define none);
        /// the enum is open and several projects use `rerank`.
        public static let rerank = "rerank"
    }

    /// Well-known values of `gen_ai.provider.name`; any other string is allowed.
    public enum Provider {
        public static let openAI = "openai"
        public static let anthropic = "anthropic"
        public static let awsBedrock = "aws.bedrock"
        public static let azureAIOpenAI = "azure.ai.openai"
        public static let gcpGemini = "gcp.gemini"
        public static let gcpVertexAI = "gcp.vertex_ai"
        public static let cohere = "cohere"
        public static let mistralAI = "mistral_ai"
        public static let groq = "groq"
        public static let deepseek = "deepseek"
    }

    /// Request parameters.
    public enum Request {
        /// `gen_ai.request.model` (string): the model asked for. Set at start.
        public static let model = "gen_ai.request.model"
        /// `gen_ai.request.max_tokens` (int).
        public static let maxTokens = "gen_ai.request.max_tokens"
        /// `gen_ai.request.temperature` (double).
        public static let temperature = "gen_ai.request.temperature"
        /// `gen_ai.request.top_p` (double).
        public static let topP = "gen_ai.request.top_p"
        /// `gen_ai.request.top_k` (double, as the conventions type it).
        public static let topK = "gen_ai.request.top_k"
        /// `gen_ai.request.stream` (bool): set, to true, only for streaming calls.
        public static let stream = "gen_ai.request.stream"
        /// `gen_ai.request.seed` (int).
        public static let seed = "gen_ai.request.seed"
        /// `gen_ai.request.stop_sequences` (string[]).
        public static let stopSequences = "gen_ai.request.stop_sequences"
        /// `gen_ai.request.encoding_formats` (string[]): embeddings formats asked for.
        public static let encodingFormats = "gen_ai.request.encoding_formats"
    }

    /// What the provider answered.
    public enum Response {
        /// `gen_ai.response.id` (string).
        public static let id = "gen_ai.response.id"
        /// `gen_ai.response.model` (string): the model that actually answered.
        public static let model = "gen_ai.response.model"
        /// `gen_ai.response.finish_reasons` (string[]): one per choice, e.g. `["stop"]`.
        public static let finishReasons = "gen_ai.response.finish_reasons"
        /// `gen_ai.response.time_to_first_chunk` (double, seconds): streaming calls only.
        public static let timeToFirstChunk = "gen_ai.response.time_to_first_chunk"
    }

    /// Token counts and cost.
    public enum Usage {
        /// `gen_ai.usage.input_tokens` (int): prompt tokens, cached ones included.
        public static let inputTokens = "gen_ai.usage.input_tokens"
        /// `gen_ai.usage.output_tokens` (int): completion tokens, reasoning ones included.
        public static let outputTokens = "gen_ai.usage.output_tokens"
        /// `gen_ai.usage.cache_read.input_tokens` (int): input tokens served from the prompt cache.
        public static let cacheReadInputTokens = "gen_ai.usage.cache_read.input_tokens"
        /// `gen_ai.usage.cache_creation.input_tokens` (int): input tokens written to the prompt cache.
        public static let cacheCreationInputTokens = "gen_ai.usage.cache_creation.input_tokens"
        /// `gen_ai.usage.reasoning.output_tokens` (int): output tokens spent on reasoning.
        public static let reasoningOutputTokens = "gen_ai.usage.reasoning.output_tokens"
        /// `gen_ai.usage.cost` (double, USD). **Not a standard attribute**: the conventions define
        /// no cost; this is the name Langfuse and OpenLIT read. It may clash if one is defined later.
        public static let cost = "gen_ai.usage.cost"
    }

    /// Retrieval content (opt-in).
    public enum Retrieval {
        /// `gen_ai.retrieval.query.text` (string, opt-in content).
        public static let queryText = "gen_ai.retrieval.query.text"
        /// `gen_ai.retrieval.documents` (JSON string `[{"id","score"}]`, opt-in content).
        public static let documents = "gen_ai.retrieval.documents"
    }

    /// The store a retrieval searched.
    public enum DataSource {
        /// `gen_ai.data_source.id` (string): e.g. `kb-docs`.
        public static let id = "gen_ai.data_source.id"
    }

    /// Workflows.
    public enum Workflow {
        /// `gen_ai.workflow.name` (string).
        public static let name = "gen_ai.workflow.name"
    }

    /// Embeddings.
    public enum Embeddings {
        /// `gen_ai.embeddings.dimension.count` (int).
        public static let dimensionCount = "gen_ai.embeddings.dimension.count"
    }

    /// Chat content (opt-in).
    public enum Input {
        /// `gen_ai.input.messages` (JSON string of ChatMessage objects, opt-in content).
        public static let messages = "gen_ai.input.messages"
    }

    /// Output content and format.
    public enum Output {
        /// `gen_ai.output.messages` (JSON string of OutputMessage objects, opt-in content).
        public static let messages = "gen_ai.output.messages"
        /// `gen_ai.output.type` (string): `text`, `json`, `image`, `speech`.
        public static let type = "gen_ai.output.type"
    }

    /// Evaluation results, recorded as a span event named `gen_ai.evaluation.result` on the
    /// evaluated span (the conventions define a log event; LLMTrace ships traces only).
    public enum Evaluation {
        /// The event name.
        public static let eventName = "gen_ai.evaluation.result"
        /// `gen_ai.evaluation.name` (string): e.g. `relevance`.
        public static let name = "gen_ai.evaluation.name"
        /// `gen_ai.evaluation.score.value` (double).
        public static let scoreValue = "gen_ai.evaluation.score.value"
        /// `gen_ai.evaluation.score.label` (string, low cardinality): e.g. `pass`.
        public static let scoreLabel = "gen_ai.evaluation.score.label"
        /// `gen_ai.evaluation.explanation` (string).
        public static let explanation = "gen_ai.evaluation.explanation"
    }
}

/// `server.*` attributes of client spans.
public enum Server {
    /// `server.address` (string): the host called. Set at start.
    public static let address = "server.address"
    /// `server.port` (int): set whenever `server.address` is.
    public static let port = "server.port"
}

/// `error.type` and its fallback value.
public enum ErrorType {
    /// `error.type` (string, low cardinality): set only when the operation failed.
    public static let key = "error.type"
    /// The value when nothing better is known.
    public static let other = "_OTHER"
}

/// LLMTrace's own attributes for RAG pipelines (not part of the conventions).
public enum RAG {
    /// `rag.step` (string): the pipeline's own step name, `rag_pipeline`, `retrieval`,
    /// `reranking` or `generation`, so each stage is searchable in Jaeger as `rag.step=generation`.
    public static let step = "rag.step"
    /// `rag.retrieval.document_count` (int): documents the retrieval returned.
    public static let retrievedCount = "rag.retrieval.document_count"
    /// `rag.rerank.input_documents.count` (int).
    public static let rerankInputCount = "rag.rerank.input_documents.count"
    /// `rag.rerank.output_documents.count` (int).
    public static let rerankOutputCount = "rag.rerank.output_documents.count"
    /// `rag.rerank.documents` (JSON string `[{"id","score"}]`, opt-in content).
    public static let rerankDocuments = "rag.rerank.documents"
}

/// LLMTrace's attributes that are not content.
public enum LLMTraceAttributes {
    /// `llmtrace.question.sha256` (string): SHA-256 of the normalized user question, recorded
    /// even when content capture is off, so repeated questions can be grouped without storing them.
    public static let questionSHA256 = "llmtrace.question.sha256"
}
