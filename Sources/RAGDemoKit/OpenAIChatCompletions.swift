import Foundation
import LLMTrace
import LLMTraceGenAI
internal import LLMTraceSupport

/// The wire format of an OpenAI-compatible `POST /chat/completions`, shared by every client
/// (libcurl in rag-demo, AsyncHTTPClient in the gateway), so they send and read the same thing.
public enum OpenAIChatCompletions {
    /// The path under the base URL (`OPENAI_BASE_URL`, e.g. `https://api.openai.com/v1`).
    public static let path = "/chat/completions"
    public static let temperature = 0.2
    public static let maxTokens = 400

    /// The request URL: `baseURL` without a trailing slash, plus `path`.
    public static func url(baseURL: String) -> String {
        (baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL) + path
    }

    /// `gen_ai.provider.name` for a base URL: `openai` for OpenAI's own API, else `openai_compatible`.
    public static func provider(baseURL: String) -> String {
        baseURL.contains("api.openai.com") ? GenAI.providerOpenAI : "openai_compatible"
    }

    /// A base URL fit for a log line: no user, password or query (where keys hide).
    public static func redacted(baseURL: String) -> String { Redaction.url(baseURL) }

    /// Host and port of a base URL, for `server.address`/`server.port`.
    public static func server(baseURL: String) -> (address: String, port: Int)? {
        guard let components = URLComponents(string: baseURL), let host = components.host else { return nil }
        return (host, components.port ?? (components.scheme == "https" ? 443 : 80))
    }

    /// The JSON request body: the messages' text parts, joined per message.
    public static func requestBody(messages: [ChatMessage], model: String) throws -> [UInt8] {
        let body: [String: Any] = [
            "model": model,
            "temperature": temperature,
            "max_tokens": maxTokens,
            "messages": messages.map { message in
                ["role": message.role, "content": message.parts.compactMap { part -> String? in
                    if case .text(let text) = part { return text }
                    return nil
                }.joined(separator: "\n")]
            },
        ]
        return Array(try JSONSerialization.data(withJSONObject: body))
    }

    /// The generation in a 200 answer; `ProviderError.invalidResponse` when it is not a chat completion.
    public static func parse(_ body: [UInt8], model: String) throws -> Generation {
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

    /// The generation of an answer with `status`, or the `ProviderError` it means.
    /// - Parameters:
    ///   - status: The HTTP status of the answer.
    ///   - retryAfter: The `Retry-After` header, if any.
    ///   - body: The answer's body.
    ///   - model: The model asked for, when the answer names none.
    public static func result(status: Int, retryAfter: String?, body: [UInt8], model: String) throws -> Generation {
        switch status {
        case 200: return try parse(body, model: model)
        case 429: throw ProviderError.rateLimited(retryAfter: retryAfter.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) })
        default: throw ProviderError.http(status: status, message: errorMessage(body))
        }
    }

    /// The provider's `error.message`, else the start of the body: at most 200 characters.
    static func errorMessage(_ body: [UInt8]) -> String {
        if let json = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
           let error = json["error"] as? [String: Any], let message = error["message"] as? String {
            return String(message.prefix(200))
        }
        return String(decoding: body.prefix(200), as: UTF8.self)
    }
}
