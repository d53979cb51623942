import Testing
@testable import RAGDemoKit

@Suite struct GroundednessTests {
    private let passages = ["OTLP over HTTP uses port 4318 by default.", "The Collector batches spans before export."]

    @Test func anAnswerFromThePassagesPasses() {
        let result = Groundedness.evaluate(answer: "OTLP over HTTP uses port 4318. [otlp-001]", passages: passages)
        #expect(result.score == 1 && result.label == "pass")
    }

    @Test func wordsFromElsewhereLowerTheScore() {
        let result = Groundedness.evaluate(answer: "OTLP uses port 9999 via carrier pigeons.", passages: passages)
        // otlp, use, port are found; 9999, via, carrier, pigeon are not.
        #expect(result.score == 3.0 / 7.0 && result.label == "fail")
    }

    @Test func citationsAreNotCountedAndAnEmptyAnswerFails() {
        #expect(Groundedness.evaluate(answer: "OTLP [made-up-id]", passages: passages).score == 1)
        #expect(Groundedness.evaluate(answer: "", passages: passages) == (0, "fail"))
    }
}
