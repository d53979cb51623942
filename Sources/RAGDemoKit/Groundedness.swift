/// The pipeline's second evaluation of an answer: the share of its content words that occur in
/// the passages it was given. Deterministic and cheap, like `CitationCheck`; its score feeds the
/// `llmtrace.gen_ai.evaluation.score` histogram, where a drop shows a model that started to
/// answer from elsewhere than the documents.
public enum Groundedness {
    /// The evaluation's name (`gen_ai.evaluation.name`).
    public static let name = "groundedness"
    /// Scores at or above this are labelled `pass`.
    public static let passThreshold = 0.7

    /// The share (0...1) of the answer's distinct terms, citations left out, found among the
    /// passages' terms; 0 for an answer without terms. Labelled `pass` or `fail`.
    public static func evaluate(answer: String, passages: [String]) -> (score: Double, label: String) {
        let cited = answer.split(separator: "[", maxSplits: 1).first.map(String.init) ?? answer
        let terms = Set(Text.terms(cited))
        guard !terms.isEmpty else { return (0, "fail") }
        let known = Set(passages.flatMap(Text.terms))
        let score = Double(terms.filter(known.contains).count) / Double(terms.count)
        return (score, score >= passThreshold ? "pass" : "fail")
    }
}
