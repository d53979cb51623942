// The demo's document collection: short passages about tracing, OTLP, Jaeger, RAG, LLM APIs,
// HTTP, POSIX and Swift, written for this repository. One document per line:
// id <TAB> title <TAB> text.

extension Corpus {
    static let documentsText = #"""
concept-001	What is a trace	A trace records one request as it moves through a system. It is a tree of spans that share a trace id; the root span covers the whole request and child spans cover the steps inside it.
concept-002	What is a span	A span is one timed operation inside a trace, such as a database query or a model call. It has a name, a start and end time, a parent span id, attributes, events, links and a status.
concept-003	Span status	A span's status is unset, ok or error. Instrumentation sets error when the operation failed and leaves it unset on success; ok is reserved for an explicit decision by the application.
concept-004	Span kinds	The span kind says how a span relates to other processes: client for outgoing calls, server for incoming requests, producer and consumer for messaging, internal for work inside one process.
concept-005	Span events	An event is a timestamped note on a span, for example an exception or the arrival of the first streamed chunk. Jaeger shows span events as logs under the span.
concept-006	Span links	A link connects a span to another span that is not its parent, such as the request that queued a batch job. Links carry their own attributes.
concept-007	Span attributes	Attributes are typed key-value pairs on a span: strings, booleans, integers, doubles and arrays of them. Keys follow semantic conventions such as gen_ai.request.model or server.address.
concept-008	Trace context propagation	Context propagation carries the trace id and parent span id across process boundaries so that spans from several services join one trace. The W3C traceparent header is the standard format.
concept-009	The traceparent header	The W3C traceparent header has four dash-separated fields: version 00, a 32 hex digit trace id, a 16 hex digit parent span id, and two hex digits of trace flags. Flag 01 means sampled.
concept-010	The tracestate header	The W3C tracestate header carries vendor-specific trace data as a list of key=value members, at most 32, alongside traceparent. Invalid tracestate is dropped while traceparent is kept.
concept-011	Invalid traceparent handling	An invalid traceparent, with a wrong length, uppercase hex, version ff or all-zero ids, must be ignored; the receiving service then starts a new trace instead of failing the request.
concept-012	OTLP protocol	OTLP, the OpenTelemetry Protocol, carries traces, metrics and logs from SDKs to collectors and backends. It runs over gRPC on port 4317 or over HTTP on port 4318 with protobuf or JSON bodies.
concept-013	OTLP HTTP JSON encoding	In OTLP JSON, trace and span ids are lowercase hex strings, 64-bit integers such as timestamps are decimal strings, enums are integers, and field names are lowerCamelCase like startTimeUnixNano.
concept-014	OTLP partial success	An OTLP receiver may accept a request but reject some spans. It answers 200 with a partialSuccess object giving rejectedSpans and an errorMessage; the sender must not retry those spans.
concept-015	OTLP retries	An OTLP exporter retries on 429, 502, 503 and 504 and on connection errors, with exponential backoff and jitter, honouring a Retry-After header. Other 4xx answers are permanent failures.
concept-016	OpenTelemetry Collector	The OpenTelemetry Collector receives telemetry, processes it with processors such as memory_limiter, batch and tail_sampling, and exports it to one or more backends. The contrib distribution includes most components.
concept-017	Collector memory limiter	The memory_limiter processor should be the first processor in every Collector pipeline. It refuses data when memory use passes the soft limit, which protects the Collector from running out of memory.
concept-018	Collector batch processor	The batch processor groups spans before export to cut the number of requests. It should come last among the processors, after sampling, with a timeout such as 200 milliseconds.
concept-019	Collector tail sampling	The tail_sampling processor holds the spans of each trace for decision_wait, then applies policies such as status_code ERROR, latency thresholds and probabilistic sampling to keep or drop the whole trace.
concept-020	Head sampling versus tail sampling	Head sampling decides when a trace starts, before anything is known about it. Tail sampling decides after the trace is complete, so it can keep every trace with an error or a slow response.
concept-021	Trace id ratio sampling	The traceidratio sampler keeps a fixed fraction of traces based only on the trace id, so every service using the same ratio agrees on which traces to keep without talking to each other.
concept-022	Parent based sampling	A parent-based sampler follows the sampled flag of the parent span when there is one, and asks its root sampler only for new traces. It keeps distributed traces complete across services.
concept-023	Batch span processor	A batch span processor queues ended spans and exports them in batches from a background thread. When the queue is full it drops new spans and counts them instead of blocking the application.
concept-024	Resource attributes	A resource describes the entity that produced telemetry, with attributes such as service.name, service.version and deployment.environment.name. Jaeger shows the service name and the resource as the process.
concept-025	Service name	service.name identifies a service in every tracing backend. Set it with OTEL_SERVICE_NAME; without it SDKs report unknown_service followed by the executable name.
concept-026	Jaeger overview	Jaeger is an open source distributed tracing backend. Jaeger v2 is built on the OpenTelemetry Collector and accepts OTLP directly on ports 4317 and 4318; its web UI listens on port 16686.
concept-027	Jaeger search	In the Jaeger UI you pick a service, optionally an operation, add tags such as error=true, choose a lookback window and press Find Traces. The operation is the span name.
concept-028	Jaeger error spans	Jaeger marks spans whose status is error with the tag error=true and shows otel.status_description. Span events with the name exception appear as logs with exception.type and exception.message.
concept-029	Jaeger all-in-one storage	The Jaeger all-in-one image stores traces in memory by default, up to a fixed number of traces, and loses them on restart. Production deployments use Elasticsearch, OpenSearch or Cassandra.
concept-030	Docker compose for Jaeger	A compose file can start Jaeger and an OpenTelemetry Collector together. Run docker compose -f jaeger-compose.yml up -d and open http://localhost:16686 to see traces.
concept-031	Retrieval augmented generation	Retrieval augmented generation, or RAG, answers a question by first retrieving relevant passages from a document collection and then asking a language model to answer from those passages.
concept-032	RAG pipeline stages	A RAG pipeline usually has three stages: retrieval finds candidate documents, reranking orders the best candidates more precisely, and generation writes the answer from the top passages.
concept-033	BM25 ranking	BM25 is a ranking function for keyword search. It scores a document by the query terms it contains, weighting rare terms higher through inverse document frequency and damping repeated terms with the parameter k1.
concept-034	BM25 parameters	BM25 uses k1, typically 1.2 to 2.0, to control term frequency saturation, and b, typically 0.75, to normalize for document length relative to the average length of the collection.
concept-035	Inverse document frequency	Inverse document frequency gives more weight to terms that appear in few documents. A word like the appears everywhere and carries little information; a word like traceparent is rare and decisive.
concept-036	Reranking	A reranker rescores the top candidates from a first-stage retriever with a slower, more precise model, such as a cross-encoder, and keeps the best few for the language model's context.
concept-037	Cross encoders	A cross-encoder reads the query and a document together and outputs a relevance score. It is more accurate than comparing separate embeddings but too slow to run over a whole collection.
concept-038	Embeddings	An embedding maps text to a vector of numbers such that similar texts have nearby vectors. Vector search finds documents whose embeddings are closest to the query embedding, often by cosine similarity.
concept-039	Vector databases	A vector database stores embeddings and finds nearest neighbours quickly with approximate indexes such as HNSW. Examples include pgvector, Qdrant, Weaviate and Milvus.
concept-040	Chunking documents	Long documents are split into chunks of a few hundred tokens before indexing, often with some overlap, so that retrieval returns passages small enough to fit in the model's context window.
concept-041	Context window	A model's context window is the most tokens it can read in one request, prompt and retrieved passages included. Passages that do not fit must be dropped or summarized.
concept-042	Tokens	Language models read and write tokens, pieces of words produced by a tokenizer such as byte pair encoding. In English one token is about four characters or three quarters of a word.
concept-043	Token usage and billing	Providers bill per token, with separate prices for input tokens in the prompt and output tokens in the completion. Output tokens usually cost several times more than input tokens.
concept-044	Prompt caching	Prompt caching lets a provider reuse the processed prefix of a repeated prompt. Cached input tokens are billed at a discount, for example a tenth of the normal input price for cache reads.
concept-045	Temperature	Temperature controls randomness in sampling the next token. A temperature of 0 makes output nearly deterministic; higher values such as 0.8 produce more varied text.
concept-046	Top p sampling	Top p, or nucleus sampling, restricts the next token to the smallest set of tokens whose probabilities add up to p, such as 0.9. It is usually tuned instead of temperature, not together with it.
concept-047	Max tokens	The max_tokens parameter caps how many tokens the model may generate. When the cap is reached the finish reason is length and the answer may be cut off mid-sentence.
concept-048	Finish reasons	A chat completion reports why it stopped: stop for a natural end, length when max tokens was reached, content_filter when output was blocked, and tool_calls when the model asked to call a tool.
concept-049	Streaming responses	With streaming, the provider sends the answer in chunks as it is generated. Time to first chunk measures how long the user waits before text appears, often more important than total latency.
concept-050	Time to first token	Time to first token is the delay between sending a request and receiving the first generated token. It depends on prompt length, model size and server load.
concept-051	Rate limits	LLM providers limit requests and tokens per minute. Exceeding a limit returns HTTP 429 Too Many Requests, often with a Retry-After header saying how many seconds to wait.
concept-052	Handling 429 errors	On a 429 rate limit error a client should wait for the time in Retry-After, or back off exponentially with jitter, and retry a bounded number of times before failing the request.
concept-053	Request timeouts	A model call can hang on overloaded servers. Clients set a timeout, often 30 to 60 seconds for long generations, and record a timeout error on the span when it expires.
concept-054	Hallucinations	A hallucination is a fluent but unsupported answer. RAG reduces hallucinations by grounding answers in retrieved passages and asking the model to say when the passages do not contain the answer.
concept-055	Evaluating RAG answers	RAG answers are evaluated for faithfulness to the retrieved passages, relevance to the question and retrieval quality such as recall at k. Scores can be recorded as gen_ai.evaluation.result events.
concept-056	System prompts	A system prompt gives the model its instructions, such as answer only from the provided context and cite document ids. In the GenAI conventions it is recorded as gen_ai.system_instructions when capture is on.
concept-057	Privacy of prompts	Prompts and completions can contain personal data and secrets. Tracing tools should not record message content unless the operator opts in, for example with OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true.
concept-058	Hashing questions	Storing a SHA-256 hash of the normalized question lets an operator see that the same question was asked many times without storing the question text itself.
concept-059	Cost tracking for LLM apps	The cost of a call is input tokens times the input price plus output tokens times the output price, per million tokens. Summing cost per trace shows which requests are expensive.
concept-060	Swift concurrency	Swift concurrency adds async functions, await, tasks, task groups and actors. The compiler checks in Swift 6 language mode that data shared between tasks is Sendable, preventing data races.
concept-061	Task local values	A task-local value in Swift is bound for the duration of an operation and inherited by child tasks. Tracing libraries use a task local to carry the current span through async code.
concept-062	Sendable types	A Sendable type can be shared safely between concurrent tasks. Value types with Sendable members are Sendable automatically; classes must be final with immutable state or protect their state with a lock.
concept-063	Actors in Swift	An actor is a reference type that protects its mutable state by running one task at a time on it. Calls into an actor from outside are asynchronous and use await.
concept-064	Task groups	A task group runs a dynamic number of child tasks concurrently and collects their results. withThrowingTaskGroup cancels the remaining children when one throws.
concept-065	Dispatch queues	Grand Central Dispatch runs closures on serial or concurrent queues backed by a thread pool. Work submitted with async returns at once; sync waits for the closure to finish.
concept-066	Swift Package Manager	The Swift Package Manager builds packages described by Package.swift, resolves dependencies by URL and version, and runs tests with swift test. Executables run with swift run.
concept-067	Swift argument parser	Swift Argument Parser builds command-line interfaces from a type with @Option, @Flag and @Argument properties, and generates --help text and validation errors automatically.
concept-068	Swift on Linux	Swift runs on Linux with Foundation, Dispatch and XCTest. Server applications often use SwiftNIO, and C libraries such as libcurl and zlib are imported through system library modules.
concept-069	libcurl	libcurl is a C library for transferring data with URLs. An easy handle keeps connections alive between requests, and options set timeouts, TLS certificates and request headers.
concept-070	HTTP keep-alive	HTTP keep-alive reuses one TCP connection for several requests, saving the cost of a new connection and TLS handshake for each. HTTP/1.1 keeps connections alive by default.
concept-071	Gzip compression	Gzip compresses request bodies with the deflate algorithm and a small header. OTLP exporters send Content-Encoding: gzip; JSON span data often shrinks by a factor of ten or more.
concept-072	TLS certificate verification	TLS clients verify that the server's certificate chains to a trusted authority and matches the host name. Turning verification off exposes the connection to interception and should never be the default.
concept-073	Mutual TLS	With mutual TLS the client also presents a certificate. OTLP exporters take the client certificate and key from OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE and OTEL_EXPORTER_OTLP_CLIENT_KEY.
concept-074	Retry-After header	The Retry-After response header tells a client how long to wait before retrying, either as a number of seconds or as an HTTP date. It appears on 429 and 503 answers.
concept-075	Exponential backoff	Exponential backoff doubles the wait after each failed attempt, such as 1, 2, 4 and 8 seconds, up to a cap. Adding random jitter stops many clients from retrying at the same moment.
concept-076	Thread Sanitizer	ThreadSanitizer is a runtime tool that detects data races. In Swift, run swift test --sanitize=thread; it reports two threads touching the same memory without synchronization.
concept-077	Prometheus metrics	Prometheus scrapes metrics over HTTP in a text format and stores them as time series. Histograms give latency percentiles such as p95 through histogram_quantile.
concept-078	Grafana dashboards	Grafana draws dashboards from data sources such as Prometheus. Panels show request rates, latency percentiles, token throughput and cost over time.
concept-079	Percentiles p50 and p95	The p50 latency is the median: half the requests are faster. The p95 latency is the value 95 percent of requests stay under, which shows what slow users experience.
concept-080	Structured logging in Swift	SwiftLog provides a Logger API with levels from trace to critical and pluggable backends. Libraries log through it so the application decides where log lines go.
concept-081	Observability signals	Observability uses three main signals: traces show the path of single requests, metrics show aggregate numbers over time, and logs record discrete events with detail.
concept-082	Semantic conventions	OpenTelemetry semantic conventions standardize attribute names, such as http.request.method and gen_ai.usage.input_tokens, so that tools can understand telemetry from any library.
concept-083	GenAI semantic conventions	The GenAI semantic conventions describe spans for model calls, embeddings, retrieval, tools and agents, with attributes for provider, model, token usage and finish reasons. They are still in development status.
concept-084	Sampling errors always	Keeping every trace that contains an error, whatever the sampling ratio, makes sure failures can be investigated even when only one percent of normal traffic is stored.
concept-085	Sampling slow requests	A latency rule keeps traces whose root span took longer than a threshold, such as 20 seconds, so slow requests stay visible at low sampling rates.
http-001	HTTP 200 OK	HTTP status code 200 OK means the request succeeded and the body holds the result.
http-002	HTTP 201 Created	HTTP status code 201 Created means a new resource was created, usually named in the Location header.
http-003	HTTP 202 Accepted	HTTP status code 202 Accepted means the request was accepted for processing that has not finished.
http-004	HTTP 204 No Content	HTTP status code 204 No Content means the request succeeded and there is no body.
http-005	HTTP 206 Partial Content	HTTP status code 206 Partial Content means the body holds the byte range the Range header asked for.
http-006	HTTP 301 Moved Permanently	HTTP status code 301 Moved Permanently means the resource has a new permanent URL given in Location.
http-007	HTTP 302 Found	HTTP status code 302 Found means the resource is temporarily at another URL.
http-008	HTTP 304 Not Modified	HTTP status code 304 Not Modified means the cached copy is still valid, so no body is sent.
http-009	HTTP 307 Temporary Redirect	HTTP status code 307 Temporary Redirect means repeat the same request, same method, at the URL in Location.
http-010	HTTP 308 Permanent Redirect	HTTP status code 308 Permanent Redirect means repeat the same request at the new permanent URL.
http-011	HTTP 400 Bad Request	HTTP status code 400 Bad Request means the server cannot process the request because it is malformed; retrying the same request will fail again.
http-012	HTTP 401 Unauthorized	HTTP status code 401 Unauthorized means authentication is missing or invalid, for example a wrong API key.
http-013	HTTP 403 Forbidden	HTTP status code 403 Forbidden means the client is authenticated but not allowed to do this.
http-014	HTTP 404 Not Found	HTTP status code 404 Not Found means there is nothing at this URL, such as a wrong OTLP path instead of /v1/traces.
http-015	HTTP 405 Method Not Allowed	HTTP status code 405 Method Not Allowed means the URL does not support this HTTP method.
http-016	HTTP 408 Request Timeout	HTTP status code 408 Request Timeout means the server gave up waiting for the request to arrive.
http-017	HTTP 409 Conflict	HTTP status code 409 Conflict means the request conflicts with the current state of the resource.
http-018	HTTP 410 Gone	HTTP status code 410 Gone means the resource was removed permanently.
http-019	HTTP 411 Length Required	HTTP status code 411 Length Required means the server needs a Content-Length header.
http-020	HTTP 413 Payload Too Large	HTTP status code 413 Payload Too Large means the request body is larger than the server accepts; split batches into smaller requests.
http-021	HTTP 414 URI Too Long	HTTP status code 414 URI Too Long means the URL is longer than the server will read.
http-022	HTTP 415 Unsupported Media Type	HTTP status code 415 Unsupported Media Type means the Content-Type is not accepted, for example sending text/plain to an OTLP endpoint.
http-023	HTTP 422 Unprocessable Content	HTTP status code 422 Unprocessable Content means the body is well formed but semantically invalid.
http-024	HTTP 425 Too Early	HTTP status code 425 Too Early means the server will not process a request that might be replayed.
http-025	HTTP 429 Too Many Requests	HTTP status code 429 Too Many Requests means the client sent too many requests or tokens in a time window and must slow down, honouring Retry-After.
http-026	HTTP 431 Request Header Fields Too Large	HTTP status code 431 Request Header Fields Too Large means the headers are too large.
http-027	HTTP 451 Unavailable For Legal Reasons	HTTP status code 451 Unavailable For Legal Reasons means access is blocked for legal reasons.
http-028	HTTP 500 Internal Server Error	HTTP status code 500 Internal Server Error means the server failed unexpectedly; the request may succeed later.
http-029	HTTP 501 Not Implemented	HTTP status code 501 Not Implemented means the server does not support the functionality.
http-030	HTTP 502 Bad Gateway	HTTP status code 502 Bad Gateway means a proxy received an invalid answer from the upstream server; retrying is reasonable.
http-031	HTTP 503 Service Unavailable	HTTP status code 503 Service Unavailable means the server is overloaded or down for maintenance; retry after the Retry-After delay.
http-032	HTTP 504 Gateway Timeout	HTTP status code 504 Gateway Timeout means a proxy did not get an answer from the upstream server in time; retrying is reasonable.
http-033	HTTP 505 HTTP Version Not Supported	HTTP status code 505 HTTP Version Not Supported means the HTTP version is not supported.
http-034	HTTP 507 Insufficient Storage	HTTP status code 507 Insufficient Storage means the server cannot store what is needed to complete the request.
http-035	HTTP 511 Network Authentication Required	HTTP status code 511 Network Authentication Required means the client must log in to the network first.
http-036	HTTP 529 Overloaded	HTTP status code 529 Overloaded means some LLM providers such as Anthropic answer 529 when their service is temporarily overloaded.
env-001	OTEL_SERVICE_NAME	The environment variable OTEL_SERVICE_NAME sets the service.name resource attribute; it wins over service.name in OTEL_RESOURCE_ATTRIBUTES.
env-002	OTEL_RESOURCE_ATTRIBUTES	The environment variable OTEL_RESOURCE_ATTRIBUTES adds resource attributes as comma-separated key=value pairs with percent-encoded values.
env-003	OTEL_SDK_DISABLED	The environment variable OTEL_SDK_DISABLED turns the SDK off when true: spans record nothing but context still propagates.
env-004	OTEL_LOG_LEVEL	The environment variable OTEL_LOG_LEVEL sets the level of the SDK's own diagnostic log, such as info, warn or debug.
env-005	OTEL_PROPAGATORS	The environment variable OTEL_PROPAGATORS chooses context propagators, by default tracecontext,baggage.
env-006	OTEL_TRACES_SAMPLER	The environment variable OTEL_TRACES_SAMPLER chooses the sampler: always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off or parentbased_traceidratio.
env-007	OTEL_TRACES_SAMPLER_ARG	The environment variable OTEL_TRACES_SAMPLER_ARG gives the sampler argument, the ratio between 0 and 1 for traceidratio samplers.
env-008	OTEL_TRACES_EXPORTER	The environment variable OTEL_TRACES_EXPORTER chooses the trace exporter: otlp, console or none.
env-009	OTEL_METRICS_EXPORTER	The environment variable OTEL_METRICS_EXPORTER chooses the metrics exporter: otlp, prometheus, console or none.
env-010	OTEL_METRIC_EXPORT_INTERVAL	The environment variable OTEL_METRIC_EXPORT_INTERVAL sets the milliseconds between periodic metric exports, 60000 by default.
env-011	OTEL_BSP_SCHEDULE_DELAY	The environment variable OTEL_BSP_SCHEDULE_DELAY sets the milliseconds between batch exports, 5000 by default.
env-012	OTEL_BSP_EXPORT_TIMEOUT	The environment variable OTEL_BSP_EXPORT_TIMEOUT sets the longest time one batch export may take, 30000 milliseconds by default.
env-013	OTEL_BSP_MAX_QUEUE_SIZE	The environment variable OTEL_BSP_MAX_QUEUE_SIZE sets how many spans the batch processor holds before dropping new ones, 2048 by default.
env-014	OTEL_BSP_MAX_EXPORT_BATCH_SIZE	The environment variable OTEL_BSP_MAX_EXPORT_BATCH_SIZE sets the most spans per export request, 512 by default.
env-015	OTEL_ATTRIBUTE_COUNT_LIMIT	The environment variable OTEL_ATTRIBUTE_COUNT_LIMIT limits attributes per span, event and link, 128 by default.
env-016	OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT	The environment variable OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT limits the characters of string attribute values; unlimited by default.
env-017	OTEL_SPAN_EVENT_COUNT_LIMIT	The environment variable OTEL_SPAN_EVENT_COUNT_LIMIT limits the events per span, 128 by default.
env-018	OTEL_SPAN_LINK_COUNT_LIMIT	The environment variable OTEL_SPAN_LINK_COUNT_LIMIT limits the links per span, 128 by default.
env-019	OTEL_EXPORTER_OTLP_ENDPOINT	The environment variable OTEL_EXPORTER_OTLP_ENDPOINT sets the base URL of the OTLP receiver, http://localhost:4318 by default; /v1/traces is appended for traces.
env-020	OTEL_EXPORTER_OTLP_TRACES_ENDPOINT	The environment variable OTEL_EXPORTER_OTLP_TRACES_ENDPOINT sets the full URL for traces, used as is without appending a path.
env-021	OTEL_EXPORTER_OTLP_HEADERS	The environment variable OTEL_EXPORTER_OTLP_HEADERS adds request headers such as an API key as key=value pairs; values must never be logged.
env-022	OTEL_EXPORTER_OTLP_TIMEOUT	The environment variable OTEL_EXPORTER_OTLP_TIMEOUT sets the milliseconds one export may take including retries, 10000 by default.
env-023	OTEL_EXPORTER_OTLP_COMPRESSION	The environment variable OTEL_EXPORTER_OTLP_COMPRESSION chooses gzip or none for request bodies.
env-024	OTEL_EXPORTER_OTLP_PROTOCOL	The environment variable OTEL_EXPORTER_OTLP_PROTOCOL chooses grpc, http/protobuf or http/json; LLMTrace speaks http/json.
env-025	OTEL_EXPORTER_OTLP_CERTIFICATE	The environment variable OTEL_EXPORTER_OTLP_CERTIFICATE names a PEM file with the certificate authority that verifies the receiver's TLS certificate.
env-026	OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE	The environment variable OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE names the PEM client certificate for mutual TLS.
env-027	OTEL_EXPORTER_OTLP_CLIENT_KEY	The environment variable OTEL_EXPORTER_OTLP_CLIENT_KEY names the PEM private key of the client certificate for mutual TLS.
env-028	OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT	The environment variable OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT opts in to recording prompts and completions on GenAI spans when true; off by default.
env-029	LLMTRACE_SAMPLING_KEEP_ERRORS	The environment variable LLMTRACE_SAMPLING_KEEP_ERRORS keeps every trace with a failed span whatever the sampling ratio, true by default in LLMTrace.
env-030	LLMTRACE_SAMPLING_SLOW_MS	The environment variable LLMTRACE_SAMPLING_SLOW_MS keeps traces whose root span took at least this many milliseconds.
env-031	LLMTRACE_SAMPLING_ATTRIBUTE_SUM	The environment variable LLMTRACE_SAMPLING_ATTRIBUTE_SUM keeps traces in which a numeric attribute summed over all spans reaches a threshold, such as gen_ai.usage.cost>=0.5.
env-032	LLMTRACE_SAMPLING_MAX_TRACES_PER_SECOND	The environment variable LLMTRACE_SAMPLING_MAX_TRACES_PER_SECOND caps how many traces per second the sampling ratio may keep.
env-033	LLMTRACE_SAMPLING_DECISION_WAIT_MS	The environment variable LLMTRACE_SAMPLING_DECISION_WAIT_MS sets how long LLMTrace waits for late child spans after the root ends before deciding, 100 milliseconds by default.
env-034	LLMTRACE_GENAI_PRICING_FILE	The environment variable LLMTRACE_GENAI_PRICING_FILE names a JSON file with model prices that extends or replaces LLMTrace's built-in pricing table.
attr-001	gen_ai.operation.name	The span attribute gen_ai.operation.name records the kind of GenAI operation: chat, text_completion, embeddings, retrieval, execute_tool, invoke_agent or invoke_workflow.
attr-002	gen_ai.provider.name	The span attribute gen_ai.provider.name records the provider of the model API, such as openai, anthropic, aws.bedrock or gcp.gemini.
attr-003	gen_ai.request.model	The span attribute gen_ai.request.model records the model name the request asked for, such as gpt-4o-mini.
attr-004	gen_ai.response.model	The span attribute gen_ai.response.model records the model that actually answered, often a dated snapshot such as gpt-4o-mini-2024-07-18.
attr-005	gen_ai.response.id	The span attribute gen_ai.response.id records the provider's unique id of the completion.
attr-006	gen_ai.response.finish_reasons	The span attribute gen_ai.response.finish_reasons records an array with one finish reason per choice, such as stop or length.
attr-007	gen_ai.usage.input_tokens	The span attribute gen_ai.usage.input_tokens records the number of prompt tokens, including cached tokens.
attr-008	gen_ai.usage.output_tokens	The span attribute gen_ai.usage.output_tokens records the number of completion tokens, including reasoning tokens.
attr-009	gen_ai.usage.cache_read.input_tokens	The span attribute gen_ai.usage.cache_read.input_tokens records the input tokens served from the provider's prompt cache.
attr-010	gen_ai.usage.cache_creation.input_tokens	The span attribute gen_ai.usage.cache_creation.input_tokens records the input tokens written to the provider's prompt cache.
attr-011	gen_ai.usage.reasoning.output_tokens	The span attribute gen_ai.usage.reasoning.output_tokens records the output tokens a reasoning model spent thinking.
attr-012	gen_ai.usage.cost	The span attribute gen_ai.usage.cost records the cost of the call in US dollars; it is not a standard convention but Langfuse and OpenLIT read it.
attr-013	gen_ai.request.temperature	The span attribute gen_ai.request.temperature records the sampling temperature requested.
attr-014	gen_ai.request.top_p	The span attribute gen_ai.request.top_p records the nucleus sampling probability requested.
attr-015	gen_ai.request.top_k	The span attribute gen_ai.request.top_k records the number of candidates requested, typed as a double; retrieval spans use it for the number of documents.
attr-016	gen_ai.request.max_tokens	The span attribute gen_ai.request.max_tokens records the most tokens the model may generate.
attr-017	gen_ai.request.stream	The span attribute gen_ai.request.stream records true when the response is streamed; unset for non-streaming calls.
attr-018	gen_ai.request.seed	The span attribute gen_ai.request.seed records the seed requested for reproducible sampling.
attr-019	gen_ai.request.stop_sequences	The span attribute gen_ai.request.stop_sequences records the sequences that stop generation.
attr-020	gen_ai.response.time_to_first_chunk	The span attribute gen_ai.response.time_to_first_chunk records the seconds from the request until the first streamed chunk arrived.
attr-021	gen_ai.conversation.id	The span attribute gen_ai.conversation.id records the id of the conversation or session a call belongs to.
attr-022	gen_ai.data_source.id	The span attribute gen_ai.data_source.id records the id of the document store a retrieval searched, such as kb-docs.
attr-023	gen_ai.retrieval.query.text	The span attribute gen_ai.retrieval.query.text records the text of a retrieval query; opt-in content because it may be sensitive.
attr-024	gen_ai.retrieval.documents	The span attribute gen_ai.retrieval.documents records a JSON array of retrieved document ids and scores; opt-in content.
attr-025	gen_ai.input.messages	The span attribute gen_ai.input.messages records the chat messages sent to the model as JSON with role and parts; opt-in content.
attr-026	gen_ai.output.messages	The span attribute gen_ai.output.messages records the messages the model returned as JSON with role, parts and finish_reason; opt-in content.
attr-027	gen_ai.system_instructions	The span attribute gen_ai.system_instructions records the system instructions sent apart from the chat history; opt-in content.
attr-028	gen_ai.workflow.name	The span attribute gen_ai.workflow.name records the name of a workflow such as rag_pipeline on an invoke_workflow span.
attr-029	gen_ai.agent.name	The span attribute gen_ai.agent.name records the human-readable name of an agent.
attr-030	gen_ai.tool.name	The span attribute gen_ai.tool.name records the name of a tool the model called.
attr-031	gen_ai.embeddings.dimension.count	The span attribute gen_ai.embeddings.dimension.count records the number of dimensions of the returned embeddings.
attr-032	gen_ai.evaluation.name	The span attribute gen_ai.evaluation.name records the name of an evaluation such as relevance or faithfulness.
attr-033	gen_ai.evaluation.score.value	The span attribute gen_ai.evaluation.score.value records the numeric score of an evaluation.
attr-034	gen_ai.token.type	The span attribute gen_ai.token.type records the token type on the token usage metric: input or output.
attr-035	server.address	The span attribute server.address records the host name of the server a client span called.
attr-036	server.port	The span attribute server.port records the port of the server a client span called.
attr-037	error.type	The span attribute error.type records a low-cardinality class of the error that ended an operation, such as rate_limit_exceeded, timeout or 500.
attr-038	exception.type	The span attribute exception.type records the type of an exception recorded as a span event.
attr-039	exception.message	The span attribute exception.message records the message of an exception recorded as a span event.
attr-040	llmtrace.sampling.rule	The span attribute llmtrace.sampling.rule records the LLMTrace sampling rule that kept a trace or marked its failure: error, slow or attribute; traces kept by the ratio carry none.
model-001	gpt-4o pricing	gpt-4o is a multimodal flagship model with a 128k token context window from OpenAI. It costs $2.50 per million input tokens and $10.00 per million output tokens.
model-002	gpt-4o-mini pricing	gpt-4o-mini is a small, fast and cheap model with a 128k token context window from OpenAI. It costs $0.15 per million input tokens and $0.60 per million output tokens.
model-003	gpt-4.1 pricing	gpt-4.1 is a model tuned for coding and instruction following with a one million token context window from OpenAI. It costs $2.00 per million input tokens and $8.00 per million output tokens.
model-004	gpt-4.1-mini pricing	gpt-4.1-mini is a smaller GPT-4.1 with a one million token context window from OpenAI. It costs $0.40 per million input tokens and $1.60 per million output tokens.
model-005	gpt-4.1-nano pricing	gpt-4.1-nano is the smallest and cheapest GPT-4.1 model from OpenAI. It costs $0.10 per million input tokens and $0.40 per million output tokens.
model-006	gpt-5 pricing	gpt-5 is a reasoning model for complex tasks from OpenAI. It costs $1.25 per million input tokens and $10.00 per million output tokens.
model-007	gpt-5-mini pricing	gpt-5-mini is a cheaper GPT-5 for well-defined tasks from OpenAI. It costs $0.25 per million input tokens and $2.00 per million output tokens.
model-008	gpt-5-nano pricing	gpt-5-nano is the fastest and cheapest GPT-5 model from OpenAI. It costs $0.05 per million input tokens and $0.40 per million output tokens.
model-009	o3 pricing	o3 is a reasoning model that spends output tokens thinking before it answers from OpenAI. It costs $2.00 per million input tokens and $8.00 per million output tokens.
model-010	o4-mini pricing	o4-mini is a small reasoning model from OpenAI. It costs $1.10 per million input tokens and $4.40 per million output tokens.
model-011	gpt-3.5-turbo pricing	gpt-3.5-turbo is an older chat model kept for compatibility from OpenAI. It costs $0.50 per million input tokens and $1.50 per million output tokens.
model-012	text-embedding-3-small pricing	text-embedding-3-small is an embedding model with 1536 dimensions from OpenAI. It costs $0.02 per million input tokens.
model-013	text-embedding-3-large pricing	text-embedding-3-large is an embedding model with 3072 dimensions from OpenAI. It costs $0.13 per million input tokens.
model-014	claude-sonnet-4-5 pricing	claude-sonnet-4-5 is a balanced model for agents and coding with a 200k token context window from Anthropic. It costs $3.00 per million input tokens and $15.00 per million output tokens.
model-015	claude-sonnet-4 pricing	claude-sonnet-4 is a balanced Claude 4 model with a 200k token context window from Anthropic. It costs $3.00 per million input tokens and $15.00 per million output tokens.
model-016	claude-opus-4-1 pricing	claude-opus-4-1 is Anthropic's most capable Claude 4 model for hard reasoning from Anthropic. It costs $15.00 per million input tokens and $75.00 per million output tokens.
model-017	claude-haiku-4-5 pricing	claude-haiku-4-5 is a fast, low-cost Claude model from Anthropic. It costs $1.00 per million input tokens and $5.00 per million output tokens.
model-018	claude-3-5-haiku pricing	claude-3-5-haiku is a fast Claude 3.5 model from Anthropic. It costs $0.80 per million input tokens and $4.00 per million output tokens.
model-019	claude-3-7-sonnet pricing	claude-3-7-sonnet is a Claude model with extended thinking from Anthropic. It costs $3.00 per million input tokens and $15.00 per million output tokens.
model-020	claude-3-haiku pricing	claude-3-haiku is the cheapest Claude 3 model from Anthropic. It costs $0.25 per million input tokens and $1.25 per million output tokens.
signal-001	The SIGINT signal	On Linux, SIGINT is sent by Ctrl-C in a terminal; programs should flush telemetry and exit.
signal-002	The SIGTERM signal	On Linux, SIGTERM asks a process to terminate gracefully, for example when a container stops.
signal-003	The SIGKILL signal	On Linux, SIGKILL kills a process at once; it cannot be caught, so nothing is flushed.
signal-004	The SIGHUP signal	On Linux, SIGHUP is sent when the terminal closes; daemons often reload configuration on it.
signal-005	The SIGPIPE signal	On Linux, SIGPIPE is raised when writing to a closed socket or pipe; network programs ignore it and handle the EPIPE error.
signal-006	The SIGSEGV signal	On Linux, SIGSEGV signals an invalid memory access, a crash.
signal-007	The SIGABRT signal	On Linux, SIGABRT is raised by abort, for example on a failed precondition in Swift.
signal-008	The SIGCHLD signal	On Linux, SIGCHLD tells a parent process that a child exited.
signal-009	The SIGUSR1 signal	On Linux, SIGUSR1 is a user-defined signal, often used to dump state or rotate logs.
signal-010	The SIGALRM signal	On Linux, SIGALRM is delivered when a timer set with alarm expires.
signal-011	The SIGQUIT signal	On Linux, SIGQUIT quits a process and produces a core dump; Ctrl-backslash sends it.
signal-012	The SIGSTOP signal	On Linux, SIGSTOP pauses a process and cannot be caught.
signal-013	The SIGCONT signal	On Linux, SIGCONT resumes a stopped process.
signal-014	The SIGTRAP signal	On Linux, SIGTRAP is raised by a breakpoint or a Swift runtime trap such as integer overflow.
errno-001	The ECONNREFUSED error	The POSIX error ECONNREFUSED means connection refused: nothing listens on the port, such as an OTLP endpoint with no collector running.
errno-002	The ETIMEDOUT error	The POSIX error ETIMEDOUT means the connection timed out because the peer did not answer.
errno-003	The ECONNRESET error	The POSIX error ECONNRESET means the peer reset the connection, closing it abruptly.
errno-004	The EPIPE error	The POSIX error EPIPE means writing to a socket whose other end is closed.
errno-005	The EADDRINUSE error	The POSIX error EADDRINUSE means the address is already in use, another process holds the port.
errno-006	The ENOENT error	The POSIX error ENOENT means no such file or directory.
errno-007	The EACCES error	The POSIX error EACCES means permission denied.
errno-008	The EAGAIN error	The POSIX error EAGAIN means the resource is temporarily unavailable; try again, common on non-blocking sockets.
errno-009	The EINTR error	The POSIX error EINTR means a system call was interrupted by a signal and may be retried.
errno-010	The EMFILE error	The POSIX error EMFILE means the process has too many open files.
errno-011	The ENOMEM error	The POSIX error ENOMEM means the system is out of memory.
errno-012	The EHOSTUNREACH error	The POSIX error EHOSTUNREACH means no route to the host.
errno-013	The ENETUNREACH error	The POSIX error ENETUNREACH means the network is unreachable.
errno-014	The EINVAL error	The POSIX error EINVAL means an argument is invalid.
errno-015	The ENOSPC error	The POSIX error ENOSPC means no space left on the device.
swift-001	async let	In Swift, async let starts a child task whose result is awaited later, letting independent work run concurrently.
swift-002	withCheckedContinuation	In Swift, withCheckedContinuation bridges a callback-based API to async code; the continuation must be resumed exactly once.
swift-003	Task.sleep	In Swift, Task.sleep suspends the current task for a duration without blocking a thread.
swift-004	Task cancellation	In Swift, Task cancellation is cooperative: code checks Task.isCancelled or calls Task.checkCancellation to stop early.
swift-005	nonisolated(unsafe)	In Swift, nonisolated(unsafe) opts a variable out of concurrency checking when the programmer guarantees safety.
swift-006	@MainActor	In Swift, @MainActor isolates code to the main thread, typically for user interface work.
swift-007	Swift 6 language mode	In Swift, Swift 6 language mode turns data race safety checks into errors instead of warnings.
swift-008	Atomic from Synchronization	In Swift, Atomic from Synchronization gives lock-free atomic operations on integers and booleans in Swift 6.
swift-009	Mutex from Synchronization	In Swift, Mutex from Synchronization protects a value with a lock in Swift 6; ThreadSanitizer may not see its futex-based locking.
swift-010	Result type	In Swift, Result type represents success with a value or failure with an error.
swift-011	defer statement	In Swift, defer statement runs code when the current scope exits, such as ending a span or unlocking a mutex.
swift-012	guard statement	In Swift, guard statement exits early when a condition fails, keeping the main path unindented.
swift-013	Codable	In Swift, Codable derives JSON encoding and decoding for types, convenient but slower than hand-written encoders on hot paths.
swift-014	Copy on write	In Swift, Copy on write lets Swift arrays and strings share storage until one copy is mutated.
swift-015	String.Index	In Swift, String.Index marks positions in a Swift string, which is a collection of extended grapheme clusters, not bytes.
swift-016	Unicode normalization	In Swift, Unicode normalization maps equivalent character sequences to one form; NFKC also folds compatibility characters such as full-width letters.
swift-017	SHA-256 with swift-crypto	In Swift, SHA-256 with swift-crypto is computed with SHA256.hash(data:) from the Crypto module, which uses BoringSSL on Linux.
swift-018	ProcessInfo	In Swift, ProcessInfo gives the process environment, arguments and host information in Foundation.
swift-019	FileHandle.standardError	In Swift, FileHandle.standardError writes to standard error, where diagnostics belong so standard output stays clean.
swift-020	@main attribute	In Swift, @main attribute marks the type whose static main method starts the program.
"""#
}
