import Foundation
import LLMTrace
import LLMTraceGenAI

/// Writes the answer from the question and the top passages, inside a chat span.
public protocol AnswerGenerator: Sendable {
    /// `gen_ai.provider.name` of this generator.
    var provider: String { get }
    /// Where it sends requests, for `server.address`/`server.port`; `nil` when in-process.
    var server: (address: String, port: Int)? { get }
    /// Generates; records the first chunk on `span` when streaming.
    func generate(messages: [ChatMessage], model: String, span: GenAISpan) async throws -> Generation
}
