import Foundation
import LLMTrace
import LLMTraceGenAI
import LLMTraceTesting
import Testing
@testable import RAGDemoKit

@Suite struct OpenAICompatibleGeneratorTests {
    @Test func openAIAnswersAreParsedWithUsage() throws {
        let body = #"{"id":"chatcmpl-7","model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"4318"},"finish_reason":"stop"}],"usage":{"prompt_tokens":120,"completion_tokens":8,"prompt_tokens_details":{"cached_tokens":64}}}"#
        let generation = try OpenAIChatCompletions.parse(Array(body.utf8), model: "gpt-4o-mini")
        #expect(generation.text == "4318" && generation.responseModel == "gpt-4o-mini-2024-07-18" && generation.responseID == "chatcmpl-7")
        #expect(generation.usage == TokenUsage(inputTokens: 120, outputTokens: 8, cacheReadInputTokens: 64))
        #expect(throws: ProviderError.self) { try OpenAIChatCompletions.parse(Array("{}".utf8), model: "m") }
    }

    /// The OpenAI-compatible path over libcurl, against a real HTTP server on 127.0.0.1.
    @Test func theOpenAICompatibleGeneratorCallsTheServer() async throws {
        let answer = #"{"id":"chatcmpl-1","model":"gpt-4o-mini-2024-07-18","choices":[{"message":{"role":"assistant","content":"Port 4318."},"finish_reason":"stop"}],"usage":{"prompt_tokens":50,"completion_tokens":4}}"#
        let receiver = try TestReceiver { index, _ in
            index == 0 ? .respond(status: 200, body: answer) : .respond(status: 429, headers: ["Retry-After": "7"], body: #"{"error":{"message":"slow down"}}"#)
        }
        defer { receiver.stop() }
        let (provider, exporter) = TestTracing.provider()
        let genAI = GenAITracer(tracer: provider.tracer("t"))
        let generator = OpenAICompatibleGenerator(baseURL: "http://127.0.0.1:\(receiver.port)/v1/", apiKey: "sk-test-secret", timeout: .seconds(5), concurrency: 1)
        #expect(generator.server?.address == "127.0.0.1" && generator.server?.port == receiver.port)
        let messages: [ChatMessage] = [.text("user", "What port?")]

        let generation = try await genAI.withChat(ChatRequest(model: "gpt-4o-mini", provider: generator.provider)) { span in
            try await generator.generate(messages: messages, model: "gpt-4o-mini", span: span)
        }
        #expect(generation.text == "Port 4318." && generation.usage == TokenUsage(inputTokens: 50, outputTokens: 4))
        let request = try #require(receiver.requests.first)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer sk-test-secret")
        let body = request.json
        #expect(body["model"] as? String == "gpt-4o-mini")
        #expect((body["messages"] as? [[String: Any]])?.first?["content"] as? String == "What port?")

        await #expect(throws: ProviderError.self) {
            try await genAI.withChat(ChatRequest(model: "gpt-4o-mini", provider: generator.provider)) { span in
                try await generator.generate(messages: messages, model: "gpt-4o-mini", span: span)
            }
        }
        provider.forceFlush()
        let failed = exporter.spans.last
        #expect(failed?.attributes["error.type"] == "rate_limit_exceeded")
        // The key travels only in the request header: never on a span.
        #expect(!exporter.spans.contains { $0.attributes.contains { "\($0.value)".contains("sk-test-secret") } })
    }
}
