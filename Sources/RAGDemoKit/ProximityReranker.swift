/// The second, finer stage: rescores BM25's candidates by how well they cover the question,
/// whether its word pairs appear together, and how close its terms sit, the signals a
/// cross-encoder learns, computed directly.
struct ProximityReranker: Sendable {
    /// The model name on the rerank span.
    static let modelName = "llmtrace-proximity-reranker"

    struct Scored: Sendable {
        let document: Document
        let score: Double
    }

    func rerank(_ query: String, candidates: [BM25Index.Hit], keep: Int) -> [Scored] {
        let queryTerms = Text.terms(query)
        let uniqueQuery = Set(queryTerms)
        guard !uniqueQuery.isEmpty else { return [] }
        let queryPairs = Set(zip(queryTerms, queryTerms.dropFirst()).map { "\($0) \($1)" })
        let maxBM25 = candidates.map(\.score).max() ?? 1

        let scored = candidates.map { hit -> Scored in
            let titleTerms = Set(Text.terms(hit.document.title))
            let terms = Text.terms(hit.document.title + " " + hit.document.text)
            let present = uniqueQuery.intersection(terms)
            let coverage = Double(present.count) / Double(uniqueQuery.count)
            let pairs = Set(zip(terms, terms.dropFirst()).map { "\($0) \($1)" })
            let pairScore = queryPairs.isEmpty ? 0 : Double(queryPairs.intersection(pairs).count) / Double(queryPairs.count)
            let titleScore = Double(uniqueQuery.intersection(titleTerms).count) / Double(uniqueQuery.count)
            let proximity = Self.proximity(of: present, in: terms)
            let score = 0.35 * (hit.score / maxBM25) + 0.25 * coverage + 0.15 * pairScore + 0.15 * titleScore + 0.10 * proximity
            return Scored(document: hit.document, score: score)
        }
        return Array(scored.sorted { $0.score > $1.score || ($0.score == $1.score && $0.document.id < $1.document.id) }.prefix(keep))
    }

    /// 1 when the matched terms sit next to each other, falling toward 0 as the smallest window
    /// holding all of them grows.
    private static func proximity(of matched: Set<String>, in terms: [String]) -> Double {
        guard matched.count > 1 else { return matched.isEmpty ? 0 : 1 }
        var best = Int.max
        var counts: [String: Int] = [:]
        var covered = 0
        var left = 0
        for (right, term) in terms.enumerated() {
            if matched.contains(term) {
                counts[term, default: 0] += 1
                if counts[term] == 1 { covered += 1 }
            }
            while covered == matched.count {
                best = min(best, right - left + 1)
                let leftTerm = terms[left]
                if matched.contains(leftTerm) {
                    counts[leftTerm]! -= 1
                    if counts[leftTerm] == 0 { covered -= 1 }
                }
                left += 1
            }
        }
        guard best != Int.max else { return 0 }
        return Double(matched.count) / Double(best)
    }
}
