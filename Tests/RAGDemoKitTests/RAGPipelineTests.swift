import Foundation
import LLMTrace
import LLMTraceGenAI
import LLMTraceTesting
import Testing
@testable import RAGDemoKit

@Suite struct RAGPipelineTests {
    @Test(arguments: [
        ("What port does OTLP over HTTP use?", "concept-012"),
        ("How does BM25 weight rare terms?", "concept-033"),
        ("What does HTTP status 429 Too Many Requests mean?", "http-025"),
        ("How much does gpt-4o-mini cost per million input tokens?", "model-002"),
        ("Which port does the Jaeger UI listen on?", "concept-026"),
        ("What does OTEL_BSP_MAX_QUEUE_SIZE control?", "env-013"),
        ("What does the ECONNREFUSED error mean?", "errno-001"),
        ("What does the SIGTERM signal ask a process to do?", "signal-002"),
    ])
    func retrievalAndRerankingFindTheRelevantDocument(_ question: String, _ expected: String) throws {
        let hits = BM25Index(documents: Corpus.documents).search(question, limit: 20)
        #expect(hits.prefix(5).contains { $0.document.id == expected }, "BM25 top 5: \(hits.prefix(5).map(\.document.id))")
        let reranked = ProximityReranker().rerank(question, candidates: hits, keep: 4)
        #expect(reranked.prefix(3).contains { $0.document.id == expected }, "reranked: \(reranked.map(\.document.id))")
    }

    @Test func theCorpusHasAFewHundredUniqueDocuments() {
        #expect(Corpus.documents.count >= 250)
        #expect(Set(Corpus.documents.map(\.id)).count == Corpus.documents.count)
        #expect(Corpus.documents.allSatisfy { !$0.title.isEmpty && $0.text.count > 40 })
    }

    @Test func localTokenCountsAreConsistent() {
        #expect(Text.tokenCount("") == 0)
        #expect(Text.tokenCount("OTLP uses port 4318.") == Text.tokenCount("OTLP uses port 4318."))
        #expect(Text.tokenCount("a b c") == 3)
        #expect(Text.tokenCount("internationalization") == 5)
        #expect(Text.tokenCount("Hello, world!") == 2 + 1 + 2 + 1, "two words of five letters, two marks")
    }

}
