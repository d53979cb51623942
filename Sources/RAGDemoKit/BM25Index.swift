#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A BM25 keyword index over the corpus: the pipeline's first, fast retrieval stage.
public struct BM25Index: Sendable {
    public struct Hit: Sendable, Equatable {
        public let document: Document
        public let score: Double
    }

    private let documents: [Document]
    private let termFrequencies: [[String: Int]]
    private let lengths: [Int]
    private let averageLength: Double
    private let inverseDocumentFrequency: [String: Double]
    private let k1 = 1.2
    private let b = 0.75

    public init(documents: [Document]) {
        self.documents = documents
        var frequencies: [[String: Int]] = []
        var lengths: [Int] = []
        var documentCounts: [String: Int] = [:]
        for document in documents {
            // The title counts twice: it names what the passage is about.
            let terms = Text.terms(document.title) + Text.terms(document.title) + Text.terms(document.text)
            var counts: [String: Int] = [:]
            for term in terms { counts[term, default: 0] += 1 }
            for term in counts.keys { documentCounts[term, default: 0] += 1 }
            frequencies.append(counts)
            lengths.append(terms.count)
        }
        self.termFrequencies = frequencies
        self.lengths = lengths
        self.averageLength = Double(lengths.reduce(0, +)) / Double(max(1, lengths.count))
        let n = Double(documents.count)
        self.inverseDocumentFrequency = documentCounts.mapValues { count in
            // The BM25+ style floor keeps very common terms from scoring negative.
            log(1 + (n - Double(count) + 0.5) / (Double(count) + 0.5))
        }
    }

    /// The `limit` best documents for `query`, best first; documents sharing no term are left out.
    public func search(_ query: String, limit: Int) -> [Hit] {
        let queryTerms = Set(Text.terms(query))
        guard !queryTerms.isEmpty else { return [] }
        var hits: [Hit] = []
        for (index, frequencies) in termFrequencies.enumerated() {
            var score = 0.0
            let lengthNorm = k1 * (1 - b + b * Double(lengths[index]) / averageLength)
            for term in queryTerms {
                guard let tf = frequencies[term], let idf = inverseDocumentFrequency[term] else { continue }
                let f = Double(tf)
                score += idf * f * (k1 + 1) / (f + lengthNorm)
            }
            if score > 0 { hits.append(Hit(document: documents[index], score: score)) }
        }
        hits.sort { $0.score > $1.score || ($0.score == $1.score && $0.document.id < $1.document.id) }
        return Array(hits.prefix(limit))
    }
}
