import Foundation
import LLMTrace
import LLMTraceGenAI
internal import LLMTraceSupport

/// A real chat-completions call to an OpenAI-compatible server (`OPENAI_BASE_URL`), over
/// libcurl. The API key is sent in a header and never printed or recorded.
public struct OpenAICompatibleGenerator: AnswerGenerator {
    let baseURL: String
    let apiKey: String
    let timeout: Duration
    let transports: [CurlTransport]
    private let next = Counter()

    /// - Parameters:
    ///   - baseURL: `OPENAI_BASE_URL`, e.g. `https://api.openai.com/v1`.
    ///   - apiKey: Sent in the `Authorization` header only.
    ///   - timeout: Longest wait for a whole answer.
    ///   - concurrency: How many calls may be in flight at once (one connection each).
    public init(baseURL: String, apiKey: String, timeout: Duration, concurrency: Int) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.timeout = timeout
        // One handle per concurrent request: a curl handle serves one transfer at a time.
        self.transports = (0..<max(1, concurrency)).map { _ in CurlTransport(userAgent: "llmtrace-rag-demo/\(TracerProvider.sdkVersion)") }
    }

    public var provider: String { OpenAIChatCompletions.provider(baseURL: baseURL) }

    public var server: (address: String, port: Int)? { OpenAIChatCompletions.server(baseURL: baseURL) }

    public func generate(messages: [ChatMessage], model: String, span: GenAISpan) async throws -> Generation {
        let request = HTTPRequest(
            url: OpenAIChatCompletions.url(baseURL: baseURL),
            headers: [(name: "Content-Type", value: "application/json"), (name: "Authorization", value: "Bearer \(apiKey)")],
            body: try OpenAIChatCompletions.requestBody(messages: messages, model: model)
        )
        let transport = transports[next.increment() % transports.count]
        let timeout = self.timeout
        // libcurl blocks its thread: keep it off the cooperative pool.
        let result = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: transport.post(request, timeout: timeout)) }
        }
        switch result {
        case .failure(let error):
            if error.isTimeout { throw ProviderError.timeout(seconds: timeout.seconds) }
            throw ProviderError.transport(error.message)
        case .success(let response):
            return try OpenAIChatCompletions.result(status: response.status, retryAfter: response.headers["retry-after"], body: response.body, model: model)
        }
    }
}
