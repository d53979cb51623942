/// LLMTrace's own names, outside the OpenTelemetry conventions: RAG pipeline attributes
/// (`rag.*`), what the sampling rules and the cost guard write (`llmtrace.*`), and the names of
/// the LLM metrics the conventions do not define.
public enum LLMTraceAttributes {
    // MARK: RAG pipelines

    /// `rag.step` (string): the pipeline's own step name, `rag_pipeline`, `retrieval`,
    /// `reranking` or `generation`, so each stage is searchable in Jaeger as `rag.step=generation`.
    public static let ragStep = "rag.step"
    /// `rag.retrieval.document_count` (int): documents the retrieval returned.
    public static let ragRetrievalDocumentCount = "rag.retrieval.document_count"
    /// `rag.rerank.input_documents.count` (int).
    public static let ragRerankInputDocumentsCount = "rag.rerank.input_documents.count"
    /// `rag.rerank.output_documents.count` (int).
    public static let ragRerankOutputDocumentsCount = "rag.rerank.output_documents.count"
    /// `rag.rerank.documents` (JSON string `[{"id","score"}]`, opt-in content).
    public static let ragRerankDocuments = "rag.rerank.documents"

    // MARK: Questions

    /// `llmtrace.question.sha256` (string): SHA-256 of the normalized user question, recorded
    /// even when content capture is off, so repeated questions can be grouped without storing them.
    public static let questionSHA256 = "llmtrace.question.sha256"

    // MARK: Sampling rules

    /// `llmtrace.sampling.rule` (string), on the local root of every kept trace: the rule that
    /// kept it (`error`, `slow`, `cost`, `tokens`, `time_to_first_chunk`, `finish_reason`,
    /// `evaluation`, `attribute:<key>`, or the head sampler's own `ratio` or `parent`).
    public static let samplingRule = "llmtrace.sampling.rule"
    /// `llmtrace.sampling.early` (string), on the local root of a trace decided before that root
    /// ended: why (`pending_traces`, `pending_spans`, `trace_spans`, `max_age`, `shutdown`).
    public static let samplingEarly = "llmtrace.sampling.early"

    // MARK: Cost guard

    /// The span event added when the spend of the last hour crosses the budget.
    public static let costBudgetExceededEvent = "llmtrace.cost_budget.exceeded"
    /// `llmtrace.cost_budget.usd_per_hour` (double), on that event: the budget.
    public static let costBudgetUSDPerHour = "llmtrace.cost_budget.usd_per_hour"
    /// `llmtrace.cost.last_hour_usd` (double), on that event: the spend of the last hour (of the
    /// key, for a per-key budget).
    public static let costLastHourUSD = "llmtrace.cost.last_hour_usd"
    /// `llmtrace.cost_budget.key` (string), on that event when a per-key budget was crossed: the
    /// attribute that keys the budget (`enduser.id`); the span carries the key's value under it.
    public static let costBudgetKey = "llmtrace.cost_budget.key"

    // MARK: Trace totals

    /// `llmtrace.trace.cost` (double, USD), on a trace's local root: what the trace's model calls
    /// in this process cost, the root's own included.
    public static let traceCost = "llmtrace.trace.cost"
    /// `llmtrace.trace.input_tokens` (int), on a trace's local root: its model calls' input tokens.
    public static let traceInputTokens = "llmtrace.trace.input_tokens"
    /// `llmtrace.trace.output_tokens` (int), on a trace's local root: its model calls' output tokens.
    public static let traceOutputTokens = "llmtrace.trace.output_tokens"

    // MARK: Metric names

    /// Metric `llmtrace.gen_ai.requests`: model calls, failed ones included (counter).
    public static let requestsMetric = "llmtrace.gen_ai.requests"
    /// Metric `llmtrace.gen_ai.errors`: failed model calls by `error.type` (counter).
    public static let errorsMetric = "llmtrace.gen_ai.errors"
    /// Metric `llmtrace.gen_ai.cost`: US dollars spent on model calls (counter).
    public static let costMetric = "llmtrace.gen_ai.cost"
    /// Metric `llmtrace.rag.stage.duration`: seconds per RAG stage, by `rag.step` (histogram).
    public static let ragStageDurationMetric = "llmtrace.rag.stage.duration"
    /// Metric `llmtrace.gen_ai.evaluation.score`: evaluation scores, by `gen_ai.evaluation.name`
    /// and the evaluated span's `gen_ai.request.model` (histogram, unit 1).
    public static let evaluationScoreMetric = "llmtrace.gen_ai.evaluation.score"
}
