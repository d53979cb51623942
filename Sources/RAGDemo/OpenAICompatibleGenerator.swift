import Foundation
import LLMTrace
import LLMTraceGenAI
import LLMTraceSupport

/// A real chat-completions call to an OpenAI-compatible server (`OPENAI_BASE_URL`), over
/// libcurl. The API key is sent in a header and never printed or recorded.
struct OpenAICompatibleGenerator: AnswerGenerator {
    let baseURL: String
    let apiKey: String
    let timeout: Duration
    let transports: [CurlTransport]
    private let next = Counter()

    init(baseURL: String, apiKey: String, timeout: Duration, concurrency: Int) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.timeout = timeout
        // One handle per concurrent request: a curl handle serves one transfer at a time.
        self.transports = (0..<max(1, concurrency)).map { _ in CurlTransport(userAgent: "llmtrace-rag-demo/\(TracerProvider.sdkVersion)") }
    }

    var provider: String {
        baseURL.contains("api.openai.com") ? GenAI.providerOpenAI : "openai_compatible"
    }

    var server: (address: String, port: Int)? {
        guard let components = URLComponents(string: baseURL), let host = components.host else { return nil }
        return (host, components.port ?? (components.scheme == "https" ? 443 : 80))
    }

    func generate(messages: [ChatMessage], model: String, span: GenAISpan) async throws -> Generation {
        let body: [String: Any] = [
            "model": model,
            "temperature": 0.2,
            "max_tokens": 400,
            "messages": messages.map { message in
                ["role": message.role, "content": message.parts.compactMap { part -> String? in
                    if case .text(let text) = part { return text }
                    return nil
                }.joined(separator: "\n")]
            },
        ]
        let request = HTTPRequest(
            url: baseURL + "/chat/completions",
            headers: [(name: "Content-Type", value: "application/json"), (name: "Authorization", value: "Bearer \(apiKey)")],
            body: Array(try JSONSerialization.data(withJSONObject: body))
        )
        let transport = transports[next.increment() % transports.count]
        let timeout = self.timeout
        // libcurl blocks its thread: keep it off the cooperative pool.
        let result = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: transport.post(request, timeout: timeout)) }
        }
        switch result {
        case .failure(let error):
            if error.isTimeout { throw ProviderError.timeout(seconds: Double(timeout.components.seconds)) }
            throw ProviderError.transport(error.message)
        case .success(let response) where response.status == 429:
            throw ProviderError.rateLimited(retryAfter: response.headers["retry-after"].flatMap { Int($0) })
        case .success(let response) where response.status != 200:
            throw ProviderError.http(status: response.status, message: Self.errorMessage(response.body))
        case .success(let response):
            return try Self.parse(response.body, model: model)
        }
    }

    static func parse(_ body: [UInt8], model: String) throws -> Generation {
        guard let json = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let choices = json["choices"] as? [[String: Any]], let first = choices.first,
              let message = first["message"] as? [String: Any]
        else { throw ProviderError.invalidResponse("no choices[0].message in the answer") }
        let usage = json["usage"] as? [String: Any]
        let details = usage?["prompt_tokens_details"] as? [String: Any]
        let completionDetails = usage?["completion_tokens_details"] as? [String: Any]
        return Generation(
            text: message["content"] as? String ?? "",
            usage: TokenUsage(
                inputTokens: usage?["prompt_tokens"] as? Int ?? 0,
                outputTokens: usage?["completion_tokens"] as? Int ?? 0,
                cacheReadInputTokens: details?["cached_tokens"] as? Int ?? 0,
                reasoningOutputTokens: completionDetails?["reasoning_tokens"] as? Int ?? 0
            ),
            responseModel: json["model"] as? String ?? model,
            responseID: json["id"] as? String,
            finishReason: first["finish_reason"] as? String ?? "stop"
        )
    }

    private static func errorMessage(_ body: [UInt8]) -> String {
        if let json = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
           let error = json["error"] as? [String: Any], let message = error["message"] as? String {
            return String(message.prefix(200))
        }
        return String(decoding: body.prefix(200), as: UTF8.self)
    }
}
