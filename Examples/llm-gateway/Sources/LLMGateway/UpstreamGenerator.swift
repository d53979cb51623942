import AsyncHTTPClient
import LLMTrace
import LLMTraceGenAI
import NIOCore
import NIOHTTP1
import RAGDemoKit

/// Generation by an OpenAI-compatible chat-completions API over AsyncHTTPClient. The client's
/// own span (kind CLIENT) is a child of the chat span, and the request carries `traceparent`
/// and `baggage` upstream. The API key travels in one header and nowhere else.
struct UpstreamGenerator: AnswerGenerator {
    /// The largest answer read from the upstream.
    static let maxAnswerBytes = 4 << 20

    let upstream: GatewayConfiguration.Upstream
    let client: HTTPClient

    var provider: String { OpenAIChatCompletions.provider(baseURL: upstream.baseURL) }

    var server: (address: String, port: Int)? { OpenAIChatCompletions.server(baseURL: upstream.baseURL) }

    func generate(messages: [ChatMessage], model: String, span: GenAISpan) async throws -> Generation {
        var request = HTTPClientRequest(url: OpenAIChatCompletions.url(baseURL: upstream.baseURL))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(upstream.apiKey)")
        request.body = .bytes(try OpenAIChatCompletions.requestBody(messages: messages, model: model))
        let timeout = TimeAmount.nanoseconds(upstream.timeout.components.seconds * 1_000_000_000 + upstream.timeout.components.attoseconds / 1_000_000_000)
        let status: Int, retryAfter: String?, body: ByteBuffer
        do {
            let response = try await client.execute(request, timeout: timeout)
            status = Int(response.status.code)
            retryAfter = response.headers.first(name: "retry-after")
            body = try await response.body.collect(upTo: Self.maxAnswerBytes)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw ProviderError.timeout(seconds: Double(timeout.nanoseconds) / 1e9)
        } catch is NIOTooManyBytesError {
            throw ProviderError.invalidResponse("the answer is larger than \(Self.maxAnswerBytes) bytes")
        } catch {
            // AsyncHTTPClient's errors name the failure (connection refused, reset), never a header.
            throw ProviderError.transport(String(describing: error))
        }
        return try OpenAIChatCompletions.result(status: status, retryAfter: retryAfter, body: Array(buffer: body), model: model)
    }
}
