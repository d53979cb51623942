import Testing
@testable import RAGDemoKit

@Suite struct CitationCheckTests {
    @Test(arguments: [
        ("Port 4318. [concept-012]", 1.0, "grounded"),
        ("Port 4318 [concept-012, concept-026].", 1.0, "grounded"),
        ("Port 4318 [concept-012] and [made-up-9].", 0.5, "ungrounded"),
        ("Port 4318, no citation.", 0.0, "ungrounded"),
        ("Broken [concept-012", 0.0, "ungrounded"),
    ])
    func citationsAreCheckedAgainstThePassages(_ answer: String, _ score: Double, _ label: String) {
        let result = CitationCheck.evaluate(answer: answer, passageIDs: ["concept-012", "concept-026"])
        #expect(result.score == score && result.label == label)
    }
}
