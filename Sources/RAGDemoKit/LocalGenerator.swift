import Foundation
import LLMTrace
import LLMTraceGenAI
internal import LLMTraceSupport

/// The built-in generator used without an API: answers with the passage sentences that share
/// the most terms with the question, streamed with a realistic pace.
public struct LocalGenerator: AnswerGenerator {
    /// `gen_ai.provider.name` of the demo's own, in-process stages.
    public static let providerName = "llmtrace.local"

    public var provider: String { Self.providerName }
    public var server: (address: String, port: Int)? { nil }
    /// Multiplies every simulated delay; 0 makes generation instant (tests).
    public var latencyScale: Double
    /// Delay before the first chunk, at scale 1.
    var firstChunkDelay: Duration = .milliseconds(180)
    /// Delay per output token after the first chunk, at scale 1.
    var perTokenDelay: Duration = .milliseconds(6)

    /// A generator whose delays are multiplied by `latencyScale` (0: instant).
    public init(latencyScale: Double) {
        self.latencyScale = latencyScale
    }

    public func generate(messages: [ChatMessage], model: String, span: GenAISpan) async throws -> Generation {
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

        // Streamed word by word through the span's stream wrapper, which records the time to the
        // first chunk and between chunks; the pipeline records the response when it is whole.
        var text = ""
        for try await word in span.stream(words(answer)) { text += word }
        return Generation(text: answer, usage: usage, responseModel: model, responseID: "local-\(UInt32.random(in: .min ... .max))", finishReason: "stop")
    }

    /// `answer` as a stream of words (each with its trailing space), paced like a model: the
    /// first after `firstChunkDelay`, each later one after `perTokenDelay` per token.
    private func words(_ answer: String) -> AsyncThrowingStream<String, any Error> {
        var pieces: [String] = []
        var current = ""
        for character in answer {
            current.append(character)
            if character == " " {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty { pieces.append(current) }
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: String.self)
        let producer = Task {
            do {
                try await sleep(firstChunkDelay)
                for (i, piece) in pieces.enumerated() {
                    if i > 0 { try await sleep(perTokenDelay * Text.tokenCount(piece)) }
                    continuation.yield(piece)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in producer.cancel() }
        return stream
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
