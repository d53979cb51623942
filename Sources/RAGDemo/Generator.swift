import Foundation
import LLMTrace
import LLMTraceGenAI
import LLMTraceSupport

/// What a generation produced.
struct Generation: Sendable {
    var text: String
    var usage: TokenUsage
    var responseModel: String
    var responseID: String?
    var finishReason: String
}

/// Writes the answer from the question and the top passages, inside a chat span.
protocol AnswerGenerator: Sendable {
    /// `gen_ai.provider.name` of this generator.
    var provider: String { get }
    /// Where it sends requests, for `server.address`/`server.port`; `nil` when in-process.
    var server: (address: String, port: Int)? { get }
    /// Generates; records the first chunk on `span` when streaming.
    func generate(messages: [ChatMessage], model: String, span: GenAISpan) async throws -> Generation
}

/// A failure of the model provider, real or simulated, with its `error.type`.
enum ProviderError: Error, ErrorTypeProviding, CustomStringConvertible {
    /// HTTP 429: too many requests or tokens; `retryAfter` seconds if the provider said.
    case rateLimited(retryAfter: Int?)
    /// No answer within the timeout.
    case timeout(seconds: Double)
    /// Any other HTTP status.
    case http(status: Int, message: String)
    /// The connection failed.
    case transport(String)
    /// A 200 answer that was not a chat completion.
    case invalidResponse(String)

    var errorType: String {
        switch self {
        case .rateLimited: return "rate_limit_exceeded"
        case .timeout: return "timeout"
        case .http(let status, _): return String(status)
        case .transport: return "connection_error"
        case .invalidResponse: return "invalid_response"
        }
    }

    var description: String {
        switch self {
        case .rateLimited(let after): return "429 Too Many Requests: rate limit reached" + (after.map { ", retry after \($0) s" } ?? "")
        case .timeout(let seconds): return "no answer from the model within \(seconds) s"
        case .http(let status, let message): return "HTTP \(status): \(message)"
        case .transport(let message): return "connection failed: \(message)"
        case .invalidResponse(let message): return "invalid response: \(message)"
        }
    }
}

/// The built-in generator used without an API: answers with the passage sentences that share
/// the most terms with the question, streamed with a realistic pace.
struct LocalGenerator: AnswerGenerator {
    var provider: String { "llmtrace.local" }
    var server: (address: String, port: Int)? { nil }
    /// Multiplies every simulated delay; 0 makes generation instant (tests).
    var latencyScale: Double
    /// Delay before the first chunk, at scale 1.
    var firstChunkDelay: Duration = .milliseconds(180)
    /// Delay per output token after the first chunk, at scale 1.
    var perTokenDelay: Duration = .milliseconds(6)

    func generate(messages: [ChatMessage], model: String, span: GenAISpan) async throws -> Generation {
        let prompt = messages.flatMap(\.parts).compactMap { part -> String? in
            if case .text(let text) = part { return text }
            return nil
        }.joined(separator: "\n")
        let question = messages.last?.parts.first.flatMap { part -> String? in
            if case .text(let text) = part { return text }
            return nil
        } ?? ""
        let answer = Self.compose(question: question, context: prompt)
        let usage = TokenUsage(inputTokens: Text.tokenCount(prompt), outputTokens: Text.tokenCount(answer))

        try await sleep(firstChunkDelay)
        span.recordFirstChunk()
        try await sleep(perTokenDelay * usage.outputTokens)
        return Generation(text: answer, usage: usage, responseModel: model, responseID: "local-\(UInt32.random(in: .min ... .max))", finishReason: "stop")
    }

    private func sleep(_ duration: Duration) async throws {
        guard latencyScale > 0 else { return }
        try await Task.sleep(for: duration * latencyScale)
    }

    /// Picks up to three context sentences with the most question terms, cites their documents.
    static func compose(question: String, context: String) -> String {
        let questionTerms = Set(Text.terms(question))
        var candidates: [(sentence: String, source: String, score: Int)] = []
        for line in context.split(separator: "\n") where line.hasPrefix("[") {
            guard let close = line.firstIndex(of: "]") else { continue }
            let source = String(line[line.index(after: line.startIndex)..<close])
            let body = line[line.index(after: close)...]
            for sentence in body.split(separator: ".") {
                let trimmed = sentence.trimmingCharacters(in: .whitespaces)
                guard trimmed.count > 12 else { continue }
                let score = questionTerms.intersection(Text.terms(trimmed)).count
                if score > 0 { candidates.append((trimmed, source, score)) }
            }
        }
        let chosen = candidates.enumerated().sorted { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }.prefix(3).map(\.element)
        guard !chosen.isEmpty else { return "The documents do not answer this question." }
        let sources = chosen.map(\.source).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return chosen.map { $0.sentence + "." }.joined(separator: " ") + " [" + sources.joined(separator: ", ") + "]"
    }
}

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

/// A thread-safe counter for round-robin choices.
final class Counter: Sendable {
    private let value = Locked(0)
    func increment() -> Int { value.withLock { value in defer { value &+= 1 }; return value } }
}
