/// Questions the demo asks when none are given; each is answered by the corpus.
enum Questions {
    static let builtIn = [
        "What port does OTLP over HTTP use?",
        "How does BM25 weight rare terms?",
        "What does HTTP status 429 Too Many Requests mean?",
        "How should a client handle a rate limit error?",
        "What is retrieval augmented generation?",
        "What does a reranker do in a RAG pipeline?",
        "What is the difference between head sampling and tail sampling?",
        "What does the traceparent header contain?",
        "How much does gpt-4o-mini cost per million input tokens?",
        "What does the finish reason length mean?",
        "What is prompt caching and how is it billed?",
        "Which port does the Jaeger UI listen on?",
        "What does OTEL_BSP_MAX_QUEUE_SIZE control?",
        "Why should prompts not be recorded by default?",
        "What is time to first token?",
        "What does the memory_limiter processor do in the Collector?",
        "What does gen_ai.usage.input_tokens record?",
        "What happens when a traceparent header is invalid?",
        "What is a task-local value in Swift?",
        "What does the ECONNREFUSED error mean?",
        "How does exponential backoff with jitter work?",
        "What is the context window of a model?",
        "How does temperature change model output?",
        "What does the SIGTERM signal ask a process to do?",
    ]
}
