import Foundation
import LLMTrace
import LLMTraceGenAI

/// A failure of the model provider, real or simulated, with its `error.type`.
public enum ProviderError: Error, ErrorTypeProviding, CustomStringConvertible {
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

    public var errorType: String {
        switch self {
        case .rateLimited: return "rate_limit_exceeded"
        case .timeout: return "timeout"
        case .http(let status, _): return String(status)
        case .transport: return "connection_error"
        case .invalidResponse: return "invalid_response"
        }
    }

    public var description: String {
        switch self {
        case .rateLimited(let after): return "429 Too Many Requests: rate limit reached" + (after.map { ", retry after \($0) s" } ?? "")
        case .timeout(let seconds): return "no answer from the model within \(seconds) s"
        case .http(let status, let message): return "HTTP \(status): \(message)"
        case .transport(let message): return "connection failed: \(message)"
        case .invalidResponse(let message): return "invalid response: \(message)"
        }
    }
}
