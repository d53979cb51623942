/// The pipeline's own evaluation of an answer: do its bracketed citations (`[concept-012]`)
/// name passages it was given? A cheap, deterministic stand-in for an LLM judge, recorded as a
/// `gen_ai.evaluation.result` event like one.
public enum CitationCheck {
    /// The evaluation's name (`gen_ai.evaluation.name`).
    public static let name = "citation_grounding"

    /// The share of the answer's cited ids that are among `passageIDs` (0 with no citation),
    /// and `grounded` when every citation is, `ungrounded` otherwise.
    public static func evaluate(answer: String, passageIDs: Set<String>) -> (score: Double, label: String) {
        var cited: [String] = []
        var rest = Substring(answer)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            cited += rest[rest.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            rest = rest[rest.index(after: close)...]
        }
        guard !cited.isEmpty else { return (0, "ungrounded") }
        let grounded = cited.filter(passageIDs.contains).count
        return (Double(grounded) / Double(cited.count), grounded == cited.count ? "grounded" : "ungrounded")
    }
}
